package io.disruptorx.cluster.service;

import java.util.Arrays;

import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;

/**
 * What the cluster knows about one gateway (a cluster client with a stable id): its incarnation and the last
 * command of it applied (so re-sent commands are applied once), its event stream and the accounts it serves, the
 * session it is on now, and its cancel-on-disconnect setting. Part of the replicated state: changed only while
 * applying the log.
 */
final class Gateway
{
    static final long NO_SESSION = -1;

    final long id;
    final int index;
    final EventStore events;
    long incarnation;
    long lastCommand;
    long nextEvent = 1;
    /** The first event of the current incarnation: where a HELLO that knows no event yet is answered from. */
    long firstEvent = 1;
    long cancelOnDisconnectNanos;
    long sessionId = NO_SESSION;
    long disconnectDeadline;
    /** Ascending account ids, or null for every account. */
    long[] accounts;
    /** The flags of the gateway's last HELLO ({@code IngressFrame.EVENTS_BATCHES}). */
    int helloFlags;
    /**
     * The first event not yet handed to the egress: events are sent once per log message ({@link GatewayStreams}).
     * Not replicated state: only the leader sends, and a new leader's gateways say HELLO and get a replay.
     */
    long unsentFrom = 1;
    /** Whether the command being applied has sent this gateway an event yet; not replicated state. */
    boolean inCommand;

    Gateway(final long id, final int index, final int storeCapacity)
    {
        this.id = id;
        this.index = index;
        this.events = new EventStore(storeCapacity);
    }

    /**
     * @param accountId an account.
     * @return whether this gateway receives the account's events.
     */
    boolean serves(final long accountId)
    {
        final long[] accounts = this.accounts;
        return accounts == null || Arrays.binarySearch(accounts, accountId) >= 0;
    }

    boolean servesEveryAccount()
    {
        return accounts == null;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putLong(id).putLong(incarnation).putLong(lastCommand).putLong(nextEvent).putLong(firstEvent);
        out.putLong(cancelOnDisconnectNanos).putLong(sessionId).putLong(disconnectDeadline);
        out.putInt(accounts == null ? -1 : accounts.length).putInt(helloFlags);
        if (accounts != null)
        {
            for (final long account : accounts)
            {
                out.putLong(account);
            }
        }
        events.writeTo(out);
    }

    static Gateway readFrom(final SnapshotReader in, final int index, final int storeCapacity)
    {
        final Gateway gateway = new Gateway(in.getLong(), index, storeCapacity);
        gateway.incarnation = in.getLong();
        gateway.lastCommand = in.getLong();
        gateway.nextEvent = in.getLong();
        gateway.firstEvent = in.getLong();
        gateway.cancelOnDisconnectNanos = in.getLong();
        gateway.sessionId = in.getLong();
        gateway.disconnectDeadline = in.getLong();
        final int accountCount = in.getInt();
        gateway.helloFlags = in.getInt();
        if (accountCount >= 0)
        {
            gateway.accounts = new long[accountCount];
            for (int i = 0; i < accountCount; i++)
            {
                gateway.accounts[i] = in.getLong();
            }
        }
        gateway.events.readFrom(in);
        if (gateway.events.highest() != gateway.nextEvent - 1)
        {
            throw new IllegalStateException("gateway " + gateway.id + " snapshot: next event " + gateway.nextEvent +
                " but events held to " + gateway.events.highest());
        }
        gateway.unsentFrom = gateway.nextEvent;
        return gateway;
    }
}
