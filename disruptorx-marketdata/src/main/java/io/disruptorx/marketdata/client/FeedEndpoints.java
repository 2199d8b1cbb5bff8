package io.disruptorx.marketdata.client;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * Where a {@link FeedClientRunner} listens and asks.
 *
 * @param lineA            multicast group and port of line A, or (unicast) the local address to bind.
 * @param lineB            the same for line B; null for a single line.
 * @param multicast        whether the lines are multicast groups to join.
 * @param networkInterface interface to join on (multicast); null for the default.
 * @param retransmitServer MoldUDP64 request address.
 * @param recoveryServer   TCP recovery (snapshot) server.
 */
public record FeedEndpoints(
    InetSocketAddress lineA,
    InetSocketAddress lineB,
    boolean multicast,
    NetworkInterface networkInterface,
    InetSocketAddress retransmitServer,
    InetSocketAddress recoveryServer)
{
}
