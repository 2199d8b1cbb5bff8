package io.disruptorx.node.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.disruptorx.node.embedded.CommandSlot;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.link.LinkStream;
import io.disruptorx.shard.link.ShardLinkFrames;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One gateway's link to a shard host, on a thread of its own, over as many connections as it takes:
 * {@link ShardLinkFrames#COMMAND} frames go into the node through a venue client of the link's own (a full input
 * ring stops reading until it has room), every event goes back as an {@link ShardLinkFrames#EVENT} frame (a slow
 * gateway holds the node's output ring back, as an in-process gateway would), and a
 * {@link ShardLinkFrames#BOOK_REQUEST} is answered from a snapshot the session asks for with a TakeSnapshot command
 * ({@link LinkBookRead}, through a {@link SnapshotBookReader} with an engine built ahead); that command's own events
 * are not forwarded.
 *
 * <p>The link outlives a lost connection: the session counts the gateway's frames it took and keeps its own in a
 * {@link LinkStream} until the gateway acknowledges them, and goes on taking the node's events meanwhile. When the
 * gateway connects again ({@link #attach}, with the count of the session's frames it has) the session answers with
 * its own count ({@link ShardLinkFrames#WELCOME}) and sends what the gateway lacks. A link left without a connection
 * for {@value #LINGER_SECONDS} s, or for a second with its log full (the node's output would wait for it), ends: its
 * venue client closes and a gateway that comes back is told the link is gone.
 *
 * <p>A shard host that restarted meets a link it does not know ({@link LinkRestart}): before it answers, the session
 * reads back what the old process journalled ({@link LinkRecovery}) and puts the events the gateway lacks first in
 * its stream; it answers that it took the gateway's frames up to the first the gateway still holds, and of the frames
 * the gateway then sends again (from its durable sequence on) it takes those its journal holds (in order, equal but
 * for the timestamp) as taken, without applying them again, until the first it does not hold, which it applies as
 * usual with all after it. Its ACKs carry the journal sequence of the last command taken (the gateway keeps frames
 * until they are durable).
 *
 * <p>Several gateways may link to one host: each command a link offers carries the link's id after it (unread by the
 * engine; not a RestoreOrder, which leaves no room in a ring slot), so a restarted link matches the frames sent again
 * against its own commands ({@link LinkRecovery#match}) and gets the events of others' applied since it restarted.
 */
final class ShardLinkSession implements Runnable
{
    private static final int BUFFER_BYTES = 4 << 20;
    private static final int EVENT_FRAME = ShardLinkFrames.HEADER + Long.BYTES + ShardLinkFrames.MAX_MESSAGE;
    private static final long LINGER_SECONDS = 30;
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(LINGER_SECONDS);
    private static final long FULL_LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Bytes of the link's id after each command it offers. */
    static final int TAG_BYTES = Long.BYTES;
    /** The tag of the commands the host offers itself (a link's id is never 0: the gateway draws a positive one). */
    static final long HOST_TAG = 0;

    private record Attach(SocketChannel channel, long received)
    {
    }

    private final long linkId;
    private final VenueClient venue;
    private final SnapshotBookReader books;
    private final Consumer<ShardLinkSession> ended;
    private final AtomicReference<Attach> attaching = new AtomicReference<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer inView = new UnsafeBuffer(in);
    private final LinkStream stream = new LinkStream(BUFFER_BYTES, BUFFER_BYTES);
    private final UnsafeBuffer tagged = new UnsafeBuffer(
        new byte[ShardLinkFrames.MAX_MESSAGE + ShardLinkFrames.BOOK_REQUEST_LENGTH + TAG_BYTES]);
    private final LinkBookRead bookRead;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, TimeUnit.MILLISECONDS.toNanos(1));
    private final VenueEventHandler writer = this::fromNode;
    private final long[] welcome = new long[3];
    private final LinkRestart restart;
    private LinkRecovery recovery;
    private boolean matching;
    private long through = -1;
    private long lastJournal;
    private volatile boolean running = true;
    private SocketChannel channel;
    private long taken;
    private long acknowledged;
    private long detachedAt;
    private long fullSince;

    /**
     * @param linkId  the gateway's id of the link.
     * @param channel its first connection.
     * @param received frames of the session's stream the gateway has (non-zero after a restart only).
     * @param restart  what the gateway said of the link when the host restarted, or {@code null} for a new link.
     * @param joined   of a new link, the journal sequence the node had applied before its venue client joined
     *                 (the first WELCOME says it), else -1.
     * @param venue   the link's venue client on the node; the session closes it when the link ends.
     * @param books   reads books out of the node.
     * @param ended   told once the link has ended.
     */
    ShardLinkSession(
        final long linkId, final SocketChannel channel, final long received, final LinkRestart restart,
        final long joined, final VenueClient venue, final SnapshotBookReader books,
        final Consumer<ShardLinkSession> ended)
    {
        this.linkId = linkId;
        this.restart = restart;
        this.lastJournal = joined;
        this.venue = venue;
        this.books = books;
        this.bookRead = new LinkBookRead(books);
        this.ended = ended;
        attaching.set(new Attach(channel, received));
        stream.startAt(received);
    }

    long linkId()
    {
        return linkId;
    }

    void stop()
    {
        running = false;
    }

    /**
     * Hands the link a new connection, from the acceptor's thread.
     *
     * @param next     the connection, its HELLO read.
     * @param received frames of the session's stream the gateway has.
     * @return false when the link has ended (the caller tells the gateway).
     */
    boolean attach(final SocketChannel next, final long received)
    {
        if (!running)
        {
            return false;
        }
        final Attach previous = attaching.getAndSet(new Attach(next, received));
        if (previous != null)
        {
            close(previous.channel());
        }
        return true;
    }

    @Override
    public void run()
    {
        books.buildAhead("dx-shard-book-engine-" + Long.toHexString(linkId));
        try (venue; books)
        {
            if (restart != null)
            {
                recover();
            }
            while (running)
            {
                int work = adopt();
                if (channel != null)
                {
                    work += read();
                }
                work += bookRead.doWork(venue, stream);
                if (stream.free() >= EVENT_FRAME && (channel == null || taken == acknowledged))
                {
                    work += venue.poll(writer, stream.free() / EVENT_FRAME);
                }
                if (channel != null)
                {
                    work += flush();
                }
                else
                {
                    linger();
                }
                idle.idle(work);
            }
        }
        finally
        {
            running = false;
            close(channel);
            final Attach left = attaching.getAndSet(null);
            if (left != null)
            {
                close(left.channel());
            }
            ended.accept(this);
        }
    }

    /**
     * Reads back what the old process journalled, puts the events the gateway lacks first in the stream and counts
     * the gateway's frames as taken up to the first it holds.
     */
    private void recover()
    {
        final long started = System.nanoTime();
        recovery = LinkRecovery.read(restart.config(), restart.lastEvent(),
            restart.eventsOfLast(), restart.durable(), restart.recovered(), restart.applied());
        through = recovery.through();
        final DirectBuffer events = recovery.events();
        int at = 0;
        while (at < recovery.eventsLength())
        {
            final long sequence = events.getLong(at, ByteOrder.LITTLE_ENDIAN);
            final int length = events.getInt(at + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            stream.ensureRoom(Long.BYTES + length);
            write(sequence, events, at + Long.BYTES + Integer.BYTES, length);
            at += Long.BYTES + Integer.BYTES + length;
        }
        matching = true;
        taken = restart.first();
        acknowledged = taken;
        System.err.println("dx shard-host: link " + linkId + " known from before the restart: " +
            recovery.summary(restart) + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /**
     * @return whether the gateway's command sent again is the next of the old process's journal: taken as applied.
     */
    private boolean journalled(final int start, final int body)
    {
        final long sequence = recovery.match(linkId, inView, start, body);
        matching = sequence > 0;
        lastJournal = matching ? sequence : lastJournal;
        return matching;
    }

    /**
     * Takes up a connection the acceptor handed over: WELCOME with the count of the gateway's frames taken, then
     * the session's frames from the first the gateway lacks.
     */
    private int adopt()
    {
        final Attach next = attaching.getAndSet(null);
        if (next == null)
        {
            return 0;
        }
        close(channel);
        channel = next.channel();
        in.clear();
        try
        {
            channel.configureBlocking(false);
            if (!stream.acknowledged(next.received()))
            {
                throw new IOException("the gateway claims " + next.received() + " frames, only " +
                    stream.appended() + " were sent");
            }
            stream.reconnected(false);
            welcome[0] = taken;
            welcome[1] = lastJournal;
            welcome[2] = recovery != null && matching && recovery.matched() == 0 ? 1 : 0;
            stream.control(ShardLinkFrames.WELCOME, welcome, welcome.length);
            acknowledged = taken;
        }
        catch (final IOException ex)
        {
            detach(ex);
        }
        return 1;
    }

    private void linger()
    {
        final long now = System.nanoTime();
        if (stream.free() >= EVENT_FRAME)
        {
            fullSince = 0;
        }
        else if (fullSince == 0)
        {
            fullSince = now;
        }
        if (now - detachedAt > LINGER_NANOS || (fullSince != 0 && now - fullSince > FULL_LINGER_NANOS))
        {
            System.err.println("dx shard-host: link " + linkId + " ends: no gateway connection for " +
                TimeUnit.NANOSECONDS.toMillis(now - detachedAt) + " ms");
            running = false;
        }
    }

    private void detach(final IOException why)
    {
        if (running)
        {
            System.err.println("dx shard-host: gateway link closed: " + why + "; the link waits for it");
        }
        close(channel);
        channel = null;
        detachedAt = System.nanoTime();
        fullSince = 0;
    }

    private static void close(final SocketChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // the connection is gone either way
            }
        }
    }

    private int read()
    {
        try
        {
            return frames();
        }
        catch (final IOException ex)
        {
            detach(ex);
            return 1;
        }
    }

    private int frames() throws IOException
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
                if (!matching || !journalled(start, body))
                {
                    tagged.putBytes(0, inView, start, body);
                    tagged.putLong(body, linkId, ByteOrder.LITTLE_ENDIAN);
                    final long sequence = venue.offer(tagged, 0,
                        body + (body + TAG_BYTES <= CommandSlot.CAPACITY ? TAG_BYTES : 0));
                    if (sequence <= 0)
                    {
                        break;
                    }
                    lastJournal = sequence;
                }
                taken++;
            }
            else if (type == ShardLinkFrames.BOOK_REQUEST && body == ShardLinkFrames.BOOK_REQUEST_LENGTH)
            {
                bookRead.request(in, start);
                taken++;
            }
            else if (type == ShardLinkFrames.ACK && body == ShardLinkFrames.COUNT_LENGTH)
            {
                if (!stream.acknowledged(in.getLong(start)))
                {
                    throw new IOException("the gateway acknowledged frames never sent");
                }
            }
            else
            {
                throw new IOException("an unknown frame of type " + type);
            }
            in.position(start + body);
            work++;
        }
        in.compact();
        if (taken != acknowledged && stream.control(ShardLinkFrames.ACK, taken, lastJournal, 2))
        {
            acknowledged = taken;
        }
        return work + Math.max(read, 0);
    }

    /** An event from the node: dropped when it is of a command whose events the restart made again. */
    private void fromNode(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (commandSequence > through)
        {
            write(commandSequence, buffer, offset, length);
        }
    }

    private void write(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (commandSequence == bookRead.ownSequence())
        {
            return;
        }
        final int start = stream.begin(ShardLinkFrames.EVENT, Long.BYTES + length);
        stream.log().putLong(start, commandSequence, ByteOrder.LITTLE_ENDIAN);
        stream.log().putBytes(start + Long.BYTES, buffer, offset, length);
        stream.commit(Long.BYTES + length);
    }

    private int flush()
    {
        try
        {
            return stream.flush(channel);
        }
        catch (final IOException ex)
        {
            detach(ex);
            return 1;
        }
    }
}
