package org.civicline.core.store.memory;

import org.civicline.core.store.Stores;

/** The embedded default: everything in this JVM's memory. */
public final class MemoryStores {
    private MemoryStores() {
    }

    public static Stores create() {
        MemoryFenceStore fences = new MemoryFenceStore();
        MemoryContactStore contacts = new MemoryContactStore();
        return new Stores(contacts, new MemoryCaseStore(contacts), new MemoryCitizenStore(),
                new MemoryReferenceStore(fences), new MemoryQueueStore(fences), new MemoryTimerStore(), fences,
                () -> { });
    }
}
