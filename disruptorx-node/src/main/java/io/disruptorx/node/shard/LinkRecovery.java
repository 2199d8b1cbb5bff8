package io.disruptorx.node.shard;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a restarted shard host reads back for a gateway link it no longer knows (docs/scaling.md, "A shard host
 * restarts"). The gateway says which events it has: all of the commands before {@code lastEvent} and the first
 * {@code eventsOfLast} of that one; and the journal sequence {@code durable} its log's dropped frames are durable up
 * to (at most {@code lastEvent}: the frames it sends again are of the commands after it, some perhaps journalled at
 * or before {@code lastEvent}, since the gateway drops frames a whole ACK at a time). This reads the journal of the
 * process before the restart (up to the sequence the node recovered to) and gives:
 * <ul>
 *     <li>{@link #records}: the journalled commands after {@code durable}, each with its journal sequence; the
 *     link matches the commands the gateway sends again against them, in order, and takes a match as applied
 *     without applying it twice;</li>
 *     <li>{@link #events}: the events the gateway lacks, made again by a scratch engine from the newest snapshot
 *     before them plus the journal (the engine is deterministic, so they are the events the old process emitted),
 *     without those of TakeSnapshot commands, which a link never forwards;</li>
 *     <li>when no snapshot and journal reach back that far, instead of events, one {@code UNKNOWN_STATUS} answer for
 *     each order command among the records after {@code lastEvent} (OrderRejected for a new order, CancelRejected
 *     for a cancel or a replace): applied or not, its outcome is lost ({@link #complete} false).</li>
 * </ul>
 * Runs once per such link, on its session's thread, before the session answers the gateway; it allocates.
 */
final class LinkRecovery
{
    private static final int EVENTS_SCHEMA = io.disruptorx.protocol.sbe.event.MessageHeaderDecoder.SCHEMA_ID;
    private static final int TIMESTAMP_AT = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int LIVE_READS = 3;

    /** {@link Record#tag} of a command journalled without a link's tag. */
    static final long UNTAGGED = Long.MIN_VALUE;

    /**
     * A journalled command.
     *
     * @param sequence its journal sequence.
     * @param bytes    the command as journalled: with the link's tag after it when a link took it.
     */
    record Record(long sequence, byte[] bytes)
    {
        /**
         * @return the link that took it ({@link ShardLinkSession#HOST_TAG} for the host's own command), or
         * {@link #UNTAGGED} for a command journalled before links tagged theirs (or not through a link).
         */
        long tag()
        {
            final int command = commandLength();
            return command == bytes.length ? UNTAGGED :
                new UnsafeBuffer(bytes).getLong(bytes.length - Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * @return whether a command sent again is this one: equal but for the timestamp the host stamps over and
         * the link's tag.
         */
        boolean matches(final DirectBuffer buffer, final int offset, final int length)
        {
            if (length != commandLength())
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if ((i < TIMESTAMP_AT || i >= TIMESTAMP_AT + Long.BYTES) && buffer.getByte(offset + i) != bytes[i])
                {
                    return false;
                }
            }
            return true;
        }

        private int commandLength()
        {
            if (bytes.length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                return bytes.length;
            }
            final int block = MessageHeaderDecoder.ENCODED_LENGTH + ((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8);
            return bytes.length - block >= Long.BYTES ? bytes.length - Long.BYTES : bytes.length;
        }
    }

    private static final class StopScan extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StopScan()
        {
            super(null, null, false, false);
        }
    }

    private final long from;
    private final long lastEvent;
    private final long durable;
    private final long recovered;
    private final long applied;
    private final long snapshotSequence;
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private final List<Record> records = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SbeCommandDispatcher dispatcher;
    private int eventsLength;
    private int eventCount;
    private int matched;
    private long current;
    private long skip;
    private boolean capturing;
    private boolean replaying;
    private long replayedTo;

    private LinkRecovery(
        final NodeConfig config, final long lastEvent, final long eventsOfLast, final long durable,
        final long recovered, final long applied)
    {
        this.lastEvent = lastEvent;
        this.durable = Math.min(durable, lastEvent);
        this.recovered = recovered;
        this.applied = Math.max(applied, recovered);
        this.from = eventsOfLast > 0 ? lastEvent : lastEvent + 1;
        this.skip = eventsOfLast > 0 ? eventsOfLast : 0;
        final SnapshotStore.Loaded base = newestAtOrBefore(config.snapshotDirectory(), from - 1);
        this.snapshotSequence = base == null ? 0 : base.sequence();
        final MatchingEngine engine = new MatchingEngine(config.engine(),
            new SbeEventEncoder(new CallbackEventSink(this::onEvent, 1024)));
        if (base != null)
        {
            engine.restore(new UnsafeBuffer(base.payload()), 0, base.payload().length);
        }
        dispatcher = new SbeCommandDispatcher(engine, (reason, buffer, offset, length) ->
        {
        });
        replaying = true;
        replayedTo = snapshotSequence;
    }

    /**
     * @param config    the node's settings (journal and snapshot directories, engine settings).
     * @param lastEvent command sequence of the last event the gateway has, 0 for none.
     * @param eventsOfLast how many events of that command it has.
     * @param durable   the journal sequence the gateway's dropped frames are durable up to.
     * @param recovered the sequence the restarted node recovered to: the old process's last journalled command.
     * @return what was read back.
     */
    static LinkRecovery read(final NodeConfig config, final long lastEvent, final long eventsOfLast,
        final long durable, final long recovered)
    {
        return read(config, lastEvent, eventsOfLast, durable, recovered, recovered);
    }

    /**
     * Reads as {@link #read(NodeConfig, long, long, long, long)} does, and makes again the events of the commands
     * the restarted process applied before the link's venue client joined its output ring too: those up to
     * {@code applied} (the node's applied sequence read after the client joined) and the next one if the journal
     * holds it (it may have been in the engine when the client joined, its first events before the client's
     * start). The session drops its client's events of the commands up to {@link #through}. The journal is live
     * past {@code recovered}: a read that meets a record being written is made again, up to {@value #LIVE_READS}
     * times.
     *
     * @param applied the node's applied sequence, read after the link's venue client joined.
     */
    static LinkRecovery read(final NodeConfig config, final long lastEvent, final long eventsOfLast,
        final long durable, final long recovered, final long applied)
    {
        for (int attempt = 1; ; attempt++)
        {
            final LinkRecovery recovery =
                new LinkRecovery(config, lastEvent, eventsOfLast, durable, recovered, applied);
            try
            {
                JournalReader.read(config.dataDirectory().resolve("journal"), recovery::onRecord);
            }
            catch (final StopScan done)
            {
                // every record up to the bound was read
            }
            catch (final JournalCorruptedException live)
            {
                if (attempt < LIVE_READS && recovery.applied > recovered)
                {
                    continue;
                }
                throw live;
            }
            if (!recovery.complete())
            {
                recovery.unknownAnswers();
            }
            return recovery;
        }
    }

    /**
     * @return whether the events the gateway lacks were made again (else the order commands are answered unknown).
     */
    boolean complete()
    {
        return replaying && (replayedTo >= applied || from > applied);
    }

    /**
     * @return the last command whose events {@link #events} holds all of (the link's venue client's events of it
     * and of those before it are dropped), or -1 when the events were not made again.
     */
    long through()
    {
        return complete() ? Math.max(replayedTo, applied) : -1;
    }

    /**
     * @return the journalled commands after the gateway's durable sequence, oldest first.
     */
    List<Record> records()
    {
        return records;
    }

    /**
     * Matches a command the gateway sends again against the records after the last one matched, in order: the
     * first record this link tagged (or that carries no tag: journalled before links tagged theirs) that is equal
     * to it. Records other links or the host tagged are passed over: another gateway's equal command is never taken
     * for this one. The link's journalled commands are a prefix of what it took, in the order the gateway sends
     * them again, so the first of its frames the journal lacks matches none, and neither does any after it.
     *
     * @param linkId the link's id, as it tags its commands.
     * @param buffer holding the command.
     * @param offset where it starts.
     * @param length its bytes.
     * @return the journal sequence of the record that is it (the command was applied there), or -1 when none is.
     */
    long match(final long linkId, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = matched; i < records.size(); i++)
        {
            final Record record = records.get(i);
            final long tag = record.tag();
            if (tag != UNTAGGED && tag != linkId)
            {
                continue;
            }
            if (record.matches(buffer, offset, length))
            {
                matched = i + 1;
                return record.sequence();
            }
        }
        return -1;
    }

    /**
     * @return how many records {@link #match} has passed (matched, or skipped as another link's).
     */
    int matched()
    {
        return matched;
    }

    /**
     * @param restart what the gateway said of the link.
     * @return what was read back, for the host's log.
     */
    String summary(final LinkRestart restart)
    {
        return records.size() + " commands (of every link) journalled after " + restart.durable() +
            ", its last event " + restart.lastEvent() + ", applied since the restart up to " + restart.applied() +
            ", " + eventCount + (complete() ? " events made again" : " UNKNOWN_STATUS answers (no snapshot and " +
            "journal reach back to its last event)");
    }

    /**
     * @return the events for the gateway: each a long command sequence, an int length, the event.
     */
    DirectBuffer events()
    {
        return events;
    }

    /**
     * @return bytes of {@link #events}.
     */
    int eventsLength()
    {
        return eventsLength;
    }

    /**
     * @return how many events {@link #events} holds.
     */
    int eventCount()
    {
        return eventCount;
    }

    private void onRecord(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence > applied + 1)
        {
            throw new StopScan();
        }
        if (sequence > durable && sequence <= recovered)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            records.add(new Record(sequence, bytes));
        }
        if (sequence <= snapshotSequence || !replaying)
        {
            return;
        }
        if (sequence != replayedTo + 1)
        {
            replaying = false;
            return;
        }
        header.wrap(buffer, offset);
        current = sequence;
        capturing = sequence >= from && !(header.schemaId() == TakeSnapshotDecoder.SCHEMA_ID &&
            header.templateId() == TakeSnapshotDecoder.TEMPLATE_ID);
        dispatcher.dispatch(buffer, offset, length);
        replayedTo = sequence;
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!capturing || (buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) != EVENTS_SCHEMA)
        {
            return;
        }
        if (current == from && skip > 0)
        {
            skip--;
            return;
        }
        append(current, buffer, offset, length);
    }

    private void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        events.putLong(eventsLength, sequence, ByteOrder.LITTLE_ENDIAN);
        events.putInt(eventsLength + Long.BYTES, length, ByteOrder.LITTLE_ENDIAN);
        events.putBytes(eventsLength + Long.BYTES + Integer.BYTES, buffer, offset, length);
        eventsLength += Long.BYTES + Integer.BYTES + length;
        eventCount++;
    }

    /**
     * The events could not be made again: drops what was made and answers each order command after the gateway's
     * last event {@code UNKNOWN_STATUS} (those up to it the gateway has answers for).
     */
    private void unknownAnswers()
    {
        eventsLength = 0;
        eventCount = 0;
        final UnsafeBuffer command = new UnsafeBuffer(0, 0);
        final SbeEventEncoder encoder = new SbeEventEncoder(new CallbackEventSink(this::onUnknown, 1024));
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        for (final Record record : records)
        {
            if (record.sequence() <= lastEvent)
            {
                continue;
            }
            command.wrap(record.bytes());
            header.wrap(command, 0);
            current = record.sequence();
            final int body = MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID ->
                {
                    newOrder.wrap(command, body, header.blockLength(), header.version());
                    encoder.onOrderRejected(newOrder.timestamp(), newOrder.clientOrderId(), newOrder.accountId(),
                        newOrder.instrumentId(), RejectReason.UNKNOWN_STATUS);
                }
                case CancelOrderDecoder.TEMPLATE_ID ->
                {
                    cancel.wrap(command, body, header.blockLength(), header.version());
                    encoder.onCancelRejected(cancel.timestamp(), cancel.orderId(), cancel.requestId(),
                        cancel.accountId(), RejectReason.UNKNOWN_STATUS);
                }
                case ReplaceOrderDecoder.TEMPLATE_ID ->
                {
                    replace.wrap(command, body, header.blockLength(), header.version());
                    encoder.onCancelRejected(replace.timestamp(), replace.orderId(), replace.requestId(),
                        replace.accountId(), RejectReason.UNKNOWN_STATUS);
                }
                default ->
                {
                }
            }
        }
    }

    private void onUnknown(final DirectBuffer buffer, final int offset, final int length)
    {
        append(current, buffer, offset, length);
    }

    private static SnapshotStore.Loaded newestAtOrBefore(final Path directory, final long sequence)
    {
        final List<Path> files = new SnapshotStore(directory).files();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            if (SnapshotStore.sequenceOf(files.get(i)) <= sequence)
            {
                final SnapshotStore.Loaded loaded = SnapshotStore.read(files.get(i));
                if (loaded != null)
                {
                    return loaded;
                }
            }
        }
        return null;
    }
}
