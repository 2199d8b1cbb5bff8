package io.disruptorx.gateway.fix;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FixValueEndTest
{
    private static final byte[] ALPHABET = {1, 1, 'A', '9', '=', ' ', 0x7F, 0, (byte)0x80, (byte)0x81, (byte)0xE9};

    @ParameterizedTest
    @ValueSource(longs = {1, 29, 4242})
    void shouldFindWhatAByteByByteScanFinds(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++)
        {
            final byte[] message = new byte[1 + random.nextInt(40)];
            final int sparse = 1 + random.nextInt(12);
            for (int j = 0; j < message.length; j++)
            {
                message[j] = random.nextInt(sparse) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte)'x';
            }
            final int from = random.nextInt(message.length);
            final int end = from + random.nextInt(message.length - from + 1);
            assertThat(FixValueEnd.find(message, from, end)).as("seed %d, case %d", seed, i)
                .isEqualTo(byteByByte(message, from, end));
        }
    }

    private static int byteByByte(final byte[] message, final int from, final int end)
    {
        for (int at = from; at < end; at++)
        {
            if (message[at] == 1)
            {
                return at;
            }
            if (message[at] < 0)
            {
                return -1;
            }
        }
        return -1;
    }
}
