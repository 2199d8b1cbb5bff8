package io.disruptorx.node.text;

import java.io.StringWriter;
import java.util.Map;

import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx replay --commands} on mass cancels: a mass cancel of restored orders only (a move's re-send, commands
 * version 5) says so; one of every order, of today's version or of version 4 (which has no such field), writes the
 * line it always wrote.
 */
class JournalCommandWriterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final StringWriter out = new StringWriter();
    private final JournalCommandWriter writer = new JournalCommandWriter(out, Map.of(9L, "ops"));

    @Test
    void shouldWriteTheRestoredOnlyFlagOfAMassCancelOnlyWhenSet()
    {
        final int length = encoder.massCancel(buffer, 0, 10, 3, 7, 90, true);
        buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH + MassCancelDecoder.userIdEncodingOffset(), 9);
        writer.write(1, buffer, 0, length);
        writer.write(2, buffer, 0, encoder.massCancel(buffer, 0, 11, 3, 7, 91, false));
        encoder.massCancel(buffer, 0, 12, 3, 0, 92, true);
        buffer.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(),
            (short)MassCancelDecoder.restoredOnlyEncodingOffset());
        buffer.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)4);
        writer.write(3, buffer, 0, length);

        assertThat(out.toString().lines()).containsExactly(
            "{\"seq\":1,\"version\":5,\"type\":\"MassCancel\",\"timestamp\":10,\"accountId\":3,\"instrumentId\":7," +
                "\"requestId\":90,\"restoredOnly\":1,\"userId\":9,\"user\":\"ops\"}",
            "{\"seq\":2,\"version\":5,\"type\":\"MassCancel\",\"timestamp\":11,\"accountId\":3,\"instrumentId\":7," +
                "\"requestId\":91,\"userId\":0}",
            "{\"seq\":3,\"version\":4,\"type\":\"MassCancel\",\"timestamp\":12,\"accountId\":3,\"instrumentId\":0," +
                "\"requestId\":92,\"userId\":0}");
    }
}
