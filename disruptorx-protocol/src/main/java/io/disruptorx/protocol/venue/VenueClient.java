package io.disruptorx.protocol.venue;

import org.agrona.DirectBuffer;

/**
 * The venue as an order-entry gateway sees it: a sequencer that takes encoded commands and a stream of encoded
 * events. Each host implements it: the embedded node (commands claimed straight into its input ring) and the
 * Aeron Cluster client (commands sent through the cluster's ingress, events received as egress). A gateway knows
 * nothing else about the venue, so the same gateway runs on either host.
 *
 * <p>Commands are messages of the commands schema ({@code io.disruptorx.protocol.sbe.command}) with their message
 * header; events are messages of the events schema ({@code io.disruptorx.protocol.sbe.event}). The host stamps its
 * own time over a command's timestamp before the command is sequenced, so the gateway's clock never reaches the
 * engine.
 *
 * <p>Acknowledgement is an event, never the return of {@link #offer}: the host delivers an event only after the
 * command that caused it is durable (journalled and forced on the embedded node, committed by a majority in the
 * cluster). {@link #poll} delivers every event exactly once and in venue order, also across the reconnects and
 * leader changes an implementation handles inside.
 *
 * <p>One thread uses an instance: it is a duty cycle ({@link #poll} returns the work done) that the host
 * composes with the gateway's own agents.
 */
public interface VenueClient extends AutoCloseable
{
    /**
     * The command was not taken because the venue is applying back-pressure; the caller may retry or reject.
     */
    long BACK_PRESSURED = -1;

    /**
     * The command was not taken because the client has no connection to the venue at the moment (for example
     * during a cluster election); the caller may retry or reject.
     */
    long NOT_CONNECTED = -2;

    /**
     * The client is closed.
     */
    long CLOSED = -3;

    /**
     * Offers one encoded command for sequencing. Never blocks.
     *
     * @param buffer holding the command, message header first.
     * @param offset of the message header in the buffer.
     * @param length of header and body.
     * @return a positive value when the command was taken (an implementation-defined position, for tracing
     * only), or {@link #BACK_PRESSURED}, {@link #NOT_CONNECTED} or {@link #CLOSED}.
     */
    long offer(DirectBuffer buffer, int offset, int length);

    /**
     * Offers a command that carries the caller's trace context. A host that records traces keeps the context
     * beside the command (never in the journalled bytes) and, when the trace is sampled, emits spans for its
     * stages; any other host ignores it, which is what this default does.
     *
     * @param buffer holding the command, message header first.
     * @param offset of the message header in the buffer.
     * @param length of header and body.
     * @param trace  the request's trace context, possibly empty; read before this returns, never kept.
     * @return as {@link #offer(DirectBuffer, int, int)}.
     */
    default long offer(DirectBuffer buffer, int offset, int length, TraceContext trace)
    {
        return offer(buffer, offset, length);
    }

    /**
     * Whether this client tells its handler where each command's events end
     * ({@link VenueEventHandler#onCommandEnd}). A gateway that must answer with all of a command's events (a REST
     * order's entry fills) waits for the end when it is signalled, and otherwise answers as events arrive.
     *
     * @return true when {@link #poll} calls {@link VenueEventHandler#onCommandEnd} after each command's events.
     */
    default boolean signalsCommandEnd()
    {
        return false;
    }

    /**
     * Delivers the events available now, at most {@code limit} of them.
     *
     * @param handler receiving the events, on the calling thread.
     * @param limit   most events delivered by this call.
     * @return the number of events delivered.
     */
    int poll(VenueEventHandler handler, int limit);

    /**
     * Closes the client; commands offered after this return {@link #CLOSED}.
     */
    @Override
    void close();
}
