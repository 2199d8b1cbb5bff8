package io.disruptorx.node.shard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.link.LinkStream;
import io.disruptorx.shard.link.ShardLinkFrames;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Answers a gateway's {@link ShardLinkFrames#BOOK_REQUEST} on a {@link ShardLinkSession}: offers a TakeSnapshot
 * command of the host's own ({@link ShardLinkSession#HOST_TAG}), reads the instrument's book out of that snapshot
 * ({@link SnapshotBookReader}, checked once a millisecond) and sends it back as a {@link ShardLinkFrames#BOOK} frame;
 * a snapshot not readable within {@value #BOOK_TIMEOUT_SECONDS} s is answered with a failed read (length -1). The
 * session does not forward the events of that command ({@link #ownSequence}). One request at a time (a new one
 * replaces one under way), on the session's thread.
 */
final class LinkBookRead
{
    private static final long BOOK_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long BOOK_TIMEOUT_SECONDS = 30;
    private static final long BOOK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(BOOK_TIMEOUT_SECONDS);

    private final SnapshotBookReader books;
    private final UnsafeBuffer command =
        new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH + ShardLinkSession.TAG_BYTES]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final ExpandableArrayBuffer piece = new ExpandableArrayBuffer(64 * 1024);
    private boolean requested;
    private int instrument;
    private long timestamp;
    private long transferId;
    private long snapshotSequence = -1;
    private long ownSequence = -1;
    private long nextCheck;
    private long deadline;

    /**
     * @param books reads books out of the node; the session owns it (builds it ahead, closes it).
     */
    LinkBookRead(final SnapshotBookReader books)
    {
        this.books = books;
    }

    /**
     * Takes a request in: instrument id, timestamp and first transfer id of the piece, little-endian.
     *
     * @param in    the frames read, little-endian.
     * @param start the request's first byte.
     */
    void request(final ByteBuffer in, final int start)
    {
        requested = true;
        instrument = in.getInt(start);
        timestamp = in.getLong(start + Integer.BYTES);
        transferId = in.getLong(start + Integer.BYTES + Long.BYTES);
        snapshotSequence = -1;
        deadline = System.nanoTime() + BOOK_TIMEOUT_NANOS;
    }

    /**
     * Carries the request under way: offers the snapshot command, then checks for the book.
     *
     * @param venue  the link's venue client.
     * @param stream the session's stream, where the BOOK frame goes.
     * @return work done.
     */
    int doWork(final VenueClient venue, final LinkStream stream)
    {
        if (!requested)
        {
            return 0;
        }
        if (snapshotSequence < 0)
        {
            final int length = encoder.takeSnapshot(command, 0, timestamp, transferId);
            command.putLong(length, ShardLinkSession.HOST_TAG, ByteOrder.LITTLE_ENDIAN);
            final long sequence = venue.offer(command, 0, length + ShardLinkSession.TAG_BYTES);
            if (sequence > 0)
            {
                snapshotSequence = sequence;
                ownSequence = sequence;
                books.prepare();
                nextCheck = System.nanoTime();
            }
            return 1;
        }
        final long now = System.nanoTime();
        if (now < nextCheck)
        {
            return 0;
        }
        nextCheck = now + BOOK_CHECK_NANOS;
        int length = books.read(snapshotSequence, instrument, timestamp, transferId, piece);
        if (length == ShardMover.BookSource.PENDING)
        {
            if (now < deadline)
            {
                return 0;
            }
            System.err.println("dx shard-host: no snapshot of sequence " + snapshotSequence + " within " +
                BOOK_TIMEOUT_SECONDS + " s; the book read fails");
            length = -1;
        }
        send(stream, length);
        requested = false;
        return 1;
    }

    /** @return the sequence of the last snapshot command offered (-1 before the first), whose events are dropped. */
    long ownSequence()
    {
        return ownSequence;
    }

    private void send(final LinkStream stream, final int length)
    {
        final int body = Integer.BYTES + Math.max(length, 0);
        stream.ensureRoom(body);
        final int start = stream.begin(ShardLinkFrames.BOOK, body);
        stream.log().putInt(start, length, ByteOrder.LITTLE_ENDIAN);
        if (length > 0)
        {
            stream.log().putBytes(start + Integer.BYTES, piece, 0, length);
        }
        stream.commit(body);
    }
}
