package io.disruptorx.http;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Text messages for many WebSocket sessions, sent together: each distinct message (by identity) is framed once, the
 * whole WebSocket frame (its header and the text's UTF-8) in one pooled direct buffer, shared by every session it goes
 * to and written to each as it is (no frame object, no encoding and no header buffer per session: one buffer, one
 * write per session), and {@link #send()} hands each I/O thread one task that writes all its sessions' frames and
 * flushes them, instead of one wake-up and one task per session (a sender that runs on the I/O thread itself writes
 * them at once, waking no thread). For a sender that updates many sessions at once, such as a timer. One thread uses
 * an instance; it can be reused after {@link #send()}.
 *
 * <p>The distinct messages of a batch are found by identity in an {@link IdentityHashMap} (one flat array, no entry
 * object per message), emptied by {@link #send()}, and replaced by a new, small one by a send of few messages (under
 * a quarter of the most it has held) after one of many (more than half of {@value #SHRINK_ABOVE}): a burst costs
 * its memory while it lasts, and the sends after it cost, within a constant factor, what they send, not what the
 * burst did. A steady load, of few messages or many, allocates no table once the map has grown to it.
 *
 * <pre>{@code
 * batch.add(session, update);   // for every session
 * batch.send();
 * }</pre>
 */
public final class WebSocketBatch
{
    private static final int FIN_TEXT = 0x81;
    private static final int MAX_SHORT_LENGTH = 125;
    private static final int LENGTH_16_BIT = 126;
    private static final int MAX_16_BIT_LENGTH = 0xFFFF;
    private static final int LENGTH_64_BIT = 127;

    static final int SHRINK_ABOVE = 1_024;

    private final Map<EventLoop, List<Object>> byLoop = new LinkedHashMap<>();
    /** Each distinct message of the batch (by identity) and its frame; output order comes from {@link #byLoop}. */
    private IdentityHashMap<String, ByteBuf> frames = new IdentityHashMap<>();
    /** The same frames in the order they were made, walked by index to release each once (no iterator). */
    private List<ByteBuf> made = new ArrayList<>();
    /** The most distinct messages {@link #frames} has held since it was made. */
    private int sizedFor;
    private int queued;

    /**
     * Queues a message for a session (nothing is sent before {@link #send()}).
     *
     * @param session the session; a closed one is skipped.
     * @param text    the message; pass the same String to several sessions to encode it once.
     */
    public void add(final WebSocketSession session, final String text)
    {
        final Channel channel = session.channel();
        if (!channel.isActive())
        {
            return;
        }
        final ByteBuf bytes = framed(channel, text);
        final List<Object> writes = byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>());
        writes.add(channel);
        writes.add(bytes.retainedDuplicate());
        queued++;
    }

    /**
     * @return the message's frame, made the first time the batch sees this String.
     */
    private ByteBuf framed(final Channel channel, final String text)
    {
        final ByteBuf known = frames.get(text);
        if (known != null)
        {
            return known;
        }
        final ByteBuf bytes = frame(channel, text);
        frames.put(text, bytes);
        made.add(bytes);
        return bytes;
    }

    /**
     * @return the most distinct messages the table has held since it was made: what its size follows (for tests).
     */
    int sizedFor()
    {
        return sizedFor;
    }

    /**
     * A server's text frame (final, unmasked: RFC 6455 5.2) of the text, header and payload in one direct buffer from
     * the channel's (pooled) allocator: the socket writes it as it is, where a heap buffer would be copied into a new
     * direct one for every session it goes to. The frame encoder of the session's pipeline lets a buffer through as
     * it is (it encodes frame objects only).
     */
    static ByteBuf frame(final Channel channel, final String text)
    {
        final int length = ByteBufUtil.utf8Bytes(text);
        final int header = length <= MAX_SHORT_LENGTH ? 2 : length <= MAX_16_BIT_LENGTH ? 4 : 10;
        final ByteBuf bytes = channel.alloc().directBuffer(header + length);
        bytes.writeByte(FIN_TEXT);
        if (length <= MAX_SHORT_LENGTH)
        {
            bytes.writeByte(length);
        }
        else if (length <= MAX_16_BIT_LENGTH)
        {
            bytes.writeByte(LENGTH_16_BIT).writeShort(length);
        }
        else
        {
            bytes.writeByte(LENGTH_64_BIT).writeLong(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(bytes, text, length);
        return bytes;
    }

    /**
     * Sends what was queued: one task per I/O thread, or written at once when called on that I/O thread. With nothing
     * queued it returns at once (a sender may call it every duty cycle). An I/O thread that has stopped (its server
     * shut down) takes no task: what was queued for its sessions is dropped and its buffers released, so a sender
     * that sends once more as it closes leaks nothing.
     *
     * @return messages handed over.
     */
    public int send()
    {
        if (queued == 0)
        {
            return 0;
        }
        for (final Map.Entry<EventLoop, List<Object>> entry : byLoop.entrySet())
        {
            final List<Object> writes = entry.getValue();
            if (entry.getKey().inEventLoop())
            {
                write(writes);
            }
            else
            {
                try
                {
                    entry.getKey().execute(() -> write(writes));
                }
                catch (final RejectedExecutionException ex)
                {
                    release(writes);
                }
            }
        }
        final int distinct = made.size();
        for (int i = 0; i < distinct; i++)
        {
            made.get(i).release();
        }
        made.clear();
        sizedFor = Math.max(sizedFor, distinct);
        if (sizedFor > SHRINK_ABOVE / 2 && 4 * distinct < sizedFor)
        {
            frames = new IdentityHashMap<>();
            made = new ArrayList<>();
            sizedFor = 0;
        }
        else
        {
            frames.clear();
        }
        final int sent = queued;
        byLoop.clear();
        queued = 0;
        return sent;
    }

    private static void release(final List<Object> writes)
    {
        for (int i = 1; i < writes.size(); i += 2)
        {
            ((ByteBuf)writes.get(i)).release();
        }
    }

    private static void write(final List<Object> writes)
    {
        for (int i = 0; i < writes.size(); i += 2)
        {
            final Channel channel = (Channel)writes.get(i);
            final ByteBuf bytes = (ByteBuf)writes.get(i + 1);
            if (channel.isActive())
            {
                channel.write(bytes);
            }
            else
            {
                bytes.release();
            }
        }
        for (int i = 0; i < writes.size(); i += 2)
        {
            ((Channel)writes.get(i)).flush();
        }
    }
}
