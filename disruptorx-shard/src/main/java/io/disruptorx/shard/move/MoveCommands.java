package io.disruptorx.shard.move;

import java.util.function.LongSupplier;

import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.HaltInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.MoveOutEncoder;
import io.disruptorx.protocol.sbe.command.ReadBookEncoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.SettleTransferEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the commands a {@link ShardMover} sends of its own (the piece's commands come from the book read), one at
 * a time into one buffer from offset 0, each stamped by the mover's clock.
 */
final class MoveCommands
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final HaltInstrumentEncoder halt = new HaltInstrumentEncoder();
    private final ResumeInstrumentEncoder resume = new ResumeInstrumentEncoder();
    private final MoveOutEncoder moveOut = new MoveOutEncoder();
    private final SettleTransferEncoder settle = new SettleTransferEncoder();
    private final ReadBookEncoder readBook = new ReadBookEncoder();
    private final LongSupplier clock;

    MoveCommands(final LongSupplier clock)
    {
        this.clock = clock;
    }

    /**
     * @return where the last command was written, from 0.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return length of the HaltInstrument written.
     */
    int halt(final int instrumentId)
    {
        halt.wrapAndApplyHeader(buffer, 0, header).timestamp(clock.getAsLong()).instrumentId(instrumentId);
        return HEADER + HaltInstrumentEncoder.BLOCK_LENGTH;
    }

    /**
     * @return length of the ResumeInstrument written.
     */
    int resume(final int instrumentId)
    {
        resume.wrapAndApplyHeader(buffer, 0, header).timestamp(clock.getAsLong()).instrumentId(instrumentId);
        return HEADER + ResumeInstrumentEncoder.BLOCK_LENGTH;
    }

    /**
     * @return length of the MoveOut written.
     */
    int moveOut(final long moveId, final int instrumentId, final int orders, final long firstTransferId)
    {
        moveOut.wrapAndApplyHeader(buffer, 0, header).timestamp(clock.getAsLong()).moveId(moveId)
            .instrumentId(instrumentId).orderCount(orders).firstTransferId(firstTransferId);
        return HEADER + MoveOutEncoder.BLOCK_LENGTH;
    }

    /**
     * @return length of the ReadBook written.
     */
    int readBook(final long requestId, final int instrumentId)
    {
        readBook.wrapAndApplyHeader(buffer, 0, header).timestamp(clock.getAsLong()).requestId(requestId)
            .instrumentId(instrumentId);
        return HEADER + ReadBookEncoder.BLOCK_LENGTH;
    }

    /**
     * @return length of the SettleTransfer written.
     */
    int settle(final long transferId, final boolean returned)
    {
        settle.wrapAndApplyHeader(buffer, 0, header).timestamp(clock.getAsLong()).transferId(transferId)
            .returned(returned ? BooleanType.TRUE : BooleanType.FALSE);
        return HEADER + SettleTransferEncoder.BLOCK_LENGTH;
    }
}
