package io.disruptorx.node.venue;

import java.util.Locale;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.core.GatewayCounters;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;

/**
 * A gateway's {@link GatewayCounters} as metrics ({@code dx_gateway_*}), read at scrape time, every series labelled
 * with the gateway's protocol ({@code gateway}): connected sessions by kind, logins, rejects by reason (the
 * gateway's own, throttling among them, and the engine's for tracked accounts), protocol errors by kind, commands
 * sent and retried, reports sequenced and replayed to reconnecting clients, protective cancels and the gateway's own
 * failures.
 */
public final class GatewayMetrics
{
    private static final String GATEWAY = "gateway";

    private GatewayMetrics()
    {
    }

    /**
     * @param metrics  where to register.
     * @param protocol the gateway's label value, e.g. {@code binary}, {@code fix}.
     * @param counters the gateway core's counters.
     */
    public static void register(final MetricsRegistry metrics, final String protocol, final GatewayCounters counters)
    {
        for (final SessionKind kind : SessionKind.values())
        {
            metrics.gauge("dx_gateway_sessions", "Order-entry sessions with a connection, by kind",
                () -> counters.connectedSessions(kind), GATEWAY, protocol, "kind", label(kind.name()));
        }
        metrics.counter("dx_gateway_logins_total", "Logins accepted", counters::logins, GATEWAY, protocol);
        for (final EntryRejectReason reason : EntryRejectReason.values())
        {
            if (reason != EntryRejectReason.NONE && reason != EntryRejectReason.NULL_VAL)
            {
                final int code = reason.value();
                metrics.counter("dx_gateway_rejects_total",
                    "Requests rejected, by reason: the gateway's own (throttled, not entitled...) and the engine's",
                    () -> counters.rejects(code), GATEWAY, protocol, "reason", label(reason.name()));
            }
        }
        for (final ProtocolError error : ProtocolError.values())
        {
            metrics.counter("dx_gateway_protocol_errors_total",
                "Bad input and session trouble below the order level, by kind",
                () -> counters.protocolErrors(error), GATEWAY, protocol, "kind", label(error.name()));
        }
        metrics.counter("dx_gateway_commands_sent_total", "Commands offered to the venue and taken",
            counters::commandsSent, GATEWAY, protocol);
        metrics.counter("dx_gateway_commands_retried_total",
            "Gateway-initiated commands the venue pushed back and that were offered again",
            counters::commandsRetried, GATEWAY, protocol);
        metrics.counter("dx_gateway_reports_sequenced_total", "Reports sequenced into session stores",
            counters::reportsStored, GATEWAY, protocol);
        metrics.counter("dx_gateway_reports_replayed_total",
            "Reports sent again from a session's store because a reconnecting client asked for them",
            counters::reportsReplayed, GATEWAY, protocol);
        metrics.counter("dx_gateway_disconnect_cancels_total",
            "Cancels sent because a cancel-on-disconnect session lost its connection",
            counters::disconnectCancels, GATEWAY, protocol);
        metrics.counter("dx_gateway_cancel_after_fired_total", "Dead-man switches that fired",
            counters::cancelAfterFired, GATEWAY, protocol);
        metrics.counter("dx_gateway_internal_errors_total", "Failures of the gateway itself (bugs, not clients)",
            counters::internalErrors, GATEWAY, protocol);
    }

    private static String label(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
