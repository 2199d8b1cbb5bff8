package io.disruptorx.shard.venue;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * Collects the merged balance answers a sharded client delivers, one {@link Line} per AccountBalance event, and
 * hands every event on to a next handler (the transfer coordinator) first.
 */
final class BalanceAnswers implements VenueEventHandler
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AccountBalanceDecoder balance = new AccountBalanceDecoder();
    private final VenueEventHandler next;
    private final List<Line> lines = new ArrayList<>();

    /**
     * One AccountBalance event.
     *
     * @param requestId  the query's request id.
     * @param accountId  account.
     * @param assetId    asset.
     * @param free       free amount.
     * @param locked     locked amount.
     * @param inTransfer amount on its way between shards.
     * @param assetCount events in the answer.
     */
    record Line(long requestId, long accountId, int assetId, long free, long locked, long inTransfer, int assetCount)
    {
    }

    BalanceAnswers(final VenueEventHandler next)
    {
        this.next = next;
    }

    List<Line> lines()
    {
        return lines;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        next.onEvent(commandSequence, buffer, offset, length);
        header.wrap(buffer, offset);
        if (header.templateId() == AccountBalanceDecoder.TEMPLATE_ID)
        {
            balance.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
            lines.add(new Line(balance.requestId(), balance.accountId(), balance.assetId(), balance.free(),
                balance.locked(), balance.inTransfer(), balance.assetCount()));
        }
    }
}
