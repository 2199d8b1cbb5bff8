import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import uk.co.real_logic.artio.dictionary.CodecGenerationTool;

/**
 * Build step of disruptorx-fix-codecs, run by exec:exec as a single-file program:
 * {@code java GenerateFixCodecs.java OUTPUT_DIR DICTIONARY}. The venue's dictionary is FIX 4.4 with two extensions:
 * OrderMassCancelRequest(q) may carry Account(1), the account whose orders to cancel (FIX 4.4's q has no party or
 * account field; FIX 5.0 added Parties); and NewOrderSingle(D) may carry TraceParent(9700), a user-defined field
 * (5000-9999) holding a W3C {@code traceparent} value, the caller's trace context. And one restriction: the venue's OrderMassCancelReport(r) carries no
 * Instrument or UnderlyingInstrument component (Artio's encoder writes an optional component whenever the message
 * is written, and fails on its required Symbol), so Symbol(55) is a plain optional field of r here; on the wire
 * that is still FIX 4.4. Generation rewrites every codec source and so forces a recompile of about
 * a minute; it runs only when the codecs are missing, older than the dictionary, or made by an older version of
 * this program, which a marker file in the output directory records. CodecGenerationTool exits the JVM with a
 * non-zero code on error, which fails the build.
 */
public final class GenerateFixCodecs
{
    /** Bump when the extensions below change, so that existing codecs are generated again. */
    private static final String VERSION = "dx4";
    private static final String MASS_CANCEL_REQUEST = "<message name=\"OrderMassCancelRequest\" msgtype=\"q\"";
    private static final String CL_ORD_ID = "<field name=\"ClOrdID\" required=\"Y\"/>";
    private static final String ACCOUNT = "<field name=\"Account\" required=\"N\"/>";
    private static final String NEW_ORDER_SINGLE = "<message name=\"NewOrderSingle\" msgtype=\"D\"";
    private static final String TRACE_PARENT = "<field name=\"TraceParent\" required=\"N\"/>";
    private static final String TRACE_PARENT_FIELD = "<field number=\"9700\" name=\"TraceParent\" type=\"STRING\"/>";
    private static final String FIELDS_END = "</fields>";
    private static final String MASS_CANCEL_REPORT = "<message name=\"OrderMassCancelReport\" msgtype=\"r\"";
    private static final String INSTRUMENTS = "<component name=\"Instrument\" required=\"N\"/>\n    " +
        "<component name=\"UnderlyingInstrument\" required=\"N\"/>";

    private GenerateFixCodecs()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final File output = new File(args[0]);
        final File dictionary = new File(args[1]);
        final File marker = new File(output, ".generated-from-" + dictionary.getName() + "-" + VERSION);
        if (marker.exists() && marker.lastModified() >= dictionary.lastModified())
        {
            System.out.println("FIX codecs in " + output + " are up to date with " + dictionary);
            return;
        }
        final File venueDictionary = new File(dictionary.getParentFile(), "venue-" + dictionary.getName());
        Files.writeString(venueDictionary.toPath(), extend(Files.readString(dictionary.toPath(),
            StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        CodecGenerationTool.main(new String[] {output.getPath(), venueDictionary.getPath()});
        if (!marker.createNewFile() && !marker.setLastModified(System.currentTimeMillis()))
        {
            throw new IllegalStateException("cannot touch " + marker);
        }
        System.out.println("FIX codecs generated into " + output + " from " + venueDictionary);
    }

    private static String extend(final String dictionary)
    {
        final int message = dictionary.indexOf(MASS_CANCEL_REQUEST);
        final int clOrdId = message < 0 ? -1 : dictionary.indexOf(CL_ORD_ID, message);
        if (clOrdId < 0)
        {
            throw new IllegalStateException("OrderMassCancelRequest(q) with ClOrdID not found in the dictionary");
        }
        final int end = clOrdId + CL_ORD_ID.length();
        final String withAccount = dictionary.substring(0, end) + "\n    " + ACCOUNT + dictionary.substring(end);
        final int report = withAccount.indexOf(MASS_CANCEL_REPORT);
        final int instruments = report < 0 ? -1 : withAccount.indexOf(INSTRUMENTS, report);
        if (instruments < 0 || withAccount.indexOf("</message>", report) < instruments)
        {
            throw new IllegalStateException("OrderMassCancelReport(r) with its instrument components not found");
        }
        return withTraceParent(withAccount.substring(0, instruments) + "<field name=\"Symbol\" required=\"N\"/>" +
            withAccount.substring(instruments + INSTRUMENTS.length()));
    }

    private static String withTraceParent(final String dictionary)
    {
        final int message = dictionary.indexOf(NEW_ORDER_SINGLE);
        final int clOrdId = message < 0 ? -1 : dictionary.indexOf(CL_ORD_ID, message);
        final int fieldsEnd = dictionary.lastIndexOf(FIELDS_END);
        if (clOrdId < 0 || fieldsEnd < clOrdId)
        {
            throw new IllegalStateException("NewOrderSingle(D) with ClOrdID, or the fields section, not found");
        }
        final int end = clOrdId + CL_ORD_ID.length();
        return dictionary.substring(0, end) + "\n    " + TRACE_PARENT + dictionary.substring(end, fieldsEnd) +
            "  " + TRACE_PARENT_FIELD + "\n  " + dictionary.substring(fieldsEnd);
    }
}
