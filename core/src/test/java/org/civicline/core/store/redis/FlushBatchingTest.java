package org.civicline.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushBatchingTest {
    private final EventLoopGroup loops = new DefaultEventLoopGroup(2);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void commandsWrittenTogetherLeaveInOneFlushAndNoneIsHeldBack() throws Exception {
        LocalAddress address = new LocalAddress("flush-batching-" + System.nanoTime());
        StringBuffer received = new StringBuffer();
        CountDownLatch allFour = new CountDownLatch("GET a\nGET b\nGET c\nGET d\n".length());
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class).childHandler(
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        received.append(bytes.toString(StandardCharsets.US_ASCII));
                        for (int i = 0; i < bytes.readableBytes(); i++) {
                            allFour.countDown();
                        }
                        bytes.release();
                    }
                }).bind(address).sync();
        AtomicInteger socketFlushes = new AtomicInteger();
        Channel client = new Bootstrap().group(loops).channel(LocalChannel.class).handler(
                new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        new FlushBatching().afterChannelInitialized(channel);
                        // Between the batching handler and the socket: the flushes that would be write system calls.
                        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void flush(ChannelHandlerContext ctx) {
                                socketFlushes.incrementAndGet();
                                ctx.flush();
                            }
                        });
                    }
                }).connect(address).sync().channel();

        // Three commands handed to the connection's loop together, as Lettuce does for callers on other threads.
        client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("GET a\n"));
            client.writeAndFlush(ascii("GET b\n"));
            client.writeAndFlush(ascii("GET c\n"));
        }).sync();
        client.eventLoop().submit(() -> { }).sync();
        assertThat(socketFlushes).as("three commands, one flush").hasValue(1);

        client.writeAndFlush(ascii("GET d\n"));
        assertThat(allFour.await(5, TimeUnit.SECONDS)).as("received: " + received).isTrue();
        assertThat(received.toString()).isEqualTo("GET a\nGET b\nGET c\nGET d\n");
        assertThat(socketFlushes).as("a lone command is flushed too").hasValue(2);
        client.close().sync();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
