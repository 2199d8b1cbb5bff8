package io.disruptorx.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.disruptorx.cluster.wire.IngressFrame;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a {@link ClusterVenueClient} sends on its session besides commands, and when: a HELLO on each new session or
 * leader (asked again until answered), a RESEND of the events from the next one it lacks (on a gap, or when nothing
 * moved for the configured {@code resendAfter}, the pending commands then re-sent too), and a keep-alive when the
 * ingress was idle for the keep-alive interval. It also sends the commands taken since the last send
 * ({@link CommandSender}), after the HELLO, and knows whether the leader reads traced commands. The client's
 * thread only.
 */
final class SessionControl
{
    private static final int HELLO_MAX = IngressFrame.HELLO_ACCOUNTS_OFFSET + IngressFrame.MAX_ACCOUNTS * 8;
    /**
     * How long to wait for the answer to a HELLO before asking again (a new leader's first frames can be dropped
     * while its egress publication connects). Once the client holds an event number any frame ends the wait; before
     * that only the answer does: any other frame may come after events it never received (see docs/cluster.md).
     */
    private static final long HELLO_ANSWER_NANOS = 100_000_000L;

    private final ClusterClientConfig config;
    private final PendingCommands pending;
    private final CommandSender sender;
    private final ClientCounters counters;
    private final EventDelivery events;
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[HELLO_MAX]);
    private final long cancelOnDisconnectNanos;
    private final long resendAfterNanos;
    private final long keepAliveNanos;
    private boolean helloDue;
    private boolean leaderReadsTraces;
    private long lastProgressNanos;
    private long lastIngressNanos;
    private long resendDueAt = Long.MAX_VALUE;
    private long helloSentAt;

    /**
     * @param config   the client's settings (ids, accounts, intervals).
     * @param pending  the client's commands.
     * @param sender   sends them.
     * @param counters the client's counters.
     * @param events   the client's event delivery, which knows the next event number.
     */
    SessionControl(
        final ClusterClientConfig config, final PendingCommands pending, final CommandSender sender,
        final ClientCounters counters, final EventDelivery events)
    {
        this.config = config;
        this.pending = pending;
        this.sender = sender;
        this.counters = counters;
        this.events = events;
        this.cancelOnDisconnectNanos = config.cancelOnDisconnect().toNanos();
        this.resendAfterNanos = config.resendAfter().toNanos();
        this.keepAliveNanos = config.keepAliveInterval().toNanos();
    }

    /**
     * A session opened: HELLO due, every pending command to be sent again, the timers from now.
     *
     * @param now nanoTime.
     */
    void newSession(final long now)
    {
        newLeader();
        lastIngressNanos = now;
        lastProgressNanos = now;
    }

    /** A leader was elected: HELLO due (the new leader says whether it reads traces), every pending command again. */
    void newLeader()
    {
        helloDue = true;
        leaderReadsTraces = false;
        counters.commandsResent += pending.rewind();
    }

    /**
     * Something moved (a command was acknowledged, or the first command is pending from now): the resend timer
     * starts again.
     *
     * @param now nanoTime.
     */
    void progressed(final long now)
    {
        lastProgressNanos = now;
    }

    /**
     * Events were delivered: the resend timer starts again and a resend requested for a gap is no longer due.
     *
     * @param now nanoTime.
     */
    void delivered(final long now)
    {
        lastProgressNanos = now;
        resendDueAt = Long.MAX_VALUE;
    }

    /**
     * A frame came on the egress: it ends the wait for the HELLO's answer when it is the answer, or when the client
     * holds an event number.
     *
     * @param answer       whether it is the answer to the HELLO.
     * @param readsTraces  with an answer, whether the leader reads TRACED frames.
     */
    void frameSeen(final boolean answer, final boolean readsTraces)
    {
        if (answer || events.nextEvent() != 0)
        {
            helloSentAt = 0;
        }
        if (answer)
        {
            leaderReadsTraces = readsTraces;
        }
    }

    /**
     * Sends the HELLO when due, then the unsent commands; nothing until the HELLO went.
     *
     * @param cluster the session, or {@code null} without one.
     * @param now     nanoTime.
     */
    void send(final AeronCluster cluster, final long now)
    {
        if (cluster == null)
        {
            return;
        }
        if (helloDue)
        {
            final int length = IngressFrame.hello(control, 0, config.gatewayId(), config.incarnation(),
                events.nextEvent(),
                cancelOnDisconnectNanos, config.accounts(), IngressFrame.EVENTS_BATCHES);
            if (cluster.offer(control, 0, length) < 0)
            {
                return;
            }
            helloDue = false;
            helloSentAt = now;
            lastIngressNanos = now;
        }
        if (sender.sendUnsent(cluster, leaderReadsTraces) > 0)
        {
            lastIngressNanos = now;
        }
    }

    /**
     * Asks for the HELLO's answer again, or for the events again with the pending commands re-sent when nothing
     * moved for too long, or keeps the session alive.
     *
     * @param cluster the session.
     * @param now     nanoTime.
     */
    void keepAliveAndResend(final AeronCluster cluster, final long now)
    {
        if (helloSentAt != 0 && now - helloSentAt >= HELLO_ANSWER_NANOS)
        {
            helloDue = true;
            send(cluster, now);
            return;
        }
        final boolean waiting = pending.size() > 0 || now - resendDueAt >= 0;
        if (waiting && now - lastProgressNanos >= resendAfterNanos)
        {
            requestResend(cluster, now);
            counters.commandsResent += pending.rewind();
            lastProgressNanos = now;
            send(cluster, now);
        }
        else if (now - lastIngressNanos >= keepAliveNanos && cluster.sendKeepAlive())
        {
            lastIngressNanos = now;
        }
    }

    /**
     * An event number is missing: asks for the events from the next one, unless a resend asked for already is due.
     *
     * @param cluster the session.
     * @param now     nanoTime.
     */
    void onGap(final AeronCluster cluster, final long now)
    {
        counters.gaps++;
        if (resendDueAt == Long.MAX_VALUE)
        {
            requestResend(cluster, now);
            resendDueAt = now + resendAfterNanos;
        }
    }

    private void requestResend(final AeronCluster cluster, final long now)
    {
        if (events.nextEvent() == 0 || helloDue)
        {
            return;
        }
        IngressFrame.header(control, 0, IngressFrame.RESEND, events.nextEvent());
        if (cluster.offer(control, 0, IngressFrame.HEADER_LENGTH) > 0)
        {
            counters.resendRequests++;
            lastIngressNanos = now;
            resendDueAt = Long.MAX_VALUE;
        }
    }
}
