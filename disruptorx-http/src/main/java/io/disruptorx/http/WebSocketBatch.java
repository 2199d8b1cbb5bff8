package io.disruptorx.http;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Text messages for many WebSocket sessions, sent together: each distinct message (by identity) is encoded once, into
 * a pooled direct buffer, and shared by every session it goes to, and {@link #send()} hands each I/O thread one task
 * that writes all its sessions' frames and flushes them, instead of one wake-up and one task per session (a sender
 * that runs on the I/O thread itself writes them at once, waking no thread). For a sender that updates many
 * sessions at once, such as a timer. One thread uses an instance; it can be reused after
 * {@link #send()}.
 *
 * <pre>{@code
 * batch.add(session, update);   // for every session
 * batch.send();
 * }</pre>
 */
public final class WebSocketBatch
{
    private final Map<String, ByteBuf> encoded = new IdentityHashMap<>();
    private final Map<EventLoop, List<Object>> byLoop = new LinkedHashMap<>();
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
        final ByteBuf bytes = encoded.computeIfAbsent(text, t -> utf8(channel, t));
        final List<Object> writes = byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>());
        writes.add(channel);
        writes.add(bytes.retainedDuplicate());
        queued++;
    }

    /**
     * Encodes into a direct buffer from the channel's (pooled) allocator: the socket writes it as it is, where a heap
     * buffer would be copied into a new direct one for every session it goes to.
     */
    private static ByteBuf utf8(final Channel channel, final String text)
    {
        final ByteBuf bytes = channel.alloc().directBuffer(ByteBufUtil.utf8MaxBytes(text));
        ByteBufUtil.writeUtf8(bytes, text);
        return bytes;
    }

    /**
     * Sends what was queued: one task per I/O thread, or written at once when called on that I/O thread.
     *
     * @return messages handed over.
     */
    public int send()
    {
        for (final Map.Entry<EventLoop, List<Object>> entry : byLoop.entrySet())
        {
            final List<Object> writes = entry.getValue();
            if (entry.getKey().inEventLoop())
            {
                write(writes);
            }
            else
            {
                entry.getKey().execute(() -> write(writes));
            }
        }
        for (final ByteBuf bytes : encoded.values())
        {
            bytes.release();
        }
        final int sent = queued;
        encoded.clear();
        byLoop.clear();
        queued = 0;
        return sent;
    }

    private static void write(final List<Object> writes)
    {
        for (int i = 0; i < writes.size(); i += 2)
        {
            final Channel channel = (Channel)writes.get(i);
            final ByteBuf bytes = (ByteBuf)writes.get(i + 1);
            if (channel.isActive())
            {
                channel.write(new TextWebSocketFrame(bytes));
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
