package io.disruptorx.marketdata;

import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot's order side is 0 or 1; any other byte, including those above 127, makes the snapshot malformed.
 */
class SnapshotCodecTest
{
    @Test
    void shouldRejectAnOrderWhoseSideByteIsNegative()
    {
        final MarketBook book = new MarketBook();
        book.add(1, 7, 1, 100, 5);
        final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(1024);
        final int length = SnapshotCodec.write(book, 42, 0, frames, 0);
        assertThat(SnapshotCodec.read(frames, 0, length, new MarketBook())).isEqualTo(42);

        int position = 0;
        while (SoupBinTcp.packetType(frames, position) != RecoveryProtocol.ORDER)
        {
            position += SoupBinTcp.LENGTH_FIELD + SoupBinTcp.packetLength(frames, position);
        }
        frames.putByte(position + SoupBinTcp.HEADER_LENGTH + 12, (byte)0xFF);
        assertThat(SnapshotCodec.read(frames, 0, length, new MarketBook())).as("side 0xFF").isEqualTo(-1);
    }
}
