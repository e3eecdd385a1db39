package org.civicline.core.knowledge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.civicline.core.reference.KnowledgeFile;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file's answers are stored at start, an answer changed since is kept, and the category lists them. */
class KnowledgeSeedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final Vertx vertx = Vertx.vertx();
    private final Stores stores = MemoryStores.create();
    private final List<KnowledgeFile.Entry> seed = List.of(
            new KnowledgeFile.Entry("kb-card", "社保卡丢失补办", "0602", List.of("社保卡", "补办"),
                    "先挂失，再到服务网点补办。", null, null),
            new KnowledgeFile.Entry("kb-fund", "住房公积金提取", "1205", List.of("公积金"), "租房可按月提取。", null, null));

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void theFilesAnswersAreStoredOnceAndAnEditedAnswerIsKeptAcrossRestarts() throws Exception {
        KnowledgeBase first = new KnowledgeBase(vertx, stores.reference(), CLOCK, ZONE);
        await(first.start(seed));
        assertThat(first.search("社保卡补办", null, false, 5)).extracting(f -> f.article().id())
                .containsExactly("kb-card");
        await(first.update("kb-card", new KnowledgeBase.Draft("社保卡丢失补办", "线上补办，邮寄到家。", "0602",
                List.of("社保卡"), null, null, "zhiban")));

        KnowledgeBase restarted = new KnowledgeBase(vertx, stores.reference(), CLOCK, ZONE);
        await(restarted.start(seed));

        assertThat(await(restarted.get("kb-card")).orElseThrow().body()).isEqualTo("线上补办，邮寄到家。");
        assertThat(await(restarted.get("kb-fund")).orElseThrow().updatedBy()).isEqualTo(KnowledgeBase.SEEDED_BY);
        assertThat(restarted.inCategory("06", 10)).extracting(Article::id).containsExactly("kb-card");
        assertThat(restarted.inCategory("1205", 10)).extracting(Article::id).containsExactly("kb-fund");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
    }
}
