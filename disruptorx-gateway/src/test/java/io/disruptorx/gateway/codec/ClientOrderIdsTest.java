package io.disruptorx.gateway.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIdsTest
{
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 2024})
    void shouldRoundTripSeededIdsWithoutCollisions(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<Long, String> seen = new HashMap<>();
        for (int i = 0; i < 50_000; i++)
        {
            final int form = random.nextInt(3);
            final String text = form == 0 ? base62(random) : form == 1 ? decimal(random) : parityStyle(random);
            final long id = ClientOrderIds.encode(text);
            assertThat(id).as("seed %d: %s", seed, text).isPositive();
            assertThat(ClientOrderIds.toText(id)).as("seed %d", seed).isEqualTo(text);
            final String before = seen.put(id, text);
            assertThat(before == null || before.equals(text)).as("seed %d: %s and %s", seed, before, text).isTrue();
        }
    }

    @Test
    void shouldTellLeadingZerosApartAndPadWithSpaces()
    {
        assertThat(ClientOrderIds.encode("7")).isNotEqualTo(ClientOrderIds.encode("07"));
        assertThat(ClientOrderIds.encode("ABC   ")).isEqualTo(ClientOrderIds.encode("ABC"));
        assertThat(ClientOrderIds.toText(ClientOrderIds.encode("zzzzzzzzzz"))).isEqualTo("zzzzzzzzzz");
        assertThat(ClientOrderIds.encode("zzzzzzzzzz")).isEqualTo(ClientOrderIds.BASE62_MAX);
        assertThat(ClientOrderIds.toText(ClientOrderIds.encode("123456789012345678"))).isEqualTo("123456789012345678");
        assertThat(ClientOrderIds.toText(ClientOrderIds.encode("09:05:01-0000042"))).isEqualTo("09:05:01-0000042");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ABCDEFGHIJK", "0123456789012", "1234567890123456789", "AB-1", " A", "é",
        "24:00:00-0000001", "12:60:00-0000001", "12:00:00-000000x", "12:00:00:0000001"})
    void shouldRefuseIdsThatDoNotFit(final String text)
    {
        assertThat(ClientOrderIds.encode(text)).isEqualTo(ClientOrderIds.INVALID);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 41, 977})
    void shouldReadAndWriteArraysAsBuffers(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final String noise = " :-0Az9é";
        for (int i = 0; i < 20_000; i++)
        {
            final int form = random.nextInt(5);
            String text = form == 0 ? base62(random) : form == 1 ? decimal(random) : parityStyle(random);
            if (form >= 3)
            {
                final char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
                text = new String(chars);
            }
            final byte[] bytes = ("xx" + text + "  ").getBytes(StandardCharsets.ISO_8859_1);
            final long id = ClientOrderIds.encode(new UnsafeBuffer(bytes), 2, bytes.length - 2);
            assertThat(ClientOrderIds.encode(bytes, 2, bytes.length - 2)).as("seed %d: %s", seed, text).isEqualTo(id);
            final UnsafeBuffer written = new UnsafeBuffer(new byte[ClientOrderIds.MAX_TEXT_LENGTH + 3]);
            final byte[] array = new byte[ClientOrderIds.MAX_TEXT_LENGTH + 3];
            final int length = ClientOrderIds.decode(id, written, 3);
            assertThat(ClientOrderIds.decode(id, array, 3)).as("seed %d: %s", seed, text).isEqualTo(length);
            if (length > 0)
            {
                assertThat(new String(array, 3, length, StandardCharsets.US_ASCII))
                    .isEqualTo(written.getStringWithoutLengthAscii(3, length));
            }
        }
        assertThat(ClientOrderIds.decode(Long.MAX_VALUE, new byte[ClientOrderIds.MAX_TEXT_LENGTH], 0)).isEqualTo(-1);
    }

    @Test
    void shouldHaveNoTextForLongsOutsideTheEncoding()
    {
        assertThat(ClientOrderIds.hasText(0)).isFalse();
        assertThat(ClientOrderIds.hasText(-5)).isFalse();
        assertThat(ClientOrderIds.hasText(ClientOrderIds.BASE62_MAX + 1)).isFalse();
        assertThat(ClientOrderIds.hasText(Long.MAX_VALUE)).isFalse();
        assertThat(ClientOrderIds.toText(Long.MAX_VALUE)).isEqualTo("#" + Long.MAX_VALUE);
    }

    private static String base62(final SplittableRandom random)
    {
        final StringBuilder text = new StringBuilder();
        final int length = 1 + random.nextInt(10);
        for (int i = 0; i < length; i++)
        {
            text.append(ALPHABET.charAt(random.nextInt(62)));
        }
        return text.toString();
    }

    private static String parityStyle(final SplittableRandom random)
    {
        return String.format("%02d:%02d:%02d-%07d", random.nextInt(24), random.nextInt(60), random.nextInt(60),
            random.nextInt(10_000_000));
    }

    private static String decimal(final SplittableRandom random)
    {
        final StringBuilder text = new StringBuilder().append((char)('1' + random.nextInt(9)));
        final int length = 11 + random.nextInt(8);
        while (text.length() < length)
        {
            text.append((char)('0' + random.nextInt(10)));
        }
        return text.toString();
    }
}
