package io.disruptorx.gateway.fix;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.fix.FixMessageWriter.Tag;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.fields.DecimalFloat;
import uk.co.real_logic.artio.fields.ReadOnlyDecimalFloat;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FixMessageWriter}'s decimals against the JDK's {@code BigDecimal} without
 * trailing zeros and against Artio's own decimal writer ({@code MutableAsciiBuffer.putFloatAscii} of a normalised
 * {@code DecimalFloat}, what Artio's encoders write; up to 18 digits, all Artio takes) for
 * numbers of every length from 1 to 19 digits, both signs, zero, {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE},
 * at scales 0 to 20 (more fraction digits than the number has, too); and the message's CheckSum(10) recomputed
 * from its bytes, since the writer sums the digits as it writes them. MsgSeqNum(34) right after MsgType(35).
 */
class FixMessageWriterTest
{
    private static final Tag PRICE = new Tag(44);
    private static final byte[] COMP_IDS = FixMessageWriter.compIds("DXVENUE", "CLIENT01");
    private static final long SENDING_TIME = 1_765_000_000_123L;
    /** The largest unscaled value Artio's {@code DecimalFloat} takes (18 digits). */
    private static final long ARTIO_MAX = ReadOnlyDecimalFloat.VALUE_MAX_VAL;

    @Test
    void shouldWriteEveryDecimalAsArtioWritesIt()
    {
        final FixMessageWriter writer = new FixMessageWriter();
        final MutableAsciiBuffer artio = new MutableAsciiBuffer(new byte[64]);
        int checked = 0;
        for (final long value : values())
        {
            for (int scale = 0; scale <= 20; scale++)
            {
                writer.begin('8', COMP_IDS, 7, SENDING_TIME, 64);
                writer.decimal(PRICE, value, scale);
                writer.end();
                final String message = writer.buffer().getStringWithoutLengthAscii(writer.offset(), writer.length());

                final String expected = BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
                final int field = message.indexOf("\u000144=") + 4;
                assertThat(message.substring(field, message.indexOf('\u0001', field)))
                    .as("%d at scale %d", value, scale).isEqualTo(expected);
                if (value >= -ARTIO_MAX && value <= ARTIO_MAX)
                {
                    // within the range Artio's DecimalFloat takes: the same text as Artio's
                    final int length = artio.putFloatAscii(0, new DecimalFloat(value, scale));
                    assertThat(artio.getAscii(0, length)).as("%d at scale %d", value, scale).isEqualTo(expected);
                }

                final int trailer = message.lastIndexOf("\u000110=") + 1;
                int sum = 0;
                for (int i = 0; i < trailer; i++)
                {
                    sum += message.charAt(i);
                }
                assertThat(message.substring(trailer)).as("%d at scale %d", value, scale)
                    .isEqualTo(String.format("10=%03d\u0001", sum % 256));
                assertThat(message).as("header order").startsWith("8=FIX.4.4\u00019=")
                    .contains("\u000135=8\u000134=7\u000149=DXVENUE\u000156=CLIENT01\u000152=");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(values().size() * 21);
    }

    private static List<Long> values()
    {
        final List<Long> values = new ArrayList<>();
        values.add(0L);
        values.add(Long.MIN_VALUE);
        values.add(Long.MAX_VALUE);
        long power = 1;
        for (int digits = 1; digits <= 19; digits++)
        {
            // 10^(d-1), 10^(d-1) + 7, and d nines / d digits 1..9 repeated: every length, trailing zeros or none
            final long repeated = Long.parseLong("1234567890123456789".substring(0, digits));
            for (final long value : new long[] {power, power + 7, repeated, power * 10 - 1 > 0 ? power * 10 - 1 : 0})
            {
                values.add(value);
                values.add(-value);
            }
            if (digits < 19)
            {
                power *= 10;
            }
        }
        return values;
    }
}
