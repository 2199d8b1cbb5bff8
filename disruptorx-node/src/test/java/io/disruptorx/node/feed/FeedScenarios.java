package io.disruptorx.node.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientCounters;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.RetransmitCounters;

/**
 * The end-to-end scenarios on real sockets, runnable in this JVM (unicast on 127.0.0.1) or in a child JVM
 * inside a network namespace (multicast on lo), see {@link MulticastSupport}. Each returns a one-line
 * summary or throws {@link AssertionError}.
 */
final class FeedScenarios
{
    private static final long CONVERGE_MILLIS = 30_000;

    private FeedScenarios()
    {
    }

    static String run(final String name, final boolean multicast, final long seed)
    {
        switch (name)
        {
            case "loss":
                return lossOnBothLines(multicast, seed);
            case "deadLine":
                return oneLineDead(multicast, seed);
            case "herd":
                return thunderingHerd(multicast, seed);
            case "lateJoiner":
                return lateJoiner(multicast, seed);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /**
     * 5% independent loss plus short bursts on each line, seeded, and one range of messages lost on both lines;
     * three clients end with the engine's book, and retransmission, not a snapshot, filled what both lines lost.
     */
    static String lossOnBothLines(final boolean multicast, final long seed)
    {
        try (FeedHarness harness = new FeedHarness(multicast, 1 << 20, false, seed))
        {
            final LossModel both = LossModel.sequenceRange(6_000, 6_100);
            harness.lossyA.model(either(both, LossModel.random(seed, 0.05, 0.002, 4)));
            harness.lossyB.model(either(both, LossModel.random(seed * 31 + 7, 0.05, 0.002, 4)));
            for (int i = 0; i < 3; i++)
            {
                harness.addClient(FeedClientConfig.builder().seed(seed + i));
            }
            harness.run(20_000, 8);
            final boolean converged = harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS);
            final StringBuilder summary = new StringBuilder("messages=" + (harness.engine.nextFeedSequence() - 1) +
                " droppedA=" + harness.lossyA.dropped() + " droppedB=" + harness.lossyB.dropped() +
                " packets=" + harness.publisher.packetsSent());
            check(converged, "clients did not converge: " + states(harness));
            for (final FeedClientRunner client : harness.clients)
            {
                final FeedClientCounters counters = client.client().counters();
                check(counters.snapshotsRequested() == 0 && counters.tooOld() == 0 &&
                    counters.bufferOverflows() == 0, "a snapshot fallback, not retransmission: " + counters);
                check(counters.requestsSent() > 0 && counters.messagesRecovered() > 0,
                    "nothing was retransmitted although a range was lost on both lines: " + counters);
                check(counters.gapsDetected() > 0 && counters.gapsFilled() == counters.gapsDetected(),
                    "gaps detected and filled differ: " + counters);
            }
            summary.append(closeAndCompareAll(harness));
            final FeedClientCounters counters = harness.clients.get(0).client().counters();
            check(counters.duplicatesDropped() > 0, "no duplicates seen: arbitration not exercised");
            return summary.toString();
        }
    }

    private static LossModel either(final LossModel first, final LossModel second)
    {
        return (packet, sequence, count) -> first.drop(packet, sequence, count) || second.drop(packet, sequence, count);
    }

    /**
     * Line B dead: line A carries everything without a single request; then A dies and B carries the rest.
     */
    static String oneLineDead(final boolean multicast, final long seed)
    {
        try (FeedHarness harness = new FeedHarness(multicast, 1 << 20, false, seed))
        {
            harness.lossyB.model(LossModel.dead());
            final FeedClientRunner first = harness.addClient(FeedClientConfig.builder().seed(seed));
            final FeedClientRunner second = harness.addClient(FeedClientConfig.builder().seed(seed + 1));
            final long receiveErrorsBefore = udpReceiveBufferErrors();
            for (int i = 0; i < 50; i++)
            {
                harness.run(200, 8);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            check(harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS),
                "not converged on line A alone: " + states(harness));
            check(first.client().counters().packetsB() == 0, "line B delivered while dead");
            final long kernelDrops = udpReceiveBufferErrors() - receiveErrorsBefore;
            check(kernelDrops > 0 ||
                first.client().counters().requestsSent() == 0 && second.client().counters().requestsSent() == 0,
                "requests sent although line A lost nothing and the kernel dropped nothing");
            harness.lossyB.model(LossModel.none());
            harness.lossyA.model(LossModel.dead());
            final long packetsABefore = first.client().counters().packetsA();
            harness.run(5_000, 8);
            check(harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS),
                "not converged on line B alone: " + states(harness));
            check(first.client().counters().packetsA() == packetsABefore, "line A delivered while dead");
            return "messages=" + (harness.engine.nextFeedSequence() - 1) + " kernelDrops=" + kernelDrops +
                " requests=" +
                first.client().counters().requestsSent() + closeAndCompareAll(harness);
        }
    }

    /**
     * 50 clients lose the same packets on both lines; the coalesced answers on the shared line are far
     * fewer than the requests.
     */
    static String thunderingHerd(final boolean multicast, final long seed)
    {
        try (FeedHarness harness = new FeedHarness(multicast, 1 << 20, true, seed))
        {
            for (int i = 0; i < 50; i++)
            {
                harness.addClient(FeedClientConfig.builder().seed(seed + i)
                    .lineWait(TimeUnit.MILLISECONDS.toNanos(2), 0)
                    .backoff(TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(200)));
            }
            harness.run(2_000, 8);
            check(harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS),
                "not converged before the loss: " + states(harness));
            final long from = harness.publisher.nextSequence() + 10;
            harness.lossyA.model(LossModel.sequenceRange(from, from + 40));
            harness.lossyB.model(LossModel.sequenceRange(from, from + 40));
            harness.run(500, 8);
            check(harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS),
                "not converged after the loss: " + states(harness));
            final RetransmitCounters server = harness.retransmit.counters();
            final long requests = server.requestsReceived();
            final long retransmissions = server.retransmissionPackets();
            final String summary = "requests=" + requests + " retransmissionPackets=" + retransmissions +
                " rangesSent=" + server.rangesSent() + " coalesced=" + server.requestsCoalesced() + " datagrams=" +
                server.datagramsSent() + " droppedA=" + harness.lossyA.dropped();
            check(harness.lossyA.dropped() > 0, "nothing was dropped");
            for (final FeedClientRunner client : harness.clients)
            {
                check(client.client().counters().gapsDetected() >= 1, "a client saw no gap: " + summary);
            }
            check(requests >= 10, "no herd formed: " + summary);
            // Coalescing is ranges answered against requests received; how many datagrams a range takes depends
            // on how many messages were lost, not on coalescing.
            check(server.rangesSent() * 5 <= requests, "coalescing did not help: " + summary);
            check(server.requestsCoalesced() + server.rangesSent() >= requests,
                "requests neither answered nor coalesced: " + summary);
            check(retransmissions < requests, "more retransmission packets than requests: " + summary);
            return summary + closeAndCompareAll(harness);
        }
    }

    /**
     * A client joining late starts from a snapshot while the feed keeps running: live messages arrive while its
     * snapshot request waits, so the snapshot drops the buffered ones it already reflects; then it follows the
     * live feed with no gap.
     */
    static String lateJoiner(final boolean multicast, final long seed)
    {
        try (FeedHarness harness = new FeedHarness(multicast, 1 << 20, false, seed))
        {
            harness.addClient(FeedClientConfig.builder().seed(seed));
            harness.run(5_000, 8);
            harness.stopRecovery();
            final FeedClientRunner late = harness.addClient(FeedClientConfig.builder().seed(seed + 1)
                .startWithSnapshot(true));
            final FeedClientCounters counters = late.client().counters();
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONVERGE_MILLIS);
            while (counters.packetsA() + counters.packetsB() == 0 && System.nanoTime() < deadline)
            {
                harness.run(100, 8);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            check(counters.snapshotsLoaded() == 0 && counters.packetsA() + counters.packetsB() > 0,
                "the late joiner buffered nothing before its snapshot: " + counters);
            harness.startRecovery();
            for (int i = 0; i < 50; i++)
            {
                harness.run(100, 8);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            check(harness.awaitWithHeartbeats(harness::allSynchronized, CONVERGE_MILLIS),
                "late joiner did not converge: " + states(harness));
            check(counters.snapshotsLoaded() == 1, "snapshots loaded " + counters.snapshotsLoaded());
            check(counters.droppedBySnapshot() > 0,
                "the snapshot dropped none of the messages buffered while it was pending: " + counters);
            check(counters.gapsDetected() == 0, "late joiner saw a gap: " + counters);
            check(counters.messagesDelivered() > 0, "late joiner applied no live message");
            return "snapshotDropped=" + counters.droppedBySnapshot() + " liveApplied=" + counters.messagesDelivered() +
                closeAndCompareAll(harness);
        }
    }

    private static String closeAndCompareAll(final FeedHarness harness)
    {
        final StringBuilder summary = new StringBuilder();
        int index = 0;
        for (final FeedClientRunner client : harness.clients)
        {
            client.close();
            final String difference = harness.compare(client.book());
            check(difference == null, "client " + index + " differs: " + difference);
            check(client.updater().inconsistencies() == 0 && client.updater().undecodable() == 0,
                "client " + index + " inconsistencies " + client.updater().inconsistencies());
            if (index < 2)
            {
                summary.append(" client").append(index).append("[").append(client.client().counters()).append("]");
            }
            index++;
        }
        return summary.toString();
    }

    private static String states(final FeedHarness harness)
    {
        final StringBuilder states = new StringBuilder("engine next=" + harness.engine.nextFeedSequence());
        for (int i = 0; i < Math.min(5, harness.clients.size()); i++)
        {
            final FeedClientRunner client = harness.clients.get(i);
            states.append(" [").append(client.state()).append(" next=").append(client.client().nextSequence())
                .append(" ").append(client.client().counters()).append("]");
        }
        return states.toString();
    }

    /**
     * @return the kernel's UDP receive buffer error count (per network namespace), -1 when unreadable.
     */
    static long udpReceiveBufferErrors()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++)
            {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:"))
                {
                    final List<String> names = List.of(lines.get(i).split("\\s+"));
                    final String[] values = lines.get(i + 1).split("\\s+");
                    return Long.parseLong(values[names.indexOf("RcvbufErrors")]);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new AssertionError(message);
        }
    }
}
