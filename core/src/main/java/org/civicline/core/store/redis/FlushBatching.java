package org.civicline.core.store.redis;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Lets the commands that callers on several threads hand to the Redis connection at about the same time leave in one
 * socket write. Lettuce flushes after every command, i.e. a {@code write} system call per command: under load those
 * were about half of the connection thread's CPU time. The consolidated flush runs as the next task of the connection's
 * event loop, behind the commands already queued there, so a lone command waits no longer than that task.
 */
final class FlushBatching implements NettyCustomizer {
    @Override
    public void afterChannelInitialized(Channel channel) {
        // First in the pipeline, so every flush of Lettuce's handlers passes it; one per channel (it keeps state).
        channel.pipeline().addFirst("civicline-flush-batching", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
}
