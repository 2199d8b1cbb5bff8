package io.disruptorx.cluster.service;

import org.agrona.DirectBuffer;

/**
 * Sends one egress frame to a cluster session. Only the leader really sends; on followers the cluster's sessions
 * accept and discard, so the service runs the same code on every member.
 */
@FunctionalInterface
interface EgressSender
{
    /**
     * @param sessionId the cluster session.
     * @param buffer    holding the frame.
     * @param offset    of the frame.
     * @param length    of the frame.
     * @return whether the frame was sent (false: dropped after bounded retries, or no such session).
     */
    boolean send(long sessionId, DirectBuffer buffer, int offset, int length);
}
