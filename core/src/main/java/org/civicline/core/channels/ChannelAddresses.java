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

    /**
     * Where each new {@link ConversationTurn} of every contact is published, for the desks that have it open (each
     * node's desks pick theirs by the turn's contact id). One address, not one per contact: registering an address
     * per chat costs every node a cluster-wide registration.
     */
    public static final String TURNS = "civicline.channels.turns";
}
