package org.civicline.core.bus;

import io.vertx.core.Vertx;
import java.util.List;
import org.civicline.core.cases.progress.ProgressView;
import org.civicline.core.channels.ConversationRequest;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.core.channels.ConversationView;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.CallbackRequest;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactClosed;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.LiveCalls;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.core.telephony.ListenIn;
import org.civicline.core.workflow.Case;

/** Registers the codec of every message record in {@code core}; called once per Vert.x instance at start. */
public final class Codecs {
    private static final List<Class<?>> MESSAGES = List.of(
            CreateCaseRequest.class, GetCaseRequest.class, TransitionCaseRequest.class, CaseChanged.class,
            Case.class, SendNotice.class, ProgressRequest.class, ProgressView.class,
            // routing contract
            EnqueueContact.class, ContactQueued.class, ContactAbandoned.class, CallbackRequest.class,
            CallbackOutcome.class, OfferMade.class, OfferAnswer.class, OfferWithdrawn.class, ContactAssigned.class,
            ContactFinished.class, ContactReturned.class, AgentPresenceChange.class, AgentStatus.class,
            SupervisorAlert.class, LiveCalls.class, ContactClosed.class,
            DispatchToGrid.class, GridTaskChanged.class, OneTouchCallLookup.class,
            // the desk's conversations and the supervisor's listen-in
            ConversationRequest.class, ConversationView.class, ConversationTurn.class, ListenIn.class);

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
