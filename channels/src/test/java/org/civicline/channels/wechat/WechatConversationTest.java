package org.civicline.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicline.channels.wechat.WechatServerSide.TOKEN;
import static org.civicline.channels.wechat.WechatServerSide.query;
import static org.civicline.channels.wechat.WechatServerSide.text;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.channels.Harness;
import org.civicline.channels.VendorStub;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.ConversationRequest;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.core.channels.ConversationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an agent's chat tab shows: the resident's messages and the agents' replies in order, the same resident's
 * earlier contacts, and each new message pushed on the contact's conversation address as it arrives.
 */
class WechatConversationTest {
    final Vertx stubVertx = Vertx.vertx();
    final VendorStub wechat = new VendorStub(stubVertx);
    Harness node;

    @BeforeEach
    void start() {
        wechat.answer("/cgi-bin/token", 200, "{\"access_token\":\"T\",\"expires_in\":7200}");
        wechat.answer("/cgi-bin/message/custom/send", 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        node = new Harness("""
                wechat:
                  token: %s
                  appId: wxapp0001
                  appSecret: s3cret
                  apiBaseUrl: %s
                  conversationMinutes: 30
                """.formatted(TOKEN, wechat.baseUrl()));
    }

    @AfterEach
    void stop() {
        node.close();
        wechat.close();
        Harness.await(stubVertx.close());
    }

    private String send(String openId, String content, long msgId) {
        String body = node.post("/wechat/callback?" + query("1795400000", "n"), "text/xml",
                text(openId, content, msgId)).body();
        Matcher m = Pattern.compile("受理编号 (\\S+?)[。，]").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private ConversationView view(String contactId) {
        return Harness.await(node.vertx.eventBus().<ConversationView>request(ChannelAddresses.CONVERSATION,
                new ConversationRequest(contactId))).body();
    }

    @Test
    void theTabShowsMessagesAndRepliesInOrderAndEarlierContactsOfTheSameResident() {
        String first = send("o_conv1", "小区门口井盖丢了", 101);
        node.clock.advance(Duration.ofMinutes(1));
        send("o_conv1", "就在东门", 102);
        OutboxEntry sent = Harness.await(node.vertx.eventBus().<OutboxEntry>request(ChannelAddresses.REPLY,
                new AgentReply(first, "8002", "收到，已为您登记"))).body();
        assertThat(sent.status()).isEqualTo("sent");

        ConversationView now = view(first);
        assertThat(now.turns()).extracting(ConversationTurn::from, ConversationTurn::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ConversationTurn.From.RESIDENT, "小区门口井盖丢了"),
                org.assertj.core.groups.Tuple.tuple(ConversationTurn.From.RESIDENT, "就在东门"),
                org.assertj.core.groups.Tuple.tuple(ConversationTurn.From.AGENT, "收到，已为您登记"));
        assertThat(now.turns().get(2).agentId()).isEqualTo("8002");
        assertThat(now.earlier()).isEmpty();

        // After the conversation window the same resident opens a new contact; the first one comes with it.
        node.clock.advance(Duration.ofMinutes(45));
        String second = send("o_conv1", "井盖还没有盖上", 103);
        assertThat(second).isNotEqualTo(first);
        ConversationView later = view(second);
        assertThat(later.turns()).extracting(ConversationTurn::text).containsExactly("井盖还没有盖上");
        assertThat(later.earlier()).singleElement().satisfies(e -> {
            assertThat(e.contactId()).isEqualTo(first);
            assertThat(e.turns()).hasSize(3);
        });
    }

    @Test
    void aMessageJoiningAnOpenConversationIsPushedWithItsContact() throws Exception {
        String contact = send("o_conv2", "路灯不亮", 201);
        BlockingQueue<ConversationTurn> pushed = new LinkedBlockingQueue<>();
        Harness.await(node.vertx.eventBus().<ConversationTurn>consumer(ChannelAddresses.TURNS, m -> {
                    if (m.body().contactId().equals(contact)) {
                        pushed.add(m.body());
                    }
                }).completion());
        send("o_conv2", "幸福路 12 号", 202);
        ConversationTurn turn = pushed.poll(10, TimeUnit.SECONDS);
        assertThat(turn).isNotNull();
        assertThat(turn.contactId()).isEqualTo(contact);
        assertThat(turn.from()).isEqualTo(ConversationTurn.From.RESIDENT);
        assertThat(turn.text()).isEqualTo("幸福路 12 号");
    }

    @Test
    void aMessageAfterTheAgentFinishedTheChatOpensANewContactWithTheFirstAsHistory() {
        String first = send("o_conv3", "垃圾没人清运", 301);
        node.vertx.eventBus().publish(org.civicline.core.routing.RoutingAddresses.CLOSED,
                new org.civicline.core.routing.ContactClosed(first, org.civicline.core.model.Channel.WECHAT));
        // The close is a notice: wait until the channel has ended the open conversation in the store.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!Harness.await(node.stores.reference().get("channels.conversation", "WECHAT:o_conv3",
                org.civicline.channels.intake.Conversation.class)).orElseThrow().lastMessageAt()
                .equals(java.time.Instant.EPOCH)) {
            assertThat(System.nanoTime()).as("conversation ended within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        // Well within the conversation window, but nobody holds the first contact any more.
        node.clock.advance(Duration.ofMinutes(2));
        String second = send("o_conv3", "还是没人来", 302);
        assertThat(second).isNotEqualTo(first);
        assertThat(view(second).earlier()).extracting(ConversationView.Earlier::contactId).containsExactly(first);
    }

    @Test
    void anUnknownContactHasNoConversation() {
        assertThatThrownBy(() -> view("c-nobody")).rootCause().isInstanceOf(ReplyException.class)
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(404));
    }
}
