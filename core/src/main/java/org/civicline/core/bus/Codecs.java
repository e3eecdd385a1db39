package org.civicline.core.bus;

import io.vertx.core.Vertx;
import java.util.List;
import org.civicline.core.workflow.Case;

/** Registers the codec of every message record in {@code core}; called once per Vert.x instance at start. */
public final class Codecs {
    private static final List<Class<?>> MESSAGES = List.of(
            CreateCaseRequest.class, GetCaseRequest.class, TransitionCaseRequest.class, CaseChanged.class,
            Case.class);

    private Codecs() {
    }

    public static void registerAll(Vertx vertx) {
        for (Class<?> type : MESSAGES) {
            register(vertx, type);
        }
    }

    /** For message records that other modules define on top of core's. */
    public static <T> void register(Vertx vertx, Class<T> type) {
        vertx.eventBus().registerDefaultCodec(type, new JsonRecordCodec<>(type));
    }
}
