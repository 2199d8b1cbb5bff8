package io.disruptorx.shard.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard host that sends a frame its type does not allow, over a real loopback connection to a real
 * {@link RemoteShardClient}: an EVENT shorter than its sequence, or a BOOK whose length is out of its body. The
 * client counts a bad frame and takes the connection as lost; poll throws nothing, no event of negative length
 * reaches the handler, no byte of a later frame goes into the book, and the next connection reads clean frames.
 *
 * <p>How it can fail: poll throws IndexOutOfBoundsException (a short EVENT at the end of a read), the handler gets
 * a negative length (a short EVENT before another frame), or the book holds bytes of the frame after it.
 */
class RemoteShardClientBadFrameTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<long[]> events = new ArrayList<>();
    private final VenueEventHandler handler = (sequence, buffer, offset, length) ->
        events.add(new long[] {sequence, length, length > 0 ? buffer.getByte(offset) : -1});
    private ServerSocketChannel server;
    private SocketChannel peer;
    private RemoteShardClient client;

    @BeforeEach
    void listen() throws Exception
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(this::acceptAndWelcome);
        client = RemoteShardClient.connect((InetSocketAddress)server.getLocalAddress(), WAIT_NANOS);
        peer = accepted.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws IOException
    {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    void shouldTakeAShortEventAtTheEndOfAReadAsABadFrameAndReadTheNextConnectionClean() throws Exception
    {
        send(frame(ShardLinkFrames.EVENT, 4));
        pollUntil(() -> client.badFrames() == 1);
        assertThat(client.connected()).as("the connection is taken as lost").isFalse();

        final CompletableFuture<SocketChannel> again = CompletableFuture.supplyAsync(this::acceptAndWelcome);
        pollUntil(client::connected);
        peer.close();
        peer = again.get(10, TimeUnit.SECONDS);
        final ByteBuffer event = frame(ShardLinkFrames.EVENT, Long.BYTES + 3);
        event.putLong(ShardLinkFrames.HEADER, 42).put(ShardLinkFrames.HEADER + Long.BYTES, (byte)7);
        send(event);
        pollUntil(() -> !events.isEmpty());

        assertThat(events).singleElement().satisfies(e -> assertThat(e).containsExactly(42, 3, 7));
        assertThat(client.badFrames()).isEqualTo(1);
        assertThat(client.reconnects()).isEqualTo(1);
    }

    @Test
    void shouldDeliverNoEventOfNegativeLengthWhenAShortEventPrecedesAnotherFrame() throws Exception
    {
        final ByteBuffer event = frame(ShardLinkFrames.EVENT, Long.BYTES + 3);
        event.putLong(ShardLinkFrames.HEADER, 42);
        send(frame(ShardLinkFrames.EVENT, 0), event);
        pollUntil(() -> client.badFrames() == 1);

        assertThat(events).as("nothing of the bad frame or after it").isEmpty();
        assertThat(client.connected()).isFalse();
    }

    @Test
    void shouldNotCopyALaterFrameIntoTheBookWhenTheBookLengthExceedsItsBody() throws Exception
    {
        assertThat(client.requestBook(7, 1, 1)).isTrue();
        final ByteBuffer book = frame(ShardLinkFrames.BOOK, Integer.BYTES + 2);
        book.putInt(ShardLinkFrames.HEADER, 10);
        final ByteBuffer event = frame(ShardLinkFrames.EVENT, Long.BYTES + 8);
        event.putLong(ShardLinkFrames.HEADER, 42);
        send(book, event);
        pollUntil(() -> client.badFrames() == 1);

        assertThat(client.takeBook(new UnsafeBuffer(new byte[64]))).as("no book of 10 bytes")
            .isEqualTo(ShardMover.BookSource.PENDING);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldTakeANegativeBookLengthOtherThanNoSuchInstrumentAsABadFrame() throws Exception
    {
        assertThat(client.requestBook(7, 1, 1)).isTrue();
        final ByteBuffer book = frame(ShardLinkFrames.BOOK, Integer.BYTES);
        book.putInt(ShardLinkFrames.HEADER, -5);
        send(book);
        pollUntil(() -> client.badFrames() == 1);

        assertThat(client.takeBook(new UnsafeBuffer(new byte[64]))).isEqualTo(ShardMover.BookSource.PENDING);
    }

    @Test
    void shouldStillReadNoSuchInstrument() throws Exception
    {
        assertThat(client.requestBook(7, 1, 1)).isTrue();
        final ByteBuffer book = frame(ShardLinkFrames.BOOK, Integer.BYTES);
        book.putInt(ShardLinkFrames.HEADER, -1);
        send(book);
        final UnsafeBuffer piece = new UnsafeBuffer(new byte[64]);
        final int[] length = {ShardMover.BookSource.PENDING};
        pollUntil(() ->
        {
            length[0] = client.takeBook(piece);
            return length[0] != ShardMover.BookSource.PENDING;
        });

        assertThat(length[0]).isEqualTo(-1);
        assertThat(client.badFrames()).isZero();
        assertThat(client.connected()).isTrue();
    }

    private SocketChannel acceptAndWelcome()
    {
        try
        {
            final SocketChannel accepted = server.accept();
            final ByteBuffer welcome = frame(ShardLinkFrames.WELCOME, ShardLinkFrames.WELCOME_LENGTH);
            while (welcome.hasRemaining())
            {
                accepted.write(welcome);
            }
            return accepted;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static ByteBuffer frame(final byte type, final int body)
    {
        final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + body).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(0, body + 1).put(Integer.BYTES, type);
        return frame;
    }

    private void send(final ByteBuffer... frames) throws IOException
    {
        int bytes = 0;
        for (final ByteBuffer frame : frames)
        {
            bytes += frame.capacity();
        }
        final ByteBuffer all = ByteBuffer.allocate(bytes);
        for (final ByteBuffer frame : frames)
        {
            all.put(frame.array());
        }
        all.flip();
        while (all.hasRemaining())
        {
            peer.write(all);
        }
    }

    private void pollUntil(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
            client.poll(handler, 16);
            Thread.yield();
        }
    }
}
