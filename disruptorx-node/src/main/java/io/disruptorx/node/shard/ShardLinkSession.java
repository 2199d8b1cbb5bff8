package io.disruptorx.node.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.link.ShardLinkFrames;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One gateway's connection to a shard host, on a thread of its own: {@link ShardLinkFrames#COMMAND} frames go into
 * the node through a venue client of their own (a full input ring stops reading until it has room), every event
 * goes back as an {@link ShardLinkFrames#EVENT} frame (a slow gateway holds the node's output ring back, as an
 * in-process gateway would), and a {@link ShardLinkFrames#BOOK_REQUEST} is answered from a snapshot the session asks
 * for with a TakeSnapshot command ({@link SnapshotBookReader}); that command's own events are not forwarded.
 */
final class ShardLinkSession implements Runnable
{
    private static final int BUFFER_BYTES = 4 << 20;
    private static final int EVENT_FRAME = ShardLinkFrames.HEADER + Long.BYTES + ShardLinkFrames.MAX_MESSAGE;
    private static final long BOOK_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long BOOK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SocketChannel channel;
    private final VenueClient venue;
    private final SnapshotBookReader books;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer inView = new UnsafeBuffer(in);
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer outView = new UnsafeBuffer(out);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final ExpandableArrayBuffer piece = new ExpandableArrayBuffer(64 * 1024);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, TimeUnit.MILLISECONDS.toNanos(1));
    private final VenueEventHandler writer = this::write;
    private volatile boolean running = true;
    private boolean bookRequested;
    private int bookInstrument;
    private long bookTimestamp;
    private long bookTransferId;
    private long snapshotSequence = -1;
    private long ownSequence = -1;
    private long nextBookCheck;
    private long bookDeadline;

    ShardLinkSession(final SocketChannel channel, final VenueClient venue, final SnapshotBookReader books)
    {
        this.channel = channel;
        this.venue = venue;
        this.books = books;
    }

    void stop()
    {
        running = false;
    }

    @Override
    public void run()
    {
        try (channel; venue)
        {
            channel.configureBlocking(false);
            while (running)
            {
                int work = read();
                work += book();
                if (out.remaining() >= EVENT_FRAME)
                {
                    work += venue.poll(writer, out.remaining() / EVENT_FRAME);
                }
                work += flush();
                idle.idle(work);
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                System.err.println("dx shard-host: gateway link closed: " + ex);
            }
        }
    }

    private int read() throws IOException
    {
        final int read = channel.read(in);
        if (read < 0)
        {
            throw new IOException("end of stream");
        }
        in.flip();
        int work = 0;
        while (in.remaining() >= ShardLinkFrames.HEADER)
        {
            final int position = in.position();
            final int body = ShardLinkFrames.bodyLength(in);
            if (body < 0 || body > ShardLinkFrames.MAX_MESSAGE + ShardLinkFrames.BOOK_REQUEST_LENGTH)
            {
                throw new IOException("a frame of bad length " + body);
            }
            if (in.remaining() < ShardLinkFrames.HEADER + body)
            {
                break;
            }
            final byte type = in.get(position + Integer.BYTES);
            final int start = position + ShardLinkFrames.HEADER;
            if (type == ShardLinkFrames.COMMAND)
            {
                if (venue.offer(inView, start, body) <= 0)
                {
                    break;
                }
            }
            else if (type == ShardLinkFrames.BOOK_REQUEST && body == ShardLinkFrames.BOOK_REQUEST_LENGTH)
            {
                bookRequested = true;
                bookInstrument = in.getInt(start);
                bookTimestamp = in.getLong(start + Integer.BYTES);
                bookTransferId = in.getLong(start + Integer.BYTES + Long.BYTES);
                snapshotSequence = -1;
                bookDeadline = System.nanoTime() + BOOK_TIMEOUT_NANOS;
            }
            else
            {
                throw new IOException("an unknown frame of type " + type);
            }
            in.position(start + body);
            work++;
        }
        in.compact();
        return work + Math.max(read, 0);
    }

    private int book() throws IOException
    {
        if (!bookRequested)
        {
            return 0;
        }
        if (snapshotSequence < 0)
        {
            final int length = encoder.takeSnapshot(command, 0, bookTimestamp, bookTransferId);
            final long sequence = venue.offer(command, 0, length);
            if (sequence > 0)
            {
                snapshotSequence = sequence;
                ownSequence = sequence;
                books.prepare();
                nextBookCheck = System.nanoTime();
            }
            return 1;
        }
        final long now = System.nanoTime();
        if (now < nextBookCheck)
        {
            return 0;
        }
        nextBookCheck = now + BOOK_CHECK_NANOS;
        int length = books.read(snapshotSequence, bookInstrument, bookTimestamp, bookTransferId, piece);
        if (length == ShardMover.BookSource.PENDING)
        {
            if (now < bookDeadline)
            {
                return 0;
            }
            System.err.println("dx shard-host: no snapshot of sequence " + snapshotSequence + " within " +
                TimeUnit.NANOSECONDS.toSeconds(BOOK_TIMEOUT_NANOS) + " s; the book read fails");
            length = -1;
        }
        sendBook(length);
        bookRequested = false;
        return 1;
    }

    private void sendBook(final int length) throws IOException
    {
        while (out.position() > 0)
        {
            idle.idle(flush());
        }
        final int body = Integer.BYTES + Math.max(length, 0);
        final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + body).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(body + 1).put(ShardLinkFrames.BOOK).putInt(length);
        if (length > 0)
        {
            piece.getBytes(0, frame, frame.position(), length);
            frame.position(frame.position() + length);
        }
        frame.flip();
        while (frame.hasRemaining())
        {
            if (channel.write(frame) == 0)
            {
                idle.idle(0);
            }
        }
    }

    private void write(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (commandSequence == ownSequence)
        {
            return;
        }
        final int position = out.position();
        out.putInt(position, Long.BYTES + length + 1);
        out.put(position + Integer.BYTES, ShardLinkFrames.EVENT);
        out.putLong(position + ShardLinkFrames.HEADER, commandSequence);
        outView.putBytes(position + ShardLinkFrames.HEADER + Long.BYTES, buffer, offset, length);
        out.position(position + ShardLinkFrames.HEADER + Long.BYTES + length);
    }

    private int flush() throws IOException
    {
        if (out.position() == 0)
        {
            return 0;
        }
        out.flip();
        final int written = channel.write(out);
        out.compact();
        return written;
    }
}
