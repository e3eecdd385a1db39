package org.civicline.channels.mailbox;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.mailbox.inbound.MailboxRoutes;
import org.civicline.channels.mailbox.outbound.MailboxPages;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.channels.uploads.PhotoStore;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.store.Ids;

/**
 * The leaders' mailbox (书记区长信箱): letters in through a public form; answers out onto the letter's query page,
 * the only place a letter's progress can be read.
 */
public final class MailboxChannel implements MessageChannel {
    private final MailboxRoutes routes;
    private final Letters letters;
    private final ChannelKit kit;

    public MailboxChannel(ChannelKit kit) {
        this.kit = kit;
        MailboxConfig config = kit.config().section("mailbox", MailboxConfig.class);
        Path uploads = Path.of(kit.settings().uploadDir());
        // Letter attachments are private: kept on disk, referenced by name, never served publicly.
        PhotoStore attachments = new PhotoStore(kit.vertx(), uploads.resolve("letters"), "mailbox-attachment:",
                kit.settings().maxUploadBytes(), kit.clock());
        this.letters = new Letters(kit.intake(), kit.residents(), kit.stores().reference(),
                kit.cases(), Duration.ofHours(config.firstResponseHours()), kit.clock());
        MailboxPages pages = new MailboxPages(kit.reference().calendar().zone(), kit.reference().categories().mains(),
                config.maxAttachments());
        this.routes = new MailboxRoutes(config, letters, pages, kit.reference().categories(), attachments,
                kit.cases(), kit.progress(), kit.clientAddresses(), kit.clock());
    }

    @Override
    public Channel kind() {
        return Channel.MAILBOX;
    }

    @Override
    public void mount(Router router) {
        routes.mount(router);
    }

    @Override
    public Optional<Outbound> outbound() {
        return Optional.of(this::answer);
    }

    private Future<OutboxEntry> answer(Contact contact, String text, String purpose) {
        return letters.answer(contact.id(), text).map(letter -> {
            OutboxEntry entry = new OutboxEntry(Ids.next("mb", kit.clock().instant()), Channel.MAILBOX,
                    contact.sender(), text, purpose, "published", 1, null, kit.clock().instant());
            kit.outbox().record(entry);
            return entry;
        });
    }
}
