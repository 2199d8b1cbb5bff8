package io.disruptorx.engine.sbe;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command codecs on their own, no engine: every command written by {@link SbeCommandEncoder} reads back
 * through the generated decoders with every field equal.
 */
class SbeCommandCodecTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 5, 99, 31337, -8})
    void shouldDecodeEveryCommandBackToTheSameFieldValues(final long seed)
    {
        final CommandText expected = new CommandText();
        final CommandText decoded = new CommandText();
        final RandomCommands commands = new RandomCommands(
            seed, expected, new SbeCommands(new CommandMessageReader(decoded)));

        for (int i = 0; i < 3_000; i++)
        {
            commands.nextFullRange();
        }

        assertThat(decoded.lines()).as("seed %d", seed).hasSize(3_000).isEqualTo(expected.lines());
        assertThat(decoded.lines().stream().map(line -> line.substring(0, line.indexOf('('))).distinct())
            .as("seed %d", seed)
            .containsExactlyInAnyOrder("newOrder", "cancelOrder", "replaceOrder", "massCancel", "addInstrument",
                "adjustBalance", "setRiskLimits", "haltInstrument", "resumeInstrument", "takeSnapshot", "endOfDay");
    }

    @Test
    void shouldLayOutNewOrderAsTheSpecSays()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int length = new SbeCommandEncoder().newOrder(buffer, 8, 0x0102030405060708L, 11, 12, 13, Side.SELL,
            OrderType.MARKET, TimeInForce.FOK, true, SelfTradePrevention.NONE, 14, 15);

        assertThat(length).isEqualTo(MessageHeaderDecoder.ENCODED_LENGTH + 64).isEqualTo(72);
        assertThat(buffer.getShort(8)).isEqualTo((short) NewOrderDecoder.BLOCK_LENGTH);
        assertThat(buffer.getShort(10)).isEqualTo((short) 1);
        assertThat(buffer.getShort(12)).isEqualTo((short) 1);
        assertThat(buffer.getShort(14)).as("schema version 5: MassCancel gained restoredOnly")
            .isEqualTo((short) 5);
        final int body = 16;
        assertThat(buffer.getLong(body)).isEqualTo(0x0102030405060708L);
        assertThat(buffer.getByte(body)).isEqualTo((byte) 0x08);
        assertThat(buffer.getLong(body + 8)).isEqualTo(11);
        assertThat(buffer.getLong(body + 16)).isEqualTo(12);
        assertThat(buffer.getInt(body + 24)).isEqualTo(13);
        assertThat(buffer.getByte(body + 28)).isEqualTo((byte) Side.SELL.code());
        assertThat(buffer.getByte(body + 29)).isEqualTo((byte) OrderType.MARKET.code());
        assertThat(buffer.getByte(body + 30)).isEqualTo((byte) TimeInForce.FOK.code());
        assertThat(buffer.getByte(body + 31)).isEqualTo((byte) 1);
        assertThat(buffer.getByte(body + 32)).isEqualTo((byte) SelfTradePrevention.NONE.code());
        assertThat(buffer.getLong(body + 40)).isEqualTo(14);
        assertThat(buffer.getLong(body + 48)).isEqualTo(15);
        assertThat(buffer.getLong(body + 56)).as("userId: no user").isZero();
    }

    @Test
    void shouldZeroPaddingSoEqualCommandsAreEqualBytes()
    {
        final UnsafeBuffer clean = new UnsafeBuffer(new byte[128]);
        final UnsafeBuffer dirty = new UnsafeBuffer(new byte[128]);
        dirty.setMemory(0, 128, (byte) 0x5A);
        final SbeCommandEncoder encoder = new SbeCommandEncoder();

        final int length = encoder.newOrder(clean, 0, 1, 2, 3, 4, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_BOTH, 5, 6);
        encoder.newOrder(dirty, 0, 1, 2, 3, 4, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_BOTH, 5, 6);

        final byte[] cleanBytes = new byte[length];
        final byte[] dirtyBytes = new byte[length];
        clean.getBytes(0, cleanBytes);
        dirty.getBytes(0, dirtyBytes);
        assertThat(dirtyBytes).isEqualTo(cleanBytes);
        assertThat(dirty.getByte(length)).isEqualTo((byte) 0x5A);
    }
}
