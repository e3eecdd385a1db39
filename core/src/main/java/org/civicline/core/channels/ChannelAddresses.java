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

    /**
     * Request {@link ConversationRequest} → reply {@link ConversationView}: the messages and replies of a contact and
     * of the resident's earlier contacts in that channel. 404 for an unknown contact.
     */
    public static final String CONVERSATION = "civicline.channels.conversation";

    /** Where each new {@link ConversationTurn} of one contact is published, for the desk that has it open. */
    public static String conversationAddress(String contactId) {
        return "civicline.channels.conversation." + contactId;
    }
}
