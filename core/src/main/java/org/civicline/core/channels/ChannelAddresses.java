package org.civicline.core.channels;

/** The channels' own event-bus contract. */
public final class ChannelAddresses {
    private ChannelAddresses() {
    }

    /**
     * Request {@link AgentReply} → reply the channel's outbox entry: send an agent's answer
     * to the resident in the channel the contact came from. 404 for an unknown contact, 422 for a channel with no
     * way back.
     */
    public static final String REPLY = "civicline.channels.reply";
}
