package org.civicline.channels;

import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.AgentReply;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.Map;
import org.civicline.channels.intake.ConversationLog;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.model.Channel;
import org.civicline.core.store.ContactStore;

/** Serves {@link ChannelAddresses#REPLY}: finds the contact and hands the text to its channel's outbound part. */
final class ReplyDispatcher {
    static final int MAX_TEXT = 2000;

    private final ContactStore contacts;
    private final Map<Channel, MessageChannel.Outbound> outbound;
    private final ConversationLog conversation;
    private final Clock clock;

    ReplyDispatcher(ContactStore contacts, Map<Channel, MessageChannel.Outbound> outbound,
                    ConversationLog conversation, Clock clock) {
        this.contacts = contacts;
        this.outbound = outbound;
        this.conversation = conversation;
        this.clock = clock;
    }

    void handle(Message<AgentReply> message) {
        AgentReply reply = message.body();
        if (reply.text() == null || reply.text().isBlank() || reply.text().length() > MAX_TEXT) {
            message.fail(FailureCodes.INVALID, "[{\"field\":\"text\",\"message\":\"is required, at most " + MAX_TEXT
                    + " characters\"}]");
            return;
        }
        contacts.get(reply.contactId()).compose(found -> {
            if (found.isEmpty()) {
                return Future.<OutboxEntry>failedFuture(new Refusal(FailureCodes.NOT_FOUND,
                        "no contact " + reply.contactId()));
            }
            MessageChannel.Outbound way = outbound.get(found.get().channel());
            if (way == null) {
                return Future.<OutboxEntry>failedFuture(new Refusal(FailureCodes.ILLEGAL_TRANSITION,
                        found.get().channel().label() + " has no way to reply"));
            }
            return way.send(found.get(), reply.text().strip(), "reply").compose(sent -> "failed".equals(sent.status())
                    ? Future.succeededFuture(sent)
                    : conversation.append(new ConversationTurn(reply.contactId(), ConversationTurn.From.AGENT,
                            reply.agentId(), reply.text().strip(), clock.instant())).map(sent));
        }).onSuccess(message::reply).onFailure(e -> message.fail(e instanceof Refusal r ? r.code
                : FailureCodes.UNAVAILABLE, e.getMessage()));
    }

    private static final class Refusal extends RuntimeException {
        final int code;

        Refusal(int code, String reason) {
            super(reason);
            this.code = code;
        }
    }
}
