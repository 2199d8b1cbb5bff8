import java.io.File;

import uk.co.real_logic.artio.dictionary.CodecGenerationTool;

/**
 * Build step of disruptorx-fix-codecs, run by exec:exec as a single-file program:
 * {@code java GenerateFixCodecs.java OUTPUT_DIR DICTIONARY}. Generation rewrites every codec source and so forces a
 * recompile of about a minute; it runs only when the codecs are missing or older than the dictionary, which a
 * marker file in the output directory records. CodecGenerationTool exits the JVM with a non-zero code on error, which
 * fails the build.
 */
public final class GenerateFixCodecs
{
    private GenerateFixCodecs()
    {
    }

    public static void main(final String[] args)
    {
        final File output = new File(args[0]);
        final File dictionary = new File(args[1]);
        final File marker = new File(output, ".generated-from-" + dictionary.getName());
        if (marker.exists() && marker.lastModified() >= dictionary.lastModified())
        {
            System.out.println("FIX codecs in " + output + " are up to date with " + dictionary);
            return;
        }
        CodecGenerationTool.main(new String[] {output.getPath(), dictionary.getPath()});
        try
        {
            if (!marker.createNewFile() && !marker.setLastModified(System.currentTimeMillis()))
            {
                throw new IllegalStateException("cannot touch " + marker);
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("cannot write " + marker, ex);
        }
        System.out.println("FIX codecs generated into " + output + " from " + dictionary);
    }
}
