package io.disruptorx.cluster.service;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Sends egress frames through the cluster's client sessions, retrying back-pressure a bounded number of times:
 * the service thread must not stall behind one slow gateway, and a dropped frame costs nothing but a re-request
 * (the gateway sees the gap in its event sequence).
 */
final class SessionEgress implements EgressSender
{
    private final Cluster cluster;
    private final int attempts;
    private final IdleStrategy idle;

    /**
     * @param cluster  the cluster.
     * @param attempts offers tried before a frame is dropped.
     */
    SessionEgress(final Cluster cluster, final int attempts)
    {
        this.cluster = cluster;
        this.attempts = attempts;
        this.idle = cluster.idleStrategy();
    }

    @Override
    public boolean send(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = cluster.getClientSession(sessionId);
        if (session == null)
        {
            return false;
        }
        idle.reset();
        for (int i = 0; i < attempts; i++)
        {
            final long result = session.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            idle.idle();
        }
        return false;
    }
}
