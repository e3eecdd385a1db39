package org.civicline.core.store;

import org.civicline.core.store.memory.MemoryStores;

/** The embedded default keeps the same promises as Redis. */
class MemoryStoreContractTest extends StoreContract {
    @Override
    protected Stores createStores() {
        return MemoryStores.create();
    }
}
