package io.disruptorx.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The dashboard bench's lean pages: N WebSocket clients on one thread of their own, each a plain socket that does the
 * opening handshake, sends {@code {"instrument":N}} as the page does (and again every 10 s, as the page does), and
 * then reads every byte the server sends, ten times a second on a timer of its own (a page drawing ten frames a
 * second), counting the complete messages by their frames' headers without copying or decoding their payloads.
 * What a page's connection costs the venue (the server's writes, the kernel's loopback delivery) is the same as with
 * any client; what the client itself costs, here on the venue's own cores where a browser on an operator's machine
 * would cost the venue nothing, is as little as a reader can cost: one thread woken ten times a second for all the
 * pages (the server's writes wake nothing), allocation-free once open. Used by {@link PageClients} for {@code raw}
 * pages.
 */
final class RawPages implements AutoCloseable
{
    private static final long RESEND_NANOS = 10_000_000_000L;
    private static final long READ_EVERY_NANOS = 100_000_000L;
    private static final int BUFFER = 64 * 1024;

    private final List<Page> pages = new ArrayList<>();
    private final byte[] select;
    private volatile boolean open = true;
    private volatile long updates;
    private volatile long bytes;

    private RawPages(final byte[] select)
    {
        this.select = select;
    }

    /**
     * Opens the pages (each handshake done and the instrument chosen before this returns).
     *
     * @param uri        the dashboard's WebSocket ({@code ws://host:port/path}).
     * @param count      pages.
     * @param instrument the instrument they show.
     * @return the open pages, not yet reading.
     * @throws IOException when a page cannot be opened.
     */
    static RawPages open(final URI uri, final int count, final long instrument) throws IOException
    {
        final RawPages raw = new RawPages(
            mask(("{\"instrument\":" + instrument + "}").getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < count; i++)
        {
            final SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            channel.socket().setTcpNoDelay(true);
            final Page page = new Page(channel);
            page.handshake(uri);
            page.send(raw.select);
            channel.configureBlocking(false);
            raw.pages.add(page);
        }
        return raw;
    }

    /**
     * Reads until closed: every {@link #READ_EVERY_NANOS} (ten times a second, as often as the dashboard sends) it
     * wakes on its own timer and takes what each page's socket holds, and chooses the instrument again every 10 s.
     * It waits for no socket, so the server's writes wake no thread here: one wake-up per tenth of a second for all the
     * pages, as a page that draws ten frames a second, not one per message.
     */
    void run()
    {
        long resendAt = System.nanoTime() + RESEND_NANOS;
        try
        {
            while (open)
            {
                LockSupport.parkNanos(READ_EVERY_NANOS);
                for (final Page page : pages)
                {
                    page.readAll(this);
                }
                if (System.nanoTime() - resendAt >= 0)
                {
                    resendAt += RESEND_NANOS;
                    for (final Page page : pages)
                    {
                        page.send(select);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            if (open)
            {
                System.err.println("raw pages: " + ex);
            }
        }
    }

    long updates()
    {
        return updates;
    }

    long bytes()
    {
        return bytes;
    }

    @Override
    public void close() throws IOException
    {
        open = false;
        for (final Page page : pages)
        {
            page.channel.close();
        }
    }

    /** A client's text frame: FIN, text, masked (with a zero mask: a client must mask, any key will do). */
    private static byte[] mask(final byte[] payload)
    {
        if (payload.length > 125)
        {
            throw new IllegalArgumentException("choice too long");
        }
        final byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte)0x81;
        frame[1] = (byte)(0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    /** One page's connection and where its reader is in the server's frames. */
    private static final class Page
    {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
        private long payloadLeft;
        private boolean finalFrame;

        Page(final SocketChannel channel)
        {
            this.channel = channel;
        }

        void handshake(final URI uri) throws IOException
        {
            final byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            final String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" +
                uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " +
                Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            send(request.getBytes(StandardCharsets.US_ASCII));
            final StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0)
            {
                if (channel.read(in) < 0)
                {
                    throw new IOException("closed during the handshake: " + head);
                }
                in.flip();
                while (in.hasRemaining() && head.indexOf("\r\n\r\n") < 0)
                {
                    head.append((char)in.get());
                }
                in.compact();
            }
            if (!head.toString().startsWith("HTTP/1.1 101"))
            {
                throw new IOException("not upgraded: " + head);
            }
        }

        void send(final byte[] bytes) throws IOException
        {
            final ByteBuffer out = ByteBuffer.wrap(bytes);
            while (out.hasRemaining())
            {
                channel.write(out);
            }
        }

        /** Reads what is there until the socket has no more. */
        void readAll(final RawPages pages) throws IOException
        {
            int read = channel.isOpen() ? read(pages) : -1;
            while (read > 0)
            {
                read = read(pages);
            }
        }

        /** Reads once and walks the frames read: each header read, each payload skipped; returns the bytes read. */
        private int read(final RawPages pages) throws IOException
        {
            final int read = channel.read(in);
            if (read < 0)
            {
                channel.close();
                return read;
            }
            in.flip();
            while (true)
            {
                if (payloadLeft > 0)
                {
                    final int skip = (int)Math.min(payloadLeft, in.remaining());
                    in.position(in.position() + skip);
                    payloadLeft -= skip;
                    pages.bytes += skip;
                    if (payloadLeft > 0)
                    {
                        break;
                    }
                    if (finalFrame)
                    {
                        pages.updates++;
                    }
                    continue;
                }
                if (!header(pages))
                {
                    break;
                }
            }
            in.compact();
            return read;
        }

        /** @return whether a whole header was there (and taken). */
        private boolean header(final RawPages pages)
        {
            if (in.remaining() < 2)
            {
                return false;
            }
            final int start = in.position();
            final int first = in.get(start) & 0xFF;
            final int length = in.get(start + 1) & 0x7F;
            final int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (in.remaining() < 2 + extra)
            {
                return false;
            }
            final long payload = extra == 0 ? length : extra == 2 ? in.getShort(start + 2) & 0xFFFF :
                in.getLong(start + 2);
            in.position(start + 2 + extra);
            final int opcode = first & 0x0F;
            finalFrame = (first & 0x80) != 0 && opcode <= 2;
            payloadLeft = payload;
            if (payload == 0 && finalFrame)
            {
                pages.updates++;
            }
            return true;
        }
    }
}
