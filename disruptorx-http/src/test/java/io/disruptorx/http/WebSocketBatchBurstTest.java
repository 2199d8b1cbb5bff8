package io.disruptorx.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch after a burst of distinct messages (10,000 in one send): its table of distinct messages is set back to its
 * first size by the next, small send, so later sends cost what they send, not what the burst did, while sends of
 * many messages one after another (over half of {@link WebSocketBatch#SHRINK_ABOVE}) keep it; every message
 * still arrives, in order, a message shared by two sessions is framed once, and every buffer is released (the
 * local transport may hand the peer several frames in one buffer; each is short: a 7-bit length).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketBatchBurstTest
{
    private static final int BURST = 10_000;
    private static final int STEADY = WebSocketBatch.SHRINK_ABOVE / 2 + 100;

    @Test
    void shouldSetItsTableBackAfterABurst() throws Exception
    {
        final RecordingAllocator allocator = new RecordingAllocator();
        final List<String> received = new CopyOnWriteArrayList<>();
        final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        try
        {
            final LocalAddress address = new LocalAddress(WebSocketBatchBurstTest.class);
            new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()
                {
                    @Override
                    public void channelRead(final ChannelHandlerContext ctx, final Object message)
                    {
                        final ByteBuf frames = (ByteBuf)message;
                        final List<String> texts = new ArrayList<>();
                        while (frames.isReadable())
                        {
                            frames.skipBytes(1);
                            final int length = frames.readByte();
                            texts.add(frames.readCharSequence(length, StandardCharsets.UTF_8).toString());
                        }
                        frames.release();
                        received.addAll(texts);
                    }
                }).bind(address).sync();
            final Channel channel = new Bootstrap().group(loops).channel(LocalChannel.class)
                .option(ChannelOption.ALLOCATOR, allocator).handler(new ChannelInboundHandlerAdapter())
                .connect(address).sync().channel();
            final WebSocketSession session = new WebSocketSession(channel, "/ws");
            final WebSocketSession again = new WebSocketSession(channel, "/ws");
            final WebSocketBatch batch = new WebSocketBatch();
            final int firstSize = batch.sizedFor();
            final List<String> expected = new ArrayList<>();
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < STEADY; i++)
                {
                    final String text = "steady " + round + " " + i;
                    batch.add(session, text);
                    expected.add(text);
                }
                assertThat(batch.send()).isEqualTo(STEADY);
                assertThat(batch.sizedFor()).as("a steady load of many messages keeps its table").isEqualTo(STEADY);
            }
            for (int i = 0; i < BURST; i++)
            {
                final String text = "burst " + i;
                batch.add(session, text);
                expected.add(text);
            }
            assertThat(batch.send()).isEqualTo(BURST);
            assertThat(batch.sizedFor()).isGreaterThan(WebSocketBatch.SHRINK_ABOVE);

            final String shared = "after the burst";
            batch.add(session, shared);
            batch.add(again, shared);
            expected.add(shared);
            expected.add(shared);
            assertThat(batch.send()).isEqualTo(2);
            assertThat(batch.sizedFor()).isEqualTo(firstSize);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(received).containsExactlyElementsOf(expected));
            assertThat(allocator.buffers).hasSize(2 * STEADY + BURST + 1);
            assertThat(allocator.buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        }
        finally
        {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
