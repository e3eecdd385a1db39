package org.civicline.channels.progress;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.intake.Intake;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells residents who wrote in by WeChat or SMS when their contact became a case and when it moves on. Every node
 * hears each case change, so a notice is sent once per case step: under a cluster-wide lock, a marker in the shared
 * store records it.
 */
public final class ProgressNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressNotices.class);
    static final String SENT = "channels.progress-notice";
    /**
     * The steps a resident hears about; the others are internal. A merge is told by the case service itself (it
     * knows which case the resident now follows).
     */
    static final Set<CaseState> TOLD = Set.of(CaseState.DISPATCHED, CaseState.CLOSED, CaseState.RESOLVED_ON_CONTACT,
            CaseState.REOPENED, CaseState.CANCELLED);
    static final Set<Channel> PUSHED = Set.of(Channel.WECHAT, Channel.SMS);

    private final Vertx vertx;
    private final Intake intake;
    private final ContactStore contacts;
    private final ReferenceStore documents;
    private final Map<Channel, MessageChannel.Outbound> outbound;

    public ProgressNotices(Vertx vertx, Intake intake, ContactStore contacts, ReferenceStore documents,
                           Map<Channel, MessageChannel.Outbound> outbound) {
        this.vertx = vertx;
        this.intake = intake;
        this.contacts = contacts;
        this.documents = documents;
        this.outbound = outbound;
    }

    public Future<Void> listen() {
        return vertx.eventBus().<CaseChanged>consumer(Addresses.CASE_CHANGED, m -> handle(m.body().current())
                .onFailure(e -> LOG.warn("progress notice for case {} not sent: {}", m.body().current().number(),
                        e.getMessage()))).completion();
    }

    Future<Void> handle(Case c) {
        String contactId = c.details().contactId();
        CaseEvent step = c.lastEvent();
        boolean opened = c.version() == 1;
        // Only WeChat and SMS residents are told (letters and app reports link their case themselves and are
        // followed on their own pages): the case's channel says so before the contact is read.
        if (contactId == null || !PUSHED.contains(c.details().channel()) || !opened && !TOLD.contains(step.to())) {
            return Future.succeededFuture();
        }
        return contacts.get(contactId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture();
            }
            Contact contact = found.get();
            MessageChannel.Outbound way = outbound.get(contact.channel());
            // Letters and app reports link their case themselves and are followed on their own pages.
            if (!PUSHED.contains(contact.channel()) || way == null) {
                return Future.succeededFuture();
            }
            Future<Contact> linked = opened && contact.caseNumber() == null
                    ? intake.linkCase(contact, c.number())
                    : Future.succeededFuture(contact);
            return linked.compose(l -> once(c.number() + "-" + c.version(),
                    () -> way.send(l, text(c, opened), "case-update").mapEmpty()));
        });
    }

    private Future<Void> once(String key, java.util.function.Supplier<Future<Void>> send) {
        return vertx.sharedData().getLockWithTimeout("civicline.channels.notice." + key, 10_000).compose(lock ->
                documents.get(SENT, key, Boolean.class).compose(sent -> sent.isPresent() ? Future.<Void>succeededFuture()
                                : documents.put(SENT, key, Boolean.TRUE).compose(v -> send.get()))
                        .andThen(done -> lock.release()));
    }

    static String text(Case c, boolean opened) {
        if (opened) {
            return "您反映的问题已立案，工单号 " + c.number() + "。回复“查询 " + c.number() + "”可查看办理进度。";
        }
        return switch (c.state()) {
            case DISPATCHED -> "工单 " + c.number() + " 已派发承办单位处理。";
            case CLOSED, RESOLVED_ON_CONTACT -> "工单 " + c.number() + " 已办结。如问题未解决，请回复或拨打 12345。";
            case REOPENED -> "工单 " + c.number() + " 已重新办理。";
            case CANCELLED -> "工单 " + c.number() + " 已撤销。";
            default -> "工单 " + c.number() + " 当前状态：" + c.state().chinese() + "。";
        };
    }
}
