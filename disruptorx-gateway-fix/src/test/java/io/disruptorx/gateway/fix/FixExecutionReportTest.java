package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.fix44.builder.ExecutionReportEncoder;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportBuilder;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Field;
import quickfix.FieldMap;
import quickfix.Message;
import quickfix.ValidationSettings;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written ExecutionReport ({@link FixExecutionReport} through {@link FixMessageWriter}) read back by an
 * independent parser, QuickFIX/J's, with its FIX 4.4 dictionary: for each ExecType/OrdStatus the FIX edge sends,
 * the checksum and body length are validated by the parser and recomputed here, the dictionary accepts the message,
 * and every field (header, body, trailer) is exactly the one expected, in the dictionary's order (MsgSeqNum right
 * after MsgType); and the bytes are those Artio's generated encoder writes for the same fields, MsgSeqNum moved.
 */
class FixExecutionReportTest
{
    private static final int INSTRUMENT = 7;
    private static final int MSG_SEQ_NUM = 4321;
    /** 2026-12-06T06:30:05.042Z. */
    private static final long SENDING_TIME = 1796538605042L;
    private static final String SENDING_TIME_TEXT = "20261206-06:30:05.042";
    private static final long CLIENT_ORDER_ID = ClientOrderIds.encode("ord1");
    private static final long CANCEL_ID = ClientOrderIds.encode("cxl2");

    private final FixReports reports = new FixReports(
        new InstrumentDirectory(List.of(new InstrumentSpec(INSTRUMENT, "BTCUSD", 2, 3, 1, 1))));
    private final FixSessionState state = new FixSessionState(null);

    FixExecutionReportTest()
    {
        state.compIds = FixMessageWriter.compIds("DXVENUE", "CLIENT01");
    }

    @Test
    void shouldWriteANewLimitOrder() throws Exception
    {
        final Report accepted = new ReportBuilder(ReportKind.ACCEPTED).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).orderType(FixCodes.LIMIT)
            .timeInForce(FixCodes.GTC).price(123_456).quantity(2_500).leavesQuantity(2_500).build();

        final Map<Integer, String> expected = body("37", "42", "11", "ord1", "17", "11", "150", "0", "39", "0",
            "1", "5", "55", "BTCUSD", "54", "2", "38", "2.5", "40", "2", "44", "1234.56", "59", "1",
            "151", "2.5", "14", "0", "6", "0");
        assertWritten(accepted, 11, expected);
    }

    @Test
    void shouldWriteANewMarketOrderWithoutAPrice() throws Exception
    {
        final Report accepted = new ReportBuilder(ReportKind.ACCEPTED).orderId(43).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.BUY).orderType(FixCodes.MARKET)
            .timeInForce(FixCodes.IOC).quantity(7).build();

        assertWritten(accepted, 12, body("37", "43", "11", "ord1", "17", "12", "150", "0", "39", "0", "1", "5",
            "55", "BTCUSD", "54", "1", "38", "0.007", "40", "1", "59", "3", "151", "0.007", "14", "0", "6", "0"));
    }

    @Test
    void shouldWriteAPartialFillAndThenAFill() throws Exception
    {
        final Report partial = new ReportBuilder(ReportKind.FILL).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).liquidity(0).lastPrice(123_456)
            .lastQuantity(1_000).leavesQuantity(1_500).cumQuantity(1_000).build();
        assertWritten(partial, 13, body("37", "42", "11", "ord1", "17", "13", "150", "F", "39", "1", "1", "5",
            "55", "BTCUSD", "54", "2", "32", "1", "31", "1234.56", "151", "1.5", "14", "1",
            "6", "1234.56", "851", "1"));
        state.reportSent(partial);

        final Report fill = new ReportBuilder(ReportKind.FILL).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).liquidity(1).lastPrice(123_457)
            .lastQuantity(1_500).leavesQuantity(0).cumQuantity(2_500).build();
        // (123,456 x 1,000 + 123,457 x 1,500) / 2,500 = 123,456.6 in price units
        assertWritten(fill, 14, body("37", "42", "11", "ord1", "17", "14", "150", "F", "39", "2", "1", "5",
            "55", "BTCUSD", "54", "2", "32", "1.5", "31", "1234.57", "151", "0", "14", "2.5",
            "6", "1234.566", "851", "2"));
    }

    @Test
    void shouldWriteACancelNamingTheRequest() throws Exception
    {
        final Report cancelled = new ReportBuilder(ReportKind.CANCELLED).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .requestId(CANCEL_ID).accountId(5).instrumentId(INSTRUMENT).side(FixCodes.BUY)
            .reason(CancelReason.REQUESTED.value()).cumQuantity(0).build();

        assertWritten(cancelled, 15, body("37", "42", "11", "cxl2", "41", "ord1", "17", "15", "150", "4",
            "39", "4", "1", "5", "55", "BTCUSD", "54", "1", "151", "0", "14", "0", "6", "0",
            "58", "REQUESTED"));
    }

    @Test
    void shouldWriteAnUnrequestedCancelOfAPartlyFilledOrder() throws Exception
    {
        final Report cancelled = new ReportBuilder(ReportKind.CANCELLED).orderId(44).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.BUY).reason(CancelReason.IOC_REMAINDER.value())
            .cumQuantity(500).build();

        assertWritten(cancelled, 16, body("37", "44", "11", "ord1", "17", "16", "150", "4", "39", "4", "1", "5",
            "55", "BTCUSD", "54", "1", "151", "0", "14", "0.5", "6", "0", "58", "IOC_REMAINDER"));
    }

    @Test
    void shouldWriteAReplaceThatKeptOrLostPriority() throws Exception
    {
        final Report kept = new ReportBuilder(ReportKind.REPLACED).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .requestId(CANCEL_ID).accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).flag(true)
            .price(123_400).leavesQuantity(2_000).cumQuantity(0).build();
        assertWritten(kept, 17, body("37", "42", "11", "cxl2", "41", "ord1", "17", "17", "150", "5", "39", "0",
            "1", "5", "55", "BTCUSD", "54", "2", "38", "2", "44", "1234", "151", "2", "14", "0",
            "6", "0", "58", "PRIORITY_KEPT"));

        final Report lost = new ReportBuilder(ReportKind.REPLACED).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .requestId(CANCEL_ID).accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).flag(false)
            .price(99).leavesQuantity(3_000).cumQuantity(1_000).build();
        assertWritten(lost, 18, body("37", "42", "11", "cxl2", "41", "ord1", "17", "18", "150", "5", "39", "1",
            "1", "5", "55", "BTCUSD", "54", "2", "38", "4", "44", "0.99", "151", "3", "14", "1",
            "6", "0", "58", "PRIORITY_LOST"));
    }

    @Test
    void shouldWriteARejectWithItsReason() throws Exception
    {
        final Report rejected = new ReportBuilder(ReportKind.REJECTED).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.BUY)
            .reason(EntryRejectReason.INSUFFICIENT_BALANCE.value()).build();

        assertWritten(rejected, 19, body("37", "NONE", "11", "ord1", "17", "19", "150", "8", "39", "8",
            "103", "3", "1", "5", "55", "BTCUSD", "54", "1", "151", "0", "14", "0", "6", "0",
            "58", "INSUFFICIENT_BALANCE"));
    }

    @Test
    void shouldWriteARejectForAnUnknownInstrument() throws Exception
    {
        final Report rejected = new ReportBuilder(ReportKind.REJECTED).clientOrderId(CLIENT_ORDER_ID)
            .accountId(123_456_789_012L).instrumentId(99).side(FixCodes.SELL)
            .reason(EntryRejectReason.UNKNOWN_INSTRUMENT.value()).build();

        assertWritten(rejected, 1_000_000_007L, body("37", "NONE", "11", "ord1", "17", "1000000007", "150", "8",
            "39", "8", "103", "1", "1", "123456789012", "55", "[N/A]", "54", "2", "151", "0", "14", "0", "6", "0",
            "58", "UNKNOWN_INSTRUMENT"));
    }

    @Test
    void shouldWriteTheBytesArtiosEncoderWrites()
    {
        final Report partial = new ReportBuilder(ReportKind.FILL).orderId(42).clientOrderId(CLIENT_ORDER_ID)
            .accountId(5).instrumentId(INSTRUMENT).side(FixCodes.SELL).liquidity(0).lastPrice(123_456)
            .lastQuantity(1_000).leavesQuantity(1_500).cumQuantity(1_000).build();
        assertThat(reports.encode(partial, 13, state, MSG_SEQ_NUM, SENDING_TIME)).isEqualTo(FixReports.WRITTEN);

        final ExecutionReportEncoder artio = new ExecutionReportEncoder();
        artio.header().senderCompID("DXVENUE").targetCompID("CLIENT01").msgSeqNum(MSG_SEQ_NUM)
            .sendingTime(SENDING_TIME_TEXT.getBytes(StandardCharsets.US_ASCII));
        artio.orderID("42").clOrdID("ord1").execID("13").execType('F').ordStatus('1').account("5")
            .side('2').lastQty(1_000, 3).lastPx(123_456, 2).leavesQty(1_500, 3).cumQty(1_000, 3)
            .avgPx(1_234_560_000L, 6).lastLiquidityInd(1);
        artio.instrument().symbol("BTCUSD");
        final MutableAsciiBuffer buffer = new MutableAsciiBuffer(new byte[1024]);
        final long result = artio.encode(buffer, 0);

        assertThat(written())
            .isEqualTo(msgSeqNumAfterMsgType(buffer.getAscii(Encoder.offset(result), Encoder.length(result))));
    }

    @Test
    void shouldWriteTheBytesArtiosEncoderWritesAcrossSecondsAndForLongNumbers()
    {
        final long[] times = {SENDING_TIME, SENDING_TIME, SENDING_TIME + 1, SENDING_TIME + 957, SENDING_TIME + 958,
            SENDING_TIME - 42, SENDING_TIME - 43, SENDING_TIME + 86_400_000L * 40 + 999, SENDING_TIME};
        final long[] numbers = {1, 9, 10, 99, 100, 999_999_999L, 1_000_000_000L, 1_000_000_000_000_000_000L,
            Long.MAX_VALUE};
        final UtcTimestampEncoder timestamp = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
        for (int i = 0; i < times.length; i++)
        {
            final long number = numbers[i];
            final int msgSeqNum = (int)Math.min(Integer.MAX_VALUE, number);
            final long price = Math.min(number, 123_456_789_012L);
            final Report partial = new ReportBuilder(ReportKind.FILL).orderId(number).clientOrderId(CLIENT_ORDER_ID)
                .accountId(number).instrumentId(INSTRUMENT).side(FixCodes.BUY).liquidity(1).lastPrice(price)
                .lastQuantity(1_000).leavesQuantity(0).cumQuantity(1_000).build();
            assertThat(reports.encode(partial, number, state, msgSeqNum, times[i])).isEqualTo(FixReports.WRITTEN);

            final ExecutionReportEncoder artio = new ExecutionReportEncoder();
            final int timeLength = timestamp.encode(times[i]);
            artio.header().senderCompID("DXVENUE").targetCompID("CLIENT01").msgSeqNum(msgSeqNum)
                .sendingTime(Arrays.copyOf(timestamp.buffer(), timeLength));
            artio.orderID(Long.toString(number)).clOrdID("ord1").execID(Long.toString(number)).execType('F')
                .ordStatus('2').account(Long.toString(number)).side('1').lastQty(1_000, 3).lastPx(price, 2)
                .leavesQty(0, 0).cumQty(1_000, 3).avgPx(FixReports.averagePrice(price * 1_000, 1_000), 6)
                .lastLiquidityInd(2);
            artio.instrument().symbol("BTCUSD");
            final MutableAsciiBuffer buffer = new MutableAsciiBuffer(new byte[1024]);
            final long result = artio.encode(buffer, 0);

            assertThat(written()).as("time %d, number %d", times[i], number)
                .isEqualTo(msgSeqNumAfterMsgType(buffer.getAscii(Encoder.offset(result), Encoder.length(result))));
        }
    }

    private void assertWritten(final Report report, final long sequence, final Map<Integer, String> body)
        throws Exception
    {
        assertThat(reports.encode(report, sequence, state, MSG_SEQ_NUM, SENDING_TIME)).isEqualTo(FixReports.WRITTEN);
        final String text = written();

        final int trailer = text.lastIndexOf("\u000110=") + 1;
        int sum = 0;
        for (int i = 0; i < trailer; i++)
        {
            sum += text.charAt(i);
        }
        assertThat(text.substring(trailer)).isEqualTo(String.format("10=%03d\u0001", sum % 256));
        final int bodyStart = text.indexOf('\u0001', text.indexOf("\u00019=") + 1) + 1;
        assertThat(text).startsWith("8=FIX.4.4\u00019=" + (trailer - bodyStart) + "\u0001");

        final DataDictionary dictionary = new DataDictionary("FIX44.xml");
        final ValidationSettings validation = new ValidationSettings();
        final Message message = new Message(text, dictionary, validation, true);
        dictionary.validate(message, validation);
        assertThat(message.getException()).isNull();

        final Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(8, "FIX.4.4");
        expected.put(9, Integer.toString(trailer - bodyStart));
        expected.put(35, "8");
        expected.put(34, Integer.toString(MSG_SEQ_NUM));
        expected.put(49, "DXVENUE");
        expected.put(56, "CLIENT01");
        expected.put(52, SENDING_TIME_TEXT);
        expected.putAll(body);
        expected.put(10, String.format("%03d", sum % 256));
        final Map<Integer, String> parsed = new LinkedHashMap<>();
        fields(message.getHeader(), parsed);
        fields(message, parsed);
        fields(message.getTrailer(), parsed);
        assertThat(parsed).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(tagsInOrder(text)).containsExactlyElementsOf(expected.keySet());
    }

    /**
     * @param artio a message as Artio's encoder writes it: {@code 8|9|35|49|56|34|52|...}.
     * @return the same message with MsgSeqNum(34) moved right after MsgType(35), where the writer puts it: same
     *     fields, same BodyLength and CheckSum (a sum of the bytes, which moving a field does not change).
     */
    private static String msgSeqNumAfterMsgType(final String artio)
    {
        final int seqNum = artio.indexOf("\u000134=") + 1;
        final int seqNumEnd = artio.indexOf('\u0001', seqNum) + 1;
        final int afterMsgType = artio.indexOf('\u0001', artio.indexOf("\u000135=") + 1) + 1;
        assertThat(seqNum).as("MsgSeqNum after MsgType in Artio's bytes").isGreaterThan(afterMsgType);
        return artio.substring(0, afterMsgType) + artio.substring(seqNum, seqNumEnd) +
            artio.substring(afterMsgType, seqNum) + artio.substring(seqNumEnd);
    }

    private String written()
    {
        final FixMessageWriter writer = reports.written();
        return writer.buffer().getStringWithoutLengthAscii(writer.offset(), writer.length());
    }

    private static void fields(final FieldMap map, final Map<Integer, String> into)
    {
        final Iterator<Field<?>> fields = map.iterator();
        while (fields.hasNext())
        {
            final Field<?> field = fields.next();
            assertThat(into.put(field.getTag(), field.getObject().toString())).as("tag %d once", field.getTag())
                .isNull();
        }
    }

    private static List<Integer> tagsInOrder(final String text)
    {
        final List<Integer> tags = new ArrayList<>();
        int at = 0;
        while (at < text.length())
        {
            tags.add(Integer.parseInt(text.substring(at, text.indexOf('=', at))));
            at = text.indexOf('\u0001', at) + 1;
        }
        return tags;
    }

    private static Map<Integer, String> body(final String... tagsAndValues)
    {
        final Map<Integer, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < tagsAndValues.length; i += 2)
        {
            fields.put(Integer.parseInt(tagsAndValues[i]), tagsAndValues[i + 1]);
        }
        return fields;
    }
}
