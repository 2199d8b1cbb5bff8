package io.disruptorx.audit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;

/**
 * The writer side of the audit ring, an Agrona {@link Agent} on a thread of its own: takes records from the
 * {@link AuditRing}, completes commands with the identity of their session (user, source, protocol, from the
 * session's login record) and appends them to the {@link AuditWriter}, flushing after each batch and forcing to
 * disk at most once a second (while the writer is broken, each force is its one try to recover). A write that fails
 * is counted, never thrown at the gateway. Records the ring dropped are noted by a {@link AuditEvent#LOST} record,
 * and counted as noted only once that record is appended (a failed note is written again, with the new total).
 */
public final class AuditRecorder implements Agent, MessageHandler
{
    private static final int BATCH = 1024;
    private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;

    private final AuditRing ring;
    private final AuditWriter writer;
    private final EpochNanoClock clock;
    private final Map<Integer, String[]> identities = new HashMap<>();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    /** Records the ring dropped that a forced LOST record notes. */
    private long lostNoted;
    /** Records the ring dropped that an appended LOST record notes, forced or not (at least {@link #lostNoted}). */
    private long lostWritten;
    /** The sequence of the appended LOST record not yet known to be forced; -1 for none. */
    private long noteSequence = -1;
    /** The writer's recoveries when that record was appended. */
    private long noteRecoveries;
    private long lastForce;
    private boolean dirty;

    /**
     * @param ring   where records come from.
     * @param writer where they go; owned from now on.
     * @param clock  wall time, for the writer's own records.
     */
    public AuditRecorder(final AuditRing ring, final AuditWriter writer, final EpochNanoClock clock)
    {
        this.ring = ring;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        int work = ring.ring().read(this, BATCH);
        final long dropped = ring.dropped();
        if (dropped != lostWritten && !writer.broken())
        {
            final long sequence = write(new AuditRecord(0, clock.nanoTime(), AuditEvent.LOST, "", -1, "", "", "", 0, 0,
                0, 0, (dropped - lostWritten) + " records dropped: the audit ring was full"));
            if (sequence >= 0)
            {
                lostWritten = dropped;
                noteSequence = sequence;
                noteRecoveries = writer.recoveries();
            }
            work++;
        }
        if (work > 0)
        {
            try
            {
                writer.flush();
                dirty = true;
            }
            catch (final IOException ex)
            {
                writeErrors.incrementAndGet();
            }
        }
        final long now = clock.nanoTime();
        if ((dirty || writer.broken()) && now - lastForce >= FORCE_INTERVAL_NANOS)
        {
            try
            {
                writer.force();
                dirty = false;
            }
            catch (final IOException ex)
            {
                writeErrors.incrementAndGet();
            }
            lastForce = now;
        }
        confirmNote();
        return work;
    }

    /**
     * A LOST record for dropped records counts as noted once a force made it durable; if the writer recovered from
     * a write error before that, the recovery may have cut it off, so the drops it noted are noted again (a note
     * forced by a segment's rollover just before such a recovery is then written twice: the count errs high, never
     * low).
     */
    private void confirmNote()
    {
        if (noteSequence < 0)
        {
            return;
        }
        if (writer.recoveries() != noteRecoveries)
        {
            lostWritten = lostNoted;
            noteSequence = -1;
        }
        else if (writer.forcedSequence() >= noteSequence)
        {
            lostNoted = lostWritten;
            noteSequence = -1;
        }
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final AuditEvent event = AuditEvent.values()[msgTypeId - 1];
        final int session = buffer.getInt(index + AuditRing.SESSION);
        final String[] texts = new String[5];
        int at = index + AuditRing.TEXTS;
        for (int i = 0; i < texts.length; i++)
        {
            final int textLength = buffer.getShort(at);
            texts[i] = buffer.getStringWithoutLengthAscii(at + 2, textLength);
            at += 2 + textLength;
        }
        if (event == AuditEvent.LOGIN_OK)
        {
            identities.put(session, new String[]{texts[0], texts[1], texts[2]});
        }
        else if (session >= 0 && texts[0].isEmpty())
        {
            final String[] identity = identities.get(session);
            if (identity != null)
            {
                texts[0] = identity[0];
                texts[1] = texts[1].isEmpty() ? identity[1] : texts[1];
                texts[2] = texts[2].isEmpty() ? identity[2] : texts[2];
            }
        }
        write(new AuditRecord(0, buffer.getLong(index + AuditRing.TIME), event, texts[0], session, texts[1],
            texts[2], texts[3], buffer.getLong(index + AuditRing.ACCOUNT), buffer.getLong(index + AuditRing.INSTRUMENT),
            buffer.getLong(index + AuditRing.CLIENT_ORDER_ID), buffer.getLong(index + AuditRing.ORDER_ID), texts[4]));
    }

    @Override
    public void onClose()
    {
        doWork();
        try
        {
            writer.close();
        }
        catch (final IOException ex)
        {
            writeErrors.incrementAndGet();
        }
    }

    @Override
    public String roleName()
    {
        return "dx-audit";
    }

    /**
     * @return records appended to the log.
     */
    public long recorded()
    {
        return recorded.get();
    }

    /**
     * @return writes that failed (records lost to I/O errors).
     */
    public long writeErrors()
    {
        return writeErrors.get();
    }

    /**
     * @return the record's sequence, or -1 if it could not be appended.
     */
    private long write(final AuditRecord record)
    {
        try
        {
            final long sequence = writer.append(record);
            recorded.incrementAndGet();
            return sequence;
        }
        catch (final IOException ex)
        {
            writeErrors.incrementAndGet();
            return -1;
        }
    }
}
