package io.disruptorx.marketdata.book;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.SequencedMessageHandler;
import io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderModifiedDecoder;
import io.disruptorx.protocol.sbe.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes SBE market data incrementals in place and applies them to a {@link MarketBook}, then tells the
 * listener. Messages it cannot read (unknown schema or template, too short, a feed sequence in the body
 * that differs from the framing's) and changes that do not apply (unknown order) are counted, not thrown.
 */
public final class BookUpdater implements SequencedMessageHandler
{
    private final MarketBook book;
    private final MarketDataListener listener;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAddedDecoder orderAdded = new OrderAddedDecoder();
    private final OrderModifiedDecoder orderModified = new OrderModifiedDecoder();
    private final OrderDeletedDecoder orderDeleted = new OrderDeletedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final InstrumentStatusDecoder status = new InstrumentStatusDecoder();
    private long applied;
    private long undecodable;
    private long inconsistencies;

    /**
     * @param book     the books to update.
     * @param listener told after each change.
     */
    public BookUpdater(final MarketBook book, final MarketDataListener listener)
    {
        this.book = book;
        this.listener = listener;
    }

    @Override
    public void onMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            undecodable++;
            return;
        }
        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        if (header.schemaId() != OrderAddedDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            undecodable++;
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAddedDecoder.TEMPLATE_ID:
                onOrderAdded(sequence, buffer, bodyOffset, blockLength, version);
                break;
            case OrderModifiedDecoder.TEMPLATE_ID:
                onOrderModified(sequence, buffer, bodyOffset, blockLength, version);
                break;
            case OrderDeletedDecoder.TEMPLATE_ID:
                onOrderDeleted(sequence, buffer, bodyOffset, blockLength, version);
                break;
            case TradeDecoder.TEMPLATE_ID:
                onTrade(sequence, buffer, bodyOffset, blockLength, version);
                break;
            case InstrumentStatusDecoder.TEMPLATE_ID:
                onStatus(sequence, buffer, bodyOffset, blockLength, version);
                break;
            default:
                undecodable++;
                break;
        }
    }

    /**
     * @return messages applied.
     */
    public long applied()
    {
        return applied;
    }

    /**
     * @return messages that could not be decoded.
     */
    public long undecodable()
    {
        return undecodable;
    }

    /**
     * @return changes that did not apply to the book (a sign of a missed message).
     */
    public long inconsistencies()
    {
        return inconsistencies;
    }

    /**
     * @return the books this updater changes.
     */
    public MarketBook book()
    {
        return book;
    }

    private void onOrderAdded(
        final long sequence, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final OrderAddedDecoder d = orderAdded.wrap(buffer, offset, blockLength, version);
        if (d.feedSequence() != sequence || blockLength < OrderAddedDecoder.BLOCK_LENGTH || d.sideRaw() > 1)
        {
            undecodable++;
            return;
        }
        final InstrumentBook changed =
            book.add(d.instrumentId(), d.orderId(), d.sideRaw(), d.price(), d.quantity(), d.timestamp());
        changed(sequence, changed);
    }

    private void onOrderModified(
        final long sequence, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final OrderModifiedDecoder d = orderModified.wrap(buffer, offset, blockLength, version);
        if (d.feedSequence() != sequence || blockLength < OrderModifiedDecoder.BLOCK_LENGTH)
        {
            undecodable++;
            return;
        }
        changed(sequence, book.modify(d.orderId(), d.quantity()));
    }

    private void onOrderDeleted(
        final long sequence, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final OrderDeletedDecoder d = orderDeleted.wrap(buffer, offset, blockLength, version);
        if (d.feedSequence() != sequence || blockLength < OrderDeletedDecoder.BLOCK_LENGTH)
        {
            undecodable++;
            return;
        }
        changed(sequence, book.delete(d.orderId()));
    }

    private void onTrade(
        final long sequence, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final TradeDecoder d = trade.wrap(buffer, offset, blockLength, version);
        if (d.feedSequence() != sequence || blockLength < TradeDecoder.BLOCK_LENGTH)
        {
            undecodable++;
            return;
        }
        applied++;
        listener.onTrade(
            sequence, d.timestamp(), d.instrumentId(), d.tradeId(), d.price(), d.quantity(), d.aggressorSideRaw());
    }

    private void onStatus(
        final long sequence, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final InstrumentStatusDecoder d = status.wrap(buffer, offset, blockLength, version);
        if (d.feedSequence() != sequence || blockLength < InstrumentStatusDecoder.BLOCK_LENGTH)
        {
            undecodable++;
            return;
        }
        applied++;
        listener.onInstrumentStatus(sequence, book.state(d.instrumentId(), d.stateRaw()));
    }

    private void changed(final long sequence, final InstrumentBook changed)
    {
        if (changed == null)
        {
            inconsistencies++;
            return;
        }
        applied++;
        listener.onBookChanged(sequence, changed);
    }
}
