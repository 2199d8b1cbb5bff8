package io.disruptorx.gateway.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest
{
    @ParameterizedTest
    @CsvSource({
        "12345, -2, 2, 12345",
        "12345, -2, 4, 1234500",
        "123450, -3, 2, 12345",
        "123451, -3, 2, " + Decimals.PRECISION_LOSS,
        "7, 0, 0, 7",
        "-7, 1, 2, -7000",
        "0, -30, 2, 0",
        "1, -19, 0, " + Decimals.PRECISION_LOSS,
        "1, 19, 0, " + Decimals.OUT_OF_RANGE,
        "922337203685477581, 1, 0, " + Decimals.OUT_OF_RANGE,
        "922337203685477580, 1, 0, 9223372036854775800",
        "-9223372036854775807, 0, 0, " + Decimals.OUT_OF_RANGE})
    void shouldConvertExactlyOrRefuse(final long mantissa, final int exponent, final int scale, final long expected)
    {
        assertThat(Decimals.toUnits(mantissa, exponent, scale)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 12_345_678, 99_999_999_999L})
    void shouldAgreeWithBigDecimalOnSeededValues(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++)
        {
            final long mantissa = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            final int exponent = random.nextInt(-12, 6);
            final int scale = random.nextInt(0, 9);
            final BigDecimal exact = BigDecimal.valueOf(mantissa, -exponent).movePointRight(scale);
            final long units = Decimals.toUnits(mantissa, exponent, scale);
            if (exact.stripTrailingZeros().scale() > 0)
            {
                assertThat(units).as("seed %d: %s at scale %d", seed, exact, scale).isEqualTo(Decimals.PRECISION_LOSS);
            }
            else if (exact.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0)
            {
                assertThat(units).as("seed %d: %s", seed, exact).isEqualTo(Decimals.OUT_OF_RANGE);
            }
            else
            {
                assertThat(units).as("seed %d: %s", seed, exact).isEqualTo(exact.longValueExact());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"12.50, 1250, -2", "-0.001, -1, -3", "3, 3, 0", "+10, 10, 0", "000.10, 10, -2", ".5, 5, -1"})
    void shouldParseDecimalText(final String text, final long mantissa, final int exponent)
    {
        final MutableDecimal decimal = new MutableDecimal();
        assertThat(Decimals.parse(ascii(text), 0, text.length(), decimal)).isTrue();
        assertThat(decimal.mantissa()).isEqualTo(mantissa);
        assertThat(decimal.exponent()).isEqualTo(exponent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1.", "-.", "1.2.3", "1e5", "12a", "1234567890123456789", " 1"})
    void shouldRefuseTextThatIsNotAPlainDecimal(final String text)
    {
        assertThat(Decimals.parse(ascii(text), 0, text.length(), new MutableDecimal())).isFalse();
    }

    @Test
    void shouldFormatUnitsWithTheScale()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        assertThat(format(buffer, 1250, 2)).isEqualTo("12.50");
        assertThat(format(buffer, 5, 3)).isEqualTo("0.005");
        assertThat(format(buffer, -5, 1)).isEqualTo("-0.5");
        assertThat(format(buffer, 0, 0)).isEqualTo("0");
        assertThat(format(buffer, 700, 0)).isEqualTo("700");
        assertThat(format(buffer, Long.MIN_VALUE, 4)).isEqualTo("-922337203685477.5808");
    }

    private static String format(final UnsafeBuffer buffer, final long units, final int scale)
    {
        final int length = Decimals.format(units, scale, buffer, 0);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
