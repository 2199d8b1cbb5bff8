package io.disruptorx.bench.fix;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;
import quickfix.ValidationSettings;
import quickfix.field.ClOrdID;
import quickfix.field.MsgSeqNum;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TargetCompID;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-stamped QuickFIX/J message is one QuickFIX/J itself parses and validates (BodyLength and CheckSum checked,
 * the FIX 4.4 dictionary applied), with the stamped values and every other field as QuickFIX/J wrote it.
 */
class FixTemplateTest
{
    @Test
    void shouldWriteMessagesQuickFixJParsesWithTheStampedValues() throws Exception
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID("0"), new Side(Side.BUY),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        order.set(new Symbol("BENCH"));
        order.set(new Price(99.0));
        order.set(new OrderQty(1));
        order.getHeader().setField(new SenderCompID("A"));
        order.getHeader().setField(new TargetCompID("B"));
        order.getHeader().setField(new MsgSeqNum(1));
        order.getHeader().setField(new SendingTime(LocalDateTime.now(ZoneOffset.UTC)));
        final FixTemplate template = new FixTemplate(order);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1_024]);
        final DataDictionary dictionary = new DataDictionary("FIX44.xml");
        final ValidationSettings settings = new ValidationSettings();

        final long[][] cases = {{2, 1, 1_764_940_000_001L}, {12_345, 9_876_543_210L, 1_764_940_059_999L}};
        for (final long[] stamp : cases)
        {
            final int length = template.encode(buffer, 7, stamp[0], stamp[1], stamp[2]);
            final String text = buffer.getStringWithoutLengthAscii(7, length);
            final Message parsed = new Message(text, dictionary, settings, true);
            dictionary.validate(parsed, settings);

            assertThat(parsed.getHeader().getInt(MsgSeqNum.FIELD)).isEqualTo((int)stamp[0]);
            assertThat(parsed.getString(ClOrdID.FIELD)).isEqualTo(Long.toString(stamp[1]));
            final String time = LocalDateTime.ofEpochSecond(stamp[2] / 1_000, (int)(stamp[2] % 1_000) * 1_000_000,
                ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS"));
            assertThat(parsed.getHeader().getString(SendingTime.FIELD)).isEqualTo(time);
            assertThat(parsed.getString(TransactTime.FIELD)).isEqualTo(time);
            assertThat(parsed.getString(Symbol.FIELD)).isEqualTo("BENCH");
            assertThat(text).contains("\u000144=99\u0001").endsWith(checksum(text) + "\u0001");
            assertThat(text.getBytes(StandardCharsets.US_ASCII)).hasSize(length);
        }
    }

    private static String checksum(final String text)
    {
        final int trailer = text.lastIndexOf("10=");
        int sum = 0;
        for (int i = 0; i < trailer; i++)
        {
            sum += text.charAt(i);
        }
        return String.format("10=%03d", sum & 0xFF);
    }
}
