package io.disruptorx.http;

import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch sent after its sessions' I/O thread has stopped (a sender closing after the server): nothing is thrown,
 * and every buffer the batch framed is released (reference count 0), none leaked.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketBatchShutdownTest
{
    @Test
    void shouldReleaseTheFramesQueuedForAnIoThreadThatHasStopped() throws Exception
    {
        final RecordingAllocator allocator = new RecordingAllocator();
        final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        final LocalAddress address = new LocalAddress(WebSocketBatchShutdownTest.class);
        final Channel server = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
            .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        final Channel channel = new Bootstrap().group(loops).channel(LocalChannel.class)
            .option(ChannelOption.ALLOCATOR, allocator).handler(new ChannelInboundHandlerAdapter())
            .connect(address).sync().channel();
        final WebSocketBatch batch = new WebSocketBatch();
        final String shared = "a report for every session";
        batch.add(new WebSocketSession(channel, "/ws"), shared);
        batch.add(new WebSocketSession(channel, "/ws"), "an answer");
        batch.add(new WebSocketSession(channel, "/ws"), shared);
        assertThat(allocator.buffers).hasSize(2);

        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        assertThat(server.isOpen()).isFalse();
        batch.send();

        assertThat(allocator.buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        assertThat(batch.send()).isZero();
    }
}
