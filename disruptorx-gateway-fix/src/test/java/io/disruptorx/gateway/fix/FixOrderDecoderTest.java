package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import io.disruptorx.fix44.decoder.HeaderDecoder;
import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import io.disruptorx.fix44.decoder.OrderCancelReplaceRequestDecoder;
import io.disruptorx.fix44.decoder.OrderCancelRequestDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import quickfix.Message;
import uk.co.real_logic.artio.builder.Decoder;
import uk.co.real_logic.artio.fields.DecimalFloat;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's in-place decoder of D, F and G ({@link FixOrderDecoder}) against Artio's generated decoders, which
 * answered every order before it and still answer every message it does not take: on QuickFIX/J's own messages, on
 * random valid messages (fields in random order, optional fields present or not, random values) it must take each
 * and read the same values as Artio's decoder; on random malformed or unusual ones (a field missing, repeated,
 * unknown, empty, out of place, a bad enum value or number, bytes after the CheckSum, ...) it must never take one
 * Artio's decoder refuses, and what it takes it must read as Artio's decoder does.
 */
class FixOrderDecoderTest
{
    private static final char SOH = '\u0001';
    private static final String[] IDS = {"1", "42", "ORDER7", "abcDEF1234", "123456789012345678", "a-b", "0042"};
    private static final String[] ACCOUNTS = {"3", "4", "17", "x1"};
    private static final String[] SYMBOLS = {"BTC-USD", "ETH-USD", "NOPE", "BENCH"};
    private static final String[] DECIMALS = {"1", "0.5", "99.0", "100.250", "0", "0.000", "007.10",
        "123456789012345678", "0.00000001", "5000"};
    private static final String[] BAD_DECIMALS = {"1.", ".5", "-1", "1e2", " 1", "1 ", "abc", "1.2.3",
        "99999999999999999999", "+1", "1,5", "1234567890.123456789", "0.0000000000000000000000000001"};
    private static final String[] EXEC_INSTS = {"6", "6 1", "1", "E 6 G"};
    private static final String[] BAD_EXEC_INSTS = {"6  6", "66", "6 ", " 6", "#", "6 #"};
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String[] UNKNOWN = {"58=hello", "100=XNYS", "15=USD", "150=0", "115=ON", "9701=x",
        "448=P1", "453=1"};

    private final FixOrderDecoder fast = new FixOrderDecoder();
    private final NewOrderSingleDecoder newOrder = new NewOrderSingleDecoder();
    private final OrderCancelRequestDecoder cancel = new OrderCancelRequestDecoder();
    private final OrderCancelReplaceRequestDecoder replace = new OrderCancelReplaceRequestDecoder();

    static LongStream seeds()
    {
        return LongStream.range(0, 300);
    }

    @Test
    void shouldTakeQuickFixJsOwnOrdersAndReadThemAsArtioDoes()
    {
        for (final Message message : List.of(
            FixMessages.limit("ORDER1", "BTC-USD", '1', "30000.5", "0.25"),
            FixMessages.limit("9", "ETH-USD", '2', "1", "100"),
            FixMessages.cancel("C1", "ORDER1", '1'),
            FixMessages.replace("R1", "ORDER1", '1', "29999.75", "0.5")))
        {
            message.getHeader().setString(49, "alice");
            message.getHeader().setString(56, "DXEX");
            message.getHeader().setInt(34, 7);
            message.getHeader().setString(52, "20261206-09:00:00.000");
            final String text = message.toString();
            assertThat(compare(text, type(text))).as(text).isEqualTo(Verdict.TAKEN);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldTakeEveryRandomValidMessageAndReadItAsArtioDoes(final long seed)
    {
        final Random random = new Random(seed);
        final char type = "DFG".charAt(random.nextInt(3));
        final String text = render(valid(random, type));
        assertThat(compare(text, type)).as(text.replace(SOH, '|')).isEqualTo(Verdict.TAKEN);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldNeverTakeARandomMalformedMessageArtioRefuses(final long seed)
    {
        final Random random = new Random(seed ^ 0x5DEECE66DL);
        final char type = "DFG".charAt(random.nextInt(3));
        final List<String> fields = valid(random, type);
        for (int i = random.nextInt(3); i >= 0; i--)
        {
            mutate(random, fields);
        }
        final String text = render(fields);
        compare(text, type);
    }

    @Test
    void shouldReachEveryVerdictFromTheMutations()
    {
        final Map<Verdict, Integer> verdicts = new LinkedHashMap<>();
        final Random random = new Random(11);
        for (int i = 0; i < 5_000; i++)
        {
            final char type = "DFG".charAt(random.nextInt(3));
            final List<String> fields = valid(random, type);
            mutate(random, fields);
            verdicts.merge(compare(render(fields), type), 1, Integer::sum);
        }
        assertThat(verdicts.keySet()).as("%s", verdicts)
            .containsExactlyInAnyOrder(Verdict.TAKEN, Verdict.LEFT_VALID, Verdict.LEFT_INVALID);
    }

    @Test
    void shouldLeaveOtherMessageTypesToArtio()
    {
        final String text = "8=FIX.4.4" + SOH + "9=5" + SOH + "35=q" + SOH + "34=1" + SOH + "49=a" + SOH + "52=x" +
            SOH + "56=b" + SOH + "11=1" + SOH + "530=7" + SOH + "10=000" + SOH;
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(fast.decode(buffer, 0, text.length(), 'q')).isFalse();
        assertThat(FixOrderDecoder.isOrderMessage(NewOrderSingleDecoder.MESSAGE_TYPE)).isTrue();
        assertThat(FixOrderDecoder.isOrderMessage('q')).isFalse();
    }

    private enum Verdict
    {
        /** The edge's decoder took it (and read it as Artio's decoder does). */
        TAKEN,
        /** Left to Artio's decoder, which finds it valid (a field the edge's decoder does not know). */
        LEFT_VALID,
        /** Left to Artio's decoder, which refuses it. */
        LEFT_INVALID
    }

    private Verdict compare(final String text, final char type)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(8, bytes);
        final long messageType = type == 'D' ? NewOrderSingleDecoder.MESSAGE_TYPE :
            type == 'F' ? OrderCancelRequestDecoder.MESSAGE_TYPE : OrderCancelReplaceRequestDecoder.MESSAGE_TYPE;
        final boolean taken = fast.decode(buffer, 8, bytes.length, messageType);
        final Map<String, String> artio = artio(buffer, bytes.length, type);
        if (!taken)
        {
            return artio == null ? Verdict.LEFT_INVALID : Verdict.LEFT_VALID;
        }
        assertThat(artio).as("Artio's decoder refuses what the edge's decoder took: %s", text.replace(SOH, '|'))
            .isNotNull();
        assertThat(fields(type)).as(text.replace(SOH, '|')).isEqualTo(artio);
        return Verdict.TAKEN;
    }

    /**
     * @return what Artio's decoder read, or {@code null} when it refuses the message (validate false or a throw).
     */
    private Map<String, String> artio(final UnsafeBuffer buffer, final int length, final char type)
    {
        final MutableAsciiBuffer ascii = new MutableAsciiBuffer(buffer, 8, length);
        final Map<String, String> read = new LinkedHashMap<>();
        try
        {
            final Decoder decoder = type == 'D' ? newOrder : type == 'F' ? cancel : replace;
            decoder.reset();
            decoder.decode(ascii, 0, length);
            if (!decoder.validate())
            {
                return null;
            }
            if (type == 'D')
            {
                header(read, newOrder.header());
                read.put("11", new String(newOrder.clOrdID(), 0, newOrder.clOrdIDLength()));
                read.put("1", newOrder.hasAccount() ?
                    new String(newOrder.account(), 0, newOrder.accountLength()) : "-");
                read.put("55", new String(newOrder.symbol(), 0, newOrder.symbolLength()));
                read.put("54", String.valueOf(newOrder.side()));
                read.put("40", String.valueOf(newOrder.ordType()));
                read.put("59", newOrder.hasTimeInForce() ? String.valueOf(newOrder.timeInForce()) : "-");
                read.put("post", String.valueOf(newOrder.hasExecInst() &&
                    new String(newOrder.execInst(), 0, newOrder.execInstLength()).indexOf('6') >= 0));
                read.put("44", newOrder.hasPrice() ? decimal(newOrder.price()) : "-");
                read.put("38", newOrder.hasOrderQty() ? decimal(newOrder.orderQty()) : "-");
                read.put("9700", newOrder.hasTraceParent() ? newOrder.traceParentAsString() : "-");
            }
            else if (type == 'F')
            {
                header(read, cancel.header());
                read.put("11", new String(cancel.clOrdID(), 0, cancel.clOrdIDLength()));
                read.put("41", new String(cancel.origClOrdID(), 0, cancel.origClOrdIDLength()));
                read.put("37", cancel.hasOrderID() ? new String(cancel.orderID(), 0, cancel.orderIDLength()) : "-");
                read.put("1", cancel.hasAccount() ? new String(cancel.account(), 0, cancel.accountLength()) : "-");
                read.put("55", new String(cancel.symbol(), 0, cancel.symbolLength()));
                read.put("54", String.valueOf(cancel.side()));
            }
            else
            {
                header(read, replace.header());
                read.put("11", new String(replace.clOrdID(), 0, replace.clOrdIDLength()));
                read.put("41", new String(replace.origClOrdID(), 0, replace.origClOrdIDLength()));
                read.put("37", replace.hasOrderID() ? new String(replace.orderID(), 0, replace.orderIDLength()) : "-");
                read.put("1", replace.hasAccount() ? new String(replace.account(), 0, replace.accountLength()) : "-");
                read.put("55", new String(replace.symbol(), 0, replace.symbolLength()));
                read.put("54", String.valueOf(replace.side()));
                read.put("40", String.valueOf(replace.ordType()));
                read.put("post", String.valueOf(replace.hasExecInst() &&
                    new String(replace.execInst(), 0, replace.execInstLength()).indexOf('6') >= 0));
                read.put("44", replace.hasPrice() ? decimal(replace.price()) : "-");
                read.put("38", replace.hasOrderQty() ? decimal(replace.orderQty()) : "-");
            }
            return read;
        }
        catch (final RuntimeException e)
        {
            return null;
        }
    }

    private static void header(final Map<String, String> read, final HeaderDecoder header)
    {
        read.put("34", String.valueOf(header.msgSeqNum()));
        read.put("43", String.valueOf(header.hasPossDupFlag() && header.possDupFlag()));
    }

    /**
     * @return what the edge's decoder read, in the same form as {@link #artio}.
     */
    private Map<String, String> fields(final char type)
    {
        final Map<String, String> read = new LinkedHashMap<>();
        read.put("34", String.valueOf(fast.msgSeqNum));
        read.put("43", String.valueOf(fast.possDupFlag));
        read.put("11", text(fast.clOrdIdOffset, fast.clOrdIdLength));
        if (type != 'D')
        {
            read.put("41", text(fast.origClOrdIdOffset, fast.origClOrdIdLength));
            read.put("37", text(fast.orderIdOffset, fast.orderIdLength));
        }
        read.put("1", text(fast.accountOffset, fast.accountLength));
        read.put("55", text(fast.symbolOffset, fast.symbolLength));
        read.put("54", String.valueOf((char)fast.side));
        if (type != 'F')
        {
            read.put("40", String.valueOf((char)fast.ordType));
            if (type == 'D')
            {
                read.put("59", fast.timeInForce == 0 ? "-" : String.valueOf((char)fast.timeInForce));
            }
            read.put("post", String.valueOf(fast.postOnly));
            read.put("44", fast.hasPrice ? fast.priceValue + "e-" + fast.priceScale : "-");
            read.put("38", fast.hasOrderQty ? fast.orderQtyValue + "e-" + fast.orderQtyScale : "-");
            if (type == 'D')
            {
                read.put("9700", text(fast.traceParentOffset, fast.traceParentLength));
            }
        }
        return read;
    }

    private String text(final int offset, final int length)
    {
        return length < 0 ? "-" : fast.buffer.getStringWithoutLengthAscii(offset, length);
    }

    private static String decimal(final DecimalFloat value)
    {
        return value.value() + "e-" + value.scale();
    }

    private static char type(final String text)
    {
        final int at = text.indexOf(SOH + "35=");
        return text.charAt(at + 4);
    }

    /**
     * @return a valid message of the type as its fields ({@code tag=value}), CheckSum last; the header's and the
     * body's fields each in random order, every optional field there or not.
     */
    private static List<String> valid(final Random random, final char type)
    {
        final List<String> header = new ArrayList<>(List.of("34=" + (1 + random.nextInt(1_000_000)), "49=alice",
            "52=20261206-09:00:00.000", "56=DXEX"));
        maybe(random, header, "43=" + (random.nextBoolean() ? 'Y' : 'N'));
        maybe(random, header, "97=" + (random.nextBoolean() ? 'Y' : 'N'));
        maybe(random, header, "50=desk");
        maybe(random, header, "57=ME");
        maybe(random, header, "122=20261206-08:59:59.000");
        Collections.shuffle(header, random);
        final List<String> body = new ArrayList<>();
        body.add("11=" + pick(random, IDS));
        body.add("55=" + pick(random, SYMBOLS));
        body.add("54=" + pick(random, "1", "2", "5", "B"));
        body.add("60=20261206-09:00:00.000");
        maybe(random, body, "1=" + pick(random, ACCOUNTS));
        maybe(random, body, "38=" + pick(random, DECIMALS));
        if (type != 'D')
        {
            body.add("41=" + pick(random, IDS));
            maybe(random, body, "37=" + pick(random, "1", "123456", "abc", "99999999999999999999"));
        }
        if (type != 'F')
        {
            body.add("40=" + pick(random, "1", "2", "3", "P"));
            maybe(random, body, "44=" + pick(random, DECIMALS));
            maybe(random, body, "59=" + pick(random, "0", "1", "3", "4", "6"));
            maybe(random, body, "18=" + pick(random, EXEC_INSTS));
            maybe(random, body, "21=" + pick(random, "1", "2", "3"));
        }
        if (type == 'D')
        {
            maybe(random, body, "9700=" + TRACE);
        }
        Collections.shuffle(body, random);
        final List<String> fields = new ArrayList<>(List.of("8=FIX.4.4", "9=100", "35=" + type));
        fields.addAll(header);
        fields.addAll(body);
        fields.add("10=" + String.format("%03d", random.nextInt(256)));
        return fields;
    }

    private static void mutate(final Random random, final List<String> fields)
    {
        final int last = fields.size() - 1;
        final int any = 3 + random.nextInt(last - 3);
        final String field = fields.get(any);
        final String tag = field.substring(0, field.indexOf('='));
        switch (random.nextInt(14))
        {
            case 0 -> fields.remove(any);
            case 1 -> fields.add(3 + random.nextInt(last - 2), field);
            case 2 -> fields.add(3 + random.nextInt(last - 2), pick(random, UNKNOWN));
            case 3 -> fields.set(any, tag + "=");
            case 4 -> fields.add(3 + random.nextInt(last - 2), pick(random, "54=Z", "40=Q", "59=9", "21=4",
                "43=X", "43=YY", "97=maybe", "54=12", "35=D"));
            case 5 -> fields.set(any, pick(random, "38=", "44=") + pick(random, BAD_DECIMALS));
            case 6 -> fields.set(any, "18=" + pick(random, BAD_EXEC_INSTS));
            case 7 -> fields.add(last, pick(random, "49=bob", "34=9", "52=20261206-09:00:01.000", "43=Y"));
            case 8 -> fields.add(random.nextBoolean() ? fields.size() : 0, pick(random, "58=after", "8=FIX.4.4"));
            case 9 -> fields.remove(random.nextBoolean() ? last : random.nextInt(3));
            case 10 -> fields.set(any, pick(random, "34=12a", "34=-1", "34=", "34=1234567890", "9=x"));
            case 11 -> fields.set(any, pick(random, "0", "01", "1a", "-5", "", "00011") + field.substring(
                field.indexOf('=')));
            case 12 -> fields.set(any, field + pick(random, "\u00e9", "\u0002", "=", " "));
            default -> Collections.swap(fields, random.nextInt(3), 3 + random.nextInt(last - 3));
        }
    }

    private static void maybe(final Random random, final List<String> fields, final String field)
    {
        if (random.nextBoolean())
        {
            fields.add(field);
        }
    }

    private static String pick(final Random random, final String... values)
    {
        return values[random.nextInt(values.length)];
    }

    private static String render(final List<String> fields)
    {
        final StringBuilder text = new StringBuilder();
        for (final String field : fields)
        {
            text.append(field).append(SOH);
        }
        return text.toString();
    }
}
