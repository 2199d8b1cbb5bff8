package io.disruptorx.cluster.service;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;

/**
 * The replicated state of the clustered service as bytes: the engine's own snapshot, the end-of-day deadline and
 * every gateway (incarnation, last command applied, event stream, accounts, session). Equal states give equal
 * bytes, so members can be compared byte for byte.
 *
 * <pre>
 *   magic (i32) | version (i32) | end-of-day deadline (i64)
 *   engine snapshot length (i32) | reserved (i32) | engine snapshot (EngineSnapshot layout), padded to 8
 *   gateway count (i32) | event store capacity (i32) | gateways (see Gateway.writeTo)
 *   total length (i32) | reserved (i32)
 * </pre>
 */
final class ServiceSnapshot
{
    static final int MAGIC = 0x44584353;
    static final int VERSION = 2;
    static final int ENGINE_LENGTH_OFFSET = 16;
    static final int ENGINE_OFFSET = 24;

    private ServiceSnapshot()
    {
    }

    /**
     * @param engine   the engine.
     * @param registry the gateways.
     * @param timers   the timers.
     * @param out      wrapped at the start of the buffer to write.
     * @return bytes written.
     */
    static int write(
        final MatchingEngine engine,
        final GatewayRegistry registry,
        final ServiceTimers timers,
        final SnapshotWriter out)
    {
        out.putInt(MAGIC).putInt(VERSION).putLong(timers.endOfDayDeadline());
        final int lengthAt = out.position();
        out.putInt(0).putInt(0);
        final int engineAt = out.position();
        final int engineLength = engine.snapshot(out.buffer(), engineAt);
        out.buffer().putInt(lengthAt, engineLength, SnapshotWriter.ORDER);
        out.position(engineAt + engineLength);
        out.align();
        registry.writeTo(out);
        final int total = out.position() + 8;
        out.putInt(total).putInt(0);
        return total;
    }

    /**
     * Restores into a new engine, an empty registry and the timers.
     *
     * @param in       wrapped at the start of the bytes, over their length.
     * @param length   their length.
     * @param engine   a new engine.
     * @param registry an empty registry.
     * @param timers   the timers.
     */
    static void read(
        final SnapshotReader in,
        final int length,
        final MatchingEngine engine,
        final GatewayRegistry registry,
        final ServiceTimers timers)
    {
        if (in.getInt() != MAGIC)
        {
            throw new IllegalStateException("not a DisruptorX cluster service snapshot (bad magic)");
        }
        final int version = in.getInt();
        if (version != VERSION)
        {
            throw new IllegalStateException("service snapshot version " + version + ", this service reads " + VERSION);
        }
        timers.endOfDayDeadline(in.getLong());
        final int engineLength = in.getInt();
        in.getInt();
        final int engineAt = in.position();
        if (engineLength < 0 || engineAt + engineLength > length)
        {
            throw new IllegalStateException("service snapshot: engine snapshot of " + engineLength + " bytes at " +
                engineAt + " exceeds " + length);
        }
        engine.restore(in.buffer(), engineAt, engineLength);
        in.position(engineAt + engineLength);
        in.align();
        registry.readFrom(in);
        final int total = in.getInt();
        in.getInt();
        if (total != length || in.position() != length)
        {
            throw new IllegalStateException("service snapshot length mismatch: recorded " + total + ", read " +
                in.position() + ", given " + length);
        }
    }
}
