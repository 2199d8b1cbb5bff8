package io.disruptorx.cluster.service;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.disruptorx.cluster.wire.IngressFrame;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Applies one ingress frame from the log: a HELLO binds the session to its gateway and answers with an ACK and the
 * events asked for; a COMMAND is applied once (a re-sent one, with a command sequence already applied, is dropped
 * and acknowledged again) with the log's timestamp stamped over the gateway's; a BATCH is its commands one after
 * the other, command i of n known by the log position {@code position - (n - 1 - i)} (unique and increasing: a
 * frame is longer than its command count), the same on every member; a TRACED command is a COMMAND whose stage
 * times the leader also reports to its {@link ClusterSpans}; a RESEND replays events.
 *
 * <p>Exactly-once: the engine sees each command of a gateway incarnation once however often the gateway sends it,
 * so a re-send after a failover never makes a second order, and never makes a duplicate-id reject either: the
 * engine's own duplicate client order id check is only ever met by a gateway that really reused an id.
 */
final class IngressHandler
{
    private static final int SBE_HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_COMMAND_LENGTH = 256;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final GatewayRegistry registry;
    private final GatewayStreams streams;
    private final SbeCommandDispatcher dispatcher;
    private final ServiceTimers timers;
    private final ServiceCounters counters;
    private final MutableDirectBuffer command = new UnsafeBuffer(new byte[MAX_COMMAND_LENGTH]);
    private ClusterSpans spans = ClusterSpans.NONE;
    private BooleanSupplier leading = () -> false;
    private Supplier<TimeUnit> logTimeUnit = () -> null;

    IngressHandler(
        final GatewayRegistry registry,
        final GatewayStreams streams,
        final SbeCommandDispatcher dispatcher,
        final ServiceTimers timers,
        final ServiceCounters counters)
    {
        this.registry = registry;
        this.streams = streams;
        this.dispatcher = dispatcher;
        this.timers = timers;
        this.counters = counters;
    }

    /**
     * Reports traced commands' stage times.
     *
     * @param spans       where they go.
     * @param leading     whether this member leads (only the leader reports).
     * @param logTimeUnit unit of the log's timestamps (known once the service has joined the log).
     */
    void trace(final ClusterSpans spans, final BooleanSupplier leading, final Supplier<TimeUnit> logTimeUnit)
    {
        this.spans = spans;
        this.leading = leading;
        this.logTimeUnit = logTimeUnit;
    }

    /**
     * @param sessionId the cluster session it came on.
     * @param timestamp the log's timestamp of the message.
     * @param position  the log position after the message.
     * @param buffer    holding the frame.
     * @param offset    of the frame.
     * @param length    of the frame.
     */
    void onMessage(
        final long sessionId,
        final long timestamp,
        final long position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        timers.onLogTime(timestamp);
        if (length < IngressFrame.HEADER_LENGTH)
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        switch (IngressFrame.type(buffer, offset))
        {
            case IngressFrame.COMMAND:
                onCommand(sessionId, timestamp, position, buffer, offset, length);
                break;

            case IngressFrame.TRACED:
                onTraced(sessionId, timestamp, position, buffer, offset, length);
                break;

            case IngressFrame.BATCH:
                onBatch(sessionId, timestamp, position, buffer, offset, length);
                break;

            case IngressFrame.HELLO:
                onHello(sessionId, position, buffer, offset, length);
                break;

            case IngressFrame.RESEND:
                onResend(sessionId, position, IngressFrame.value(buffer, offset));
                break;

            default:
                counters.increment(ServiceCounter.MALFORMED_FRAMES);
                break;
        }
    }

    /**
     * A session closed: its gateway is unbound, and its cancel-on-disconnect timer armed.
     *
     * @param sessionId the session.
     * @param timestamp the log's timestamp.
     */
    void onSessionClosed(final long sessionId, final long timestamp)
    {
        timers.onLogTime(timestamp);
        final Gateway gateway = registry.bySession(sessionId);
        if (gateway != null)
        {
            registry.unbind(gateway);
            timers.armDisconnect(gateway, timestamp);
        }
    }

    private void onCommand(
        final long sessionId,
        final long timestamp,
        final long position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Gateway gateway = helloedGateway(sessionId);
        if (gateway == null)
        {
            return;
        }
        apply(gateway, IngressFrame.value(buffer, offset), timestamp, position, buffer,
            offset + IngressFrame.HEADER_LENGTH, length - IngressFrame.HEADER_LENGTH);
    }

    private void onTraced(
        final long sessionId,
        final long timestamp,
        final long position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (length <= IngressFrame.TRACED_COMMAND_OFFSET)
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        final Gateway gateway = helloedGateway(sessionId);
        if (gateway == null)
        {
            return;
        }
        final TimeUnit unit = spans != ClusterSpans.NONE && leading.getAsBoolean() ? logTimeUnit.get() : null;
        final long start = unit != null ? System.nanoTime() : 0;
        final boolean applied = apply(gateway, IngressFrame.value(buffer, offset), timestamp, position, buffer,
            offset + IngressFrame.TRACED_COMMAND_OFFSET, length - IngressFrame.TRACED_COMMAND_OFFSET);
        if (unit != null && applied)
        {
            final int trace = offset + IngressFrame.HEADER_LENGTH;
            spans.onApplied(buffer.getLong(trace, ORDER), buffer.getLong(trace + 8, ORDER),
                buffer.getLong(trace + 16, ORDER), unit.toNanos(timestamp), start, System.nanoTime());
        }
    }

    private void onBatch(
        final long sessionId,
        final long timestamp,
        final long position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Gateway gateway = helloedGateway(sessionId);
        if (gateway == null)
        {
            return;
        }
        final int count = length < IngressFrame.BATCH_COMMANDS_OFFSET ? 0 :
            buffer.getInt(offset + IngressFrame.BATCH_COUNT_OFFSET, ORDER);
        if (count <= 0 || !commandsFit(buffer, offset, length, count))
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        final long first = IngressFrame.value(buffer, offset);
        int at = offset + IngressFrame.BATCH_COMMANDS_OFFSET;
        for (int i = 0; i < count; i++)
        {
            final int commandLength = buffer.getInt(at, ORDER);
            at += IngressFrame.BATCH_LENGTH_PREFIX;
            apply(gateway, first + i, timestamp, position - (count - 1 - i), buffer, at, commandLength);
            at += commandLength;
        }
    }

    /**
     * @return the gateway that said hello on this session, or {@code null}, counted, when none did.
     */
    private Gateway helloedGateway(final long sessionId)
    {
        final Gateway gateway = registry.bySession(sessionId);
        if (gateway == null)
        {
            counters.increment(ServiceCounter.COMMANDS_WITHOUT_HELLO);
        }
        return gateway;
    }

    /**
     * @return whether the frame holds exactly {@code count} length-prefixed commands, none empty.
     */
    private static boolean commandsFit(final DirectBuffer buffer, final int offset, final int length, final int count)
    {
        final int end = offset + length;
        int at = offset + IngressFrame.BATCH_COMMANDS_OFFSET;
        for (int i = 0; i < count; i++)
        {
            if (end - at < IngressFrame.BATCH_LENGTH_PREFIX)
            {
                return false;
            }
            final int commandLength = buffer.getInt(at, ORDER);
            at += IngressFrame.BATCH_LENGTH_PREFIX;
            if (commandLength <= 0 || commandLength > end - at)
            {
                return false;
            }
            at += commandLength;
        }
        return at == end;
    }

    /**
     * @return whether the command was new (false: a duplicate, dropped and acknowledged again).
     */
    private boolean apply(
        final Gateway gateway,
        final long sequence,
        final long timestamp,
        final long position,
        final DirectBuffer buffer,
        final int commandOffset,
        final int commandLength)
    {
        if (sequence <= gateway.lastCommand)
        {
            counters.increment(ServiceCounter.DUPLICATES_DROPPED);
            streams.ack(gateway, position);
            return false;
        }
        if (sequence != gateway.lastCommand + 1)
        {
            counters.increment(ServiceCounter.COMMAND_GAPS);
        }
        gateway.lastCommand = sequence;
        streams.begin(gateway, position);
        if (commandLength > MAX_COMMAND_LENGTH)
        {
            counters.increment(ServiceCounter.UNREADABLE_COMMANDS);
        }
        else
        {
            final MutableDirectBuffer command = this.command;
            command.putBytes(0, buffer, commandOffset, commandLength);
            if (commandLength >= SBE_HEADER_LENGTH + Long.BYTES)
            {
                command.putLong(SBE_HEADER_LENGTH, timestamp, ORDER);
            }
            if (dispatcher.dispatch(command, 0, commandLength))
            {
                counters.increment(ServiceCounter.COMMANDS_APPLIED);
            }
            else
            {
                counters.increment(ServiceCounter.UNREADABLE_COMMANDS);
            }
        }
        streams.end();
        return true;
    }

    private void onHello(
        final long sessionId, final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < IngressFrame.HELLO_ACCOUNTS_OFFSET)
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        final int accountCount = buffer.getInt(offset + IngressFrame.HELLO_ACCOUNT_COUNT_OFFSET, ORDER);
        if (accountCount < IngressFrame.ALL_ACCOUNTS || accountCount > IngressFrame.MAX_ACCOUNTS ||
            length < IngressFrame.HELLO_ACCOUNTS_OFFSET + Math.max(0, accountCount) * Long.BYTES)
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        final long gatewayId = IngressFrame.value(buffer, offset);
        Gateway gateway = registry.byId(gatewayId);
        if (gateway == null)
        {
            gateway = registry.register(gatewayId);
        }
        final long incarnation = buffer.getLong(offset + IngressFrame.HELLO_INCARNATION_OFFSET, ORDER);
        if (incarnation != gateway.incarnation)
        {
            gateway.incarnation = incarnation;
            gateway.lastCommand = 0;
            gateway.firstEvent = gateway.nextEvent;
        }
        gateway.helloFlags = buffer.getInt(offset + IngressFrame.HELLO_FLAGS_OFFSET, ORDER);
        gateway.cancelOnDisconnectNanos =
            Math.max(0, buffer.getLong(offset + IngressFrame.HELLO_CANCEL_ON_DISCONNECT_OFFSET, ORDER));
        if (accountCount == IngressFrame.ALL_ACCOUNTS)
        {
            gateway.accounts = null;
        }
        else
        {
            final long[] accounts = new long[accountCount];
            for (int i = 0; i < accountCount; i++)
            {
                accounts[i] = buffer.getLong(offset + IngressFrame.HELLO_ACCOUNTS_OFFSET + i * Long.BYTES, ORDER);
            }
            Arrays.sort(accounts);
            gateway.accounts = accounts;
        }
        registry.bind(gateway, sessionId);
        timers.cancelDisconnect(gateway);
        final long nextEvent = buffer.getLong(offset + IngressFrame.HELLO_NEXT_EVENT_OFFSET, ORDER);
        streams.replay(gateway, nextEvent > 0 ? nextEvent : gateway.firstEvent, position);
    }

    private void onResend(final long sessionId, final long position, final long from)
    {
        final Gateway gateway = helloedGateway(sessionId);
        if (gateway == null)
        {
            return;
        }
        streams.replay(gateway, from, position);
    }
}
