package io.disruptorx.node.feed;

import java.util.function.LongSupplier;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.marketdata.client.FeedClientCounters;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.RecoveryCounters;
import io.disruptorx.marketdata.server.RetransmitCounters;
import io.disruptorx.marketdata.server.TcpFeedCounters;
import io.disruptorx.marketdata.server.UdpLine;

/**
 * The market data servers' and clients' counters as metrics, read at scrape time from the counters the servers keep
 * per kind ({@code dx_feed_*} for what the feed sent and answered, {@code dx_feed_client_*} for a subscriber). Every
 * bad request is counted by server and kind in {@code dx_feed_requests_malformed_total}; refused requests by
 * transport and reason in {@code dx_feed_retransmit_requests_refused_total}.
 */
public final class FeedMetrics
{
    private FeedMetrics()
    {
    }

    /**
     * @param metrics where to register.
     * @param server  the feed whose counters to expose.
     */
    public static void register(final MetricsRegistry metrics, final FeedServer server)
    {
        line(metrics, "A", server.lineA());
        line(metrics, "B", server.lineB());
        metrics.counter("dx_feed_messages_published_total", "Market data messages the publisher sequenced",
            server::lastSequence);
        metrics.counter("dx_feed_packets_dropped_total", "Packets dropped by configured loss injection",
            server::packetsDropped);
        metrics.counter("dx_feed_server_errors_total", "Exceptions that escaped a feed server's duty cycle (bugs)",
            server::errors);
        retransmit(metrics, server.retransmitServer().counters());
        recovery(metrics, server.recoveryServer().counters());
        tcpFeed(metrics, server.tcpFeedServer().counters());
        final String refusedHelp = "TCP connections closed at accept: the server's connection limit, in all or per " +
            "source address, was reached";
        metrics.counter("dx_feed_connections_refused_total", refusedHelp,
            server.recoveryServer()::refusedConnections, "server", "recovery");
        metrics.counter("dx_feed_connections_refused_total", refusedHelp,
            server.tcpFeedServer()::refusedConnections, "server", "tcp");
    }

    private static void line(final MetricsRegistry metrics, final String name, final UdpLine line)
    {
        metrics.counter("dx_feed_packets_sent_total", "MoldUDP64 data packets sent, per line", line::packetsSent,
            "line", name);
        metrics.counter("dx_feed_messages_sent_total", "Messages in the data packets sent, per line",
            line::messagesSent, "line", name);
        metrics.counter("dx_feed_sent_bytes_total", "Bytes of the data packets sent, per line", line::bytesSent,
            "line", name);
        metrics.counter("dx_feed_send_failures_total", "Data packets the operating system refused, per line",
            line::sendFailures, "line", name);
    }

    private static void retransmit(final MetricsRegistry metrics, final RetransmitCounters c)
    {
        final String udp = "udp";
        received(metrics, udp, c::requestsReceived);
        metrics.counter("dx_feed_retransmit_requests_answered_total",
            "Retransmission requests answered with a range read from the store (coalesced ones apart)",
            c::rangesSent, "transport", udp);
        metrics.counter("dx_feed_retransmit_requests_coalesced_total",
            "Retransmission requests answered by another request's response", c::requestsCoalesced);
        metrics.counter("dx_feed_retransmit_requests_repeated_total",
            "Requests not answered because everything asked for was just sent to the requester",
            c::requestsRepeated);
        refused(metrics, udp, "rate_limited", c::requestsRateLimited);
        refused(metrics, udp, "too_old", c::requestsTooOld);
        refused(metrics, udp, "beyond_end", c::requestsBeyondEnd);
        retransmitted(metrics, udp, c::messagesRetransmitted);
        malformed(metrics, "retransmit", "truncated", c::truncated);
        malformed(metrics, "retransmit", "oversized", c::oversized);
        malformed(metrics, "retransmit", "wrong_session", c::wrongSession);
        malformed(metrics, "retransmit", "invalid_count", c::invalidCount);
        malformed(metrics, "retransmit", "invalid_sequence", c::invalidSequence);
        metrics.counter("dx_feed_retransmit_send_failures_total", "Retransmission datagrams the system refused",
            c::sendFailures);
    }

    private static void recovery(final MetricsRegistry metrics, final RecoveryCounters c)
    {
        final String tcp = "tcp";
        received(metrics, tcp, c::retransmitRequests);
        refused(metrics, tcp, "rate_limited", c::rateLimited);
        refused(metrics, tcp, "too_old", c::tooOld);
        refused(metrics, tcp, "beyond_end", c::beyondEnd);
        metrics.counter("dx_feed_snapshots_served_total", "Book snapshots served", c::snapshotsServed, "server",
            "recovery");
        metrics.counter("dx_feed_snapshots_unavailable_total", "Snapshot requests answered unavailable",
            c::unavailable);
        malformed(metrics, "recovery", "unknown_type", c::unknownType);
        malformed(metrics, "recovery", "truncated", c::truncated);
        malformed(metrics, "recovery", "oversized", c::oversized);
        malformed(metrics, "recovery", "empty_frame", c::emptyFrames);
        malformed(metrics, "recovery", "oversized_frame", c::oversizedFrames);
        malformed(metrics, "recovery", "invalid_range", c::invalidRange);
        metrics.counter("dx_feed_connections_total", "TCP connections accepted", c::connections, "server",
            "recovery");
        metrics.counter("dx_feed_recovery_idle_timeouts_total", "Recovery connections closed for completing no " +
            "request and taking no byte for the idle timeout", c::idleTimeouts);
    }

    private static void tcpFeed(final MetricsRegistry metrics, final TcpFeedCounters c)
    {
        metrics.counter("dx_feed_connections_total", "TCP connections accepted", c::connections, "server", "tcp");
        metrics.counter("dx_feed_tcp_logins_total", "SoupBinTCP logins, by outcome", c::loginsAccepted, "outcome",
            "accepted");
        metrics.counter("dx_feed_tcp_logins_total", "SoupBinTCP logins, by outcome", c::loginsRejected, "outcome",
            "rejected");
        metrics.counter("dx_feed_tcp_messages_sent_total", "Messages sent on the SoupBinTCP feed", c::messagesSent);
        metrics.counter("dx_feed_snapshots_served_total", "Book snapshots served", c::snapshotsServed, "server",
            "tcp");
        metrics.counter("dx_feed_tcp_client_timeouts_total", "SoupBinTCP clients closed for silence",
            c::clientTimeouts);
        malformed(metrics, "tcp", "login", c::loginsMalformed);
        malformed(metrics, "tcp", "unknown_type", c::unknownType);
        malformed(metrics, "tcp", "unexpected_packet", c::unexpectedPackets);
        malformed(metrics, "tcp", "empty_frame", c::emptyFrames);
        malformed(metrics, "tcp", "oversized_frame", c::oversizedFrames);
    }

    /**
     * A subscriber's counters: what it received per line, its gaps and how they were closed.
     *
     * @param metrics    where to register.
     * @param subscriber the label naming it.
     * @param c          its counters.
     */
    public static void registerClient(final MetricsRegistry metrics, final String subscriber,
        final FeedClientCounters c)
    {
        final String s = "subscriber";
        metrics.counter("dx_feed_client_packets_total", "Packets received, per line", c::packetsA, s, subscriber,
            "line", "A");
        metrics.counter("dx_feed_client_packets_total", "Packets received, per line", c::packetsB, s, subscriber,
            "line", "B");
        metrics.counter("dx_feed_client_packets_total", "Packets received, per line", c::packetsRetransmitted, s,
            subscriber, "line", "retransmission");
        metrics.counter("dx_feed_client_messages_delivered_total", "Messages delivered in sequence",
            c::messagesDelivered, s, subscriber);
        metrics.counter("dx_feed_client_gaps_total", "Gaps detected", c::gapsDetected, s, subscriber);
        metrics.counter("dx_feed_client_gaps_filled_total", "Gaps closed (other line, retransmission or snapshot)",
            c::gapsFilled, s, subscriber);
        metrics.counter("dx_feed_client_retransmit_requests_total", "Retransmission requests sent",
            c::requestsSent, s, subscriber);
        metrics.counter("dx_feed_client_messages_recovered_total", "Messages recovered by retransmission",
            c::messagesRecovered, s, subscriber);
        metrics.counter("dx_feed_client_recoveries_total", "Recoveries by snapshot", c::snapshotsLoaded, s,
            subscriber);
        metrics.counter("dx_feed_client_snapshot_failures_total", "Snapshot recoveries that failed",
            c::snapshotFailures, s, subscriber);
        metrics.counter("dx_feed_client_garbage_total", "Packets that were not MoldUDP64 for the session",
            c::garbage, s, subscriber);
    }

    private static void received(final MetricsRegistry metrics, final String transport, final LongSupplier count)
    {
        metrics.counter("dx_feed_retransmit_requests_received_total", "Retransmission requests received", count,
            "transport", transport);
    }

    private static void refused(final MetricsRegistry metrics, final String transport, final String reason,
        final LongSupplier count)
    {
        metrics.counter("dx_feed_retransmit_requests_refused_total", "Retransmission requests refused, by reason",
            count, "transport", transport, "reason", reason);
    }

    private static void retransmitted(final MetricsRegistry metrics, final String transport,
        final LongSupplier count)
    {
        metrics.counter("dx_feed_messages_retransmitted_total", "Messages sent again on request", count,
            "transport", transport);
    }

    private static void malformed(final MetricsRegistry metrics, final String server, final String kind,
        final LongSupplier count)
    {
        metrics.counter("dx_feed_requests_malformed_total", "Malformed requests ignored, by server and kind", count,
            "server", server, "kind", kind);
    }
}
