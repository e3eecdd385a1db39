package org.civicline.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.store.LostRaceException;
import org.junit.jupiter.api.Test;

class MemoryContactStoreTest {
    private final MemoryContactStore contacts = new MemoryContactStore();

    @Test
    void aChangeThatLosesEveryRaceGivesUpAndOverwritesNothing() {
        Contact first = contacts.add(new Contact(null, Channel.WECHAT, null, "openid-1",
                Instant.parse("2026-11-24T02:00:00Z"), "路灯不亮了", null, null, Priority.NORMAL, "wx-1", null, null))
                .result().contact();
        AtomicInteger tries = new AtomicInteger();

        Throwable failed = contacts.change(first.id(), current -> {
            // Another writer gets in between every read and write of this change.
            contacts.change(first.id(), c -> textOf(c, "其他节点 " + tries.incrementAndGet()));
            return textOf(current, "本节点");
        }).cause();

        assertThat(failed).isInstanceOf(LostRaceException.class);
        assertThat(tries).hasValue(LostRaceException.ATTEMPTS);
        assertThat(contacts.get(first.id()).result().map(Contact::text))
                .contains("其他节点 " + LostRaceException.ATTEMPTS);
    }

    private static Contact textOf(Contact c, String text) {
        return new Contact(c.id(), c.channel(), c.citizenId(), c.sender(), c.receivedAt(), text, c.call(),
                c.location(), c.priority(), c.idempotencyKey(), c.attachments(), c.caseNumber());
    }
}
