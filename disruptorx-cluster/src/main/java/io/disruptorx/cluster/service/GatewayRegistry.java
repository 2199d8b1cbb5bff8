package io.disruptorx.cluster.service;

import java.util.Arrays;

import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The gateways the cluster knows, in the order they first said HELLO (the order events are routed in, so every
 * member routes identically), found by id or by their current session.
 */
final class GatewayRegistry
{
    private final int storeCapacity;
    private final Long2ObjectHashMap<Gateway> byId = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Gateway> bySession = new Long2ObjectHashMap<>();
    private Gateway[] inOrder = new Gateway[4];
    private int count;

    /**
     * @param storeCapacity events held per gateway for replay, a power of two.
     */
    GatewayRegistry(final int storeCapacity)
    {
        this.storeCapacity = storeCapacity;
    }

    int count()
    {
        return count;
    }

    Gateway at(final int index)
    {
        return inOrder[index];
    }

    Gateway byId(final long gatewayId)
    {
        return byId.get(gatewayId);
    }

    Gateway bySession(final long sessionId)
    {
        return bySession.get(sessionId);
    }

    /**
     * @param gatewayId a gateway not known yet.
     * @return it, registered last.
     */
    Gateway register(final long gatewayId)
    {
        return add(new Gateway(gatewayId, count, storeCapacity));
    }

    /**
     * Binds a gateway to a session, unbinding whatever was bound to either before.
     *
     * @param gateway   the gateway.
     * @param sessionId its session now.
     */
    void bind(final Gateway gateway, final long sessionId)
    {
        final Gateway previous = bySession.get(sessionId);
        if (previous != null)
        {
            unbind(previous);
        }
        unbind(gateway);
        gateway.sessionId = sessionId;
        bySession.put(sessionId, gateway);
    }

    /**
     * @param gateway a gateway whose session closed (or that moved to another).
     */
    void unbind(final Gateway gateway)
    {
        if (gateway.sessionId != Gateway.NO_SESSION)
        {
            bySession.remove(gateway.sessionId);
            gateway.sessionId = Gateway.NO_SESSION;
        }
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(count).putInt(storeCapacity);
        for (int i = 0; i < count; i++)
        {
            inOrder[i].writeTo(out);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote into this empty registry.
     *
     * @param in where to read.
     */
    void readFrom(final SnapshotReader in)
    {
        if (count != 0)
        {
            throw new IllegalStateException("restore needs an empty gateway registry");
        }
        final int gateways = in.getInt();
        final int capacity = in.getInt();
        if (capacity != storeCapacity)
        {
            throw new IllegalStateException("snapshot written with an event store of " + capacity +
                " per gateway, this member has " + storeCapacity + ": members must use the same setting");
        }
        for (int i = 0; i < gateways; i++)
        {
            final Gateway gateway = add(Gateway.readFrom(in, i, storeCapacity));
            if (gateway.sessionId != Gateway.NO_SESSION)
            {
                bySession.put(gateway.sessionId, gateway);
            }
        }
    }

    private Gateway add(final Gateway gateway)
    {
        if (count == inOrder.length)
        {
            inOrder = Arrays.copyOf(inOrder, count * 2);
        }
        inOrder[count++] = gateway;
        byId.put(gateway.id, gateway);
        return gateway;
    }
}
