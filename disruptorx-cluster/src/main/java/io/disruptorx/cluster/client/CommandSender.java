package io.disruptorx.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.disruptorx.cluster.wire.IngressFrame;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends a client's unsent commands through its cluster session: one alone as its COMMAND frame, several as BATCH
 * frames ({@link IngressFrame#BATCH}) of as many as fit in one message of the session's ingress publication
 * without fragmenting, so that under load the cluster sequences, replicates and applies one log message per
 * batch rather than one per command.
 */
final class CommandSender
{
    private static final int MIN_BATCH_LENGTH =
        IngressFrame.BATCH_COMMANDS_OFFSET + IngressFrame.BATCH_LENGTH_PREFIX + PendingCommands.MAX_COMMAND_LENGTH;

    private final PendingCommands pending;
    private final ClientCounters counters;
    private UnsafeBuffer batch = new UnsafeBuffer(new byte[MIN_BATCH_LENGTH]);

    /**
     * @param pending  the client's commands.
     * @param counters counting the messages sent.
     */
    CommandSender(final PendingCommands pending, final ClientCounters counters)
    {
        this.pending = pending;
        this.counters = counters;
    }

    /**
     * Sizes the batches for a new session's ingress publication.
     *
     * @param cluster the session.
     */
    void connected(final AeronCluster cluster)
    {
        final int length = Math.max(MIN_BATCH_LENGTH,
            cluster.ingressPublication().maxPayloadLength() - AeronCluster.SESSION_HEADER_LENGTH);
        if (batch.capacity() != length)
        {
            batch = new UnsafeBuffer(new byte[length]);
        }
    }

    /**
     * Sends the unsent commands until the session takes no more (back-pressure). A traced command goes alone as
     * its TRACED frame when the leader reads them, else untraced like any other.
     *
     * @param cluster the session.
     * @param traces  whether the leader reads TRACED frames.
     * @return commands sent.
     */
    int sendUnsent(final AeronCluster cluster, final boolean traces)
    {
        final PendingCommands pending = this.pending;
        int sent = 0;
        while (pending.hasUnsent())
        {
            final boolean traced = pending.unsentTraced();
            if (traced ? traces : pending.unsent() == 1)
            {
                if (cluster.offer(pending.buffer(), pending.unsentOffset(), pending.unsentLength()) < 0)
                {
                    return sent;
                }
                pending.markSent();
                counters.ingressMessages++;
                sent++;
            }
            else
            {
                final int count = pending.batch(batch, batch.capacity(), traces);
                if (cluster.offer(batch, 0, pending.batchLength()) < 0)
                {
                    return sent;
                }
                pending.markSent(count);
                counters.ingressMessages++;
                sent += count;
            }
        }
        return sent;
    }
}
