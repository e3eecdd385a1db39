package org.civicline.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.store.QueueStore;
import org.civicline.routing.config.RoutingConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Nested
    class TheOneQueue {
        @Test
        void alarmsGoFirstThenElderlyThenVoiceThenChatThenSmsThenLetters() {
            RouterFixture f = new RouterFixture();
            f.arrive("letter", Channel.MAILBOX);
            f.arrive("sms", Channel.SMS);
            f.arrive("chat", Channel.WECHAT);
            f.arrive("call", Channel.HOTLINE_12345);
            f.arrive("elder", Channel.ELDER_12349);
            f.arrive("alarm", Channel.ONE_TOUCH);
            f.readyAgent("a1");

            for (String next : List.of("alarm", "elder", "call")) {
                assertThat(f.events.lastOffer().contactId()).isEqualTo(next);
                f.handle(next);
            }
            // Chats, SMS and letters use separate capacities: each is offered as soon as the one before is taken.
            for (String next : List.of("chat", "sms", "letter")) {
                assertThat(f.events.lastOffer().contactId()).isEqualTo(next);
                f.accept(next);
            }
        }

        @Test
        void anEmergencyOnAnyChannelGoesBeforeEveryOrdinaryCall() {
            RouterFixture f = new RouterFixture();
            f.arrive("call", Channel.HOTLINE_12345);
            f.arrive("gas-leak", Channel.WECHAT, Priority.EMERGENCY, RoutingNeeds.anyAgent());
            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("gas-leak");
        }

        @Test
        void withinAClassTheEarlierContactGoesFirst() {
            RouterFixture f = new RouterFixture();
            f.arrive("first", Channel.HOTLINE_12345);
            f.passSeconds(1);
            f.arrive("second", Channel.HOTLINE_8890);
            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("first");
        }

        @Test
        void aFreshCallGoesBeforeALetterThatHasWaitedAFewHours() {
            RouterFixture f = new RouterFixture();
            f.arrive("letter", Channel.MAILBOX);
            f.pass(Duration.ofHours(6)); // letters age 0.1 per minute: 500 - 36 = 464, still after a call (200)
            f.arrive("call", Channel.HOTLINE_12345);
            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("call");
        }

        @Test
        void agingLetsALetterOvertakeCallsThatArriveAfterItHasWaitedLong() {
            RouterFixture f = new RouterFixture();
            f.arrive("letter", Channel.MAILBOX);
            f.pass(Duration.ofHours(60)); // 500 - 0.1 * 3600 = 140 < 200: ahead of any new call
            f.arrive("call", Channel.HOTLINE_12345);
            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("letter");
        }

        @Test
        void theLiveViewCountsTheQueueByChannelQueueAndClassWithEachChannelsLongestWait() {
            RouterFixture f = new RouterFixture();
            f.arrive("letter-1", Channel.APP);
            f.passSeconds(30);
            f.arrive("chat-1", Channel.WECHAT);
            f.arrive("letter-2", Channel.MAILBOX);
            f.passSeconds(5);
            f.arrive("call-1", Channel.HOTLINE_12345);

            LiveView live = f.router.live();

            assertThat(live.waitingByChannel()).containsExactlyInAnyOrderEntriesOf(Map.of(Channel.APP, 1,
                    Channel.WECHAT, 1, Channel.MAILBOX, 1, Channel.HOTLINE_12345, 1));
            assertThat(live.waitingByQueue()).containsExactlyInAnyOrderEntriesOf(Map.of("letters", 2, "messages", 1,
                    "hotline", 1));
            assertThat(live.waitingByPriorityClass()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    PriorityClass.LETTER, 2, PriorityClass.CHAT, 1, PriorityClass.VOICE, 1));
            assertThat(live.longestWaitSeconds()).containsExactlyInAnyOrderEntriesOf(Map.of(Channel.APP, 35L,
                    Channel.WECHAT, 5L, Channel.MAILBOX, 5L, Channel.HOTLINE_12345, 0L));
            assertThat(live.callbacksScheduled()).isZero();
        }

        @Test
        void theSameContactQueuedTwiceIsQueuedOnce() {
            RouterFixture f = new RouterFixture();
            assertThat(f.arrive("c1", Channel.WECHAT).alreadyQueued()).isFalse();
            assertThat(f.arrive("c1", Channel.WECHAT).alreadyQueued()).isTrue();
            assertThat(f.router.waitingCount()).isEqualTo(1);
        }

        @Test
        void everyContactIsWrittenThroughForTheStoreHeldByItsAgentOnceAcceptedAndRemovedWhenFinished() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            assertThat(f.events.stored.get("c1").heldBy()).isNull();
            f.readyAgent("a1");
            f.accept("c1");
            assertThat(f.events.stored.get("c1").heldBy()).isEqualTo("a1");
            assertThat(f.router.finish("c1", "a1")).isTrue();
            assertThat(f.events.stored).doesNotContainKey("c1");
        }

        @Test
        void aLateRequestToQueueAContactItsAgentFinishedDoesNotOfferItAgainHereOrAfterATakeOver() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.APP);
            f.accept("c1");
            assertThat(f.router.finish("c1", "a1")).isTrue();
            Instant finishedAt = f.clock.instant();
            f.readyAgent("a2");
            int offers = f.events.offers.size();

            // The channel's first request reached a router that died before answering: it asks again, late.
            assertThat(f.arrive("c1", Channel.APP).alreadyQueued()).isTrue();
            assertThat(f.router.waitingCount()).isZero();
            assertThat(f.events.offers).hasSize(offers);

            // The next router learns from the store what was finished, and refuses the same late request.
            RouterFixture after = new RouterFixture();
            after.readyAgent("a2");
            after.router.restoreFinished(Map.of("c1", finishedAt));
            after.clock.set(finishedAt.plus(QueueStore.FINISHED_KEPT).minusSeconds(1));
            assertThat(after.arrive("c1", Channel.APP).alreadyQueued()).isTrue();
            assertThat(after.events.offers).isEmpty();
            // Remembered for FINISHED_KEPT only: a request that much later is a new one.
            after.clock.advance(Duration.ofSeconds(2));
            assertThat(after.arrive("c1", Channel.APP).alreadyQueued()).isFalse();
            assertThat(after.events.offers).singleElement().satisfies(o -> assertThat(o.contactId()).isEqualTo("c1"));
        }

        @Test
        void aRouterThatTakesOverKeepsWhatAgentsHeldAndGivesACallTheyHoldBackToThem() {
            RouterFixture before = new RouterFixture();
            before.readyAgent("a1");
            before.arrive("c1", Channel.HOTLINE_12345);
            before.accept("c1");
            before.arrive("c2", Channel.HOTLINE_12345);

            RouterFixture after = new RouterFixture();
            // As at a take-over: the agents are known (offline) before the queue is read back.
            for (String id : List.of("a1", "a2")) {
                after.router.upsertAgent(RouterFixture.agent(id, java.util.Map.of(),
                        java.util.EnumSet.allOf(Channel.class), 3));
            }
            after.router.restore(before.events.stored.values());
            after.readyAgent("a1");
            after.readyAgent("a2");
            // a1 is on the call: c2 goes to a2, and c1 is not offered again.
            assertThat(after.events.offers).singleElement().satisfies(o -> {
                assertThat(o.contactId()).isEqualTo("c2");
                assertThat(o.agentId()).isEqualTo("a2");
            });
            // The PBX still has c1 waiting (its move to a1 was lost with the old node): handed in again, it goes to a1.
            assertThat(after.arrive("c1", Channel.HOTLINE_12345).alreadyQueued()).isTrue();
            assertThat(after.events.reassigned).singleElement()
                    .satisfies(a -> assertThat(a.agentId()).isEqualTo("a1"));
            assertThat(after.router.finish("c1", "a1")).isTrue();
        }
    }

    @Nested
    class Offers {
        @Test
        void aContactIsOfferedTheMomentAMatchingAgentIsReady() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.HOTLINE_12345);
            assertThat(f.events.offers).hasSize(1);
            OfferMade offer = f.events.lastOffer();
            assertThat(offer.agentId()).isEqualTo("a1");
            assertThat(offer.expiresAt()).isEqualTo(f.clock.instant().plusSeconds(15));
        }

        @Test
        void aRejectedOfferGoesToTheNextAgent() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.passSeconds(1);
            f.readyAgent("a2");
            f.arrive("c1", Channel.HOTLINE_12345);
            OfferMade first = f.events.lastOffer();
            assertThat(first.agentId()).isEqualTo("a1");

            assertThat(f.router.answer(first.offerId(), "a1", false).stillStanding()).isTrue();
            assertThat(f.events.withdrawn).extracting(OfferWithdrawn::reason).containsExactly(OfferWithdrawn.Reason.REJECTED);
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a2");
        }

        @Test
        void anAgentWhoRejectedIsAskedAgainOnlyAfterTheCooldownWhenNobodyElseCanTakeIt() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.HOTLINE_12345);
            f.router.answer(f.events.lastOffer().offerId(), "a1", false);
            assertThat(f.events.offers).hasSize(1);
            f.passSeconds(30);
            assertThat(f.events.offers).hasSize(2);
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a1");
        }

        @Test
        void aTimedOutOfferGoesToTheNextAgentAndTwoMissesInARowSetTheAgentAway() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.HOTLINE_12345);
            f.passSeconds(15);
            assertThat(f.events.withdrawn).extracting(OfferWithdrawn::reason).containsExactly(OfferWithdrawn.Reason.TIMED_OUT);
            assertThat(f.router.status("a1").presence()).isEqualTo(Presence.AVAILABLE);

            f.arrive("c2", Channel.HOTLINE_12345);
            assertThat(f.events.lastOffer().contactId()).isEqualTo("c2");
            f.passSeconds(15);
            assertThat(f.router.status("a1").presence()).isEqualTo(Presence.AWAY);
            assertThat(f.events.alerts).extracting(a -> a.kind()).contains("AGENT_AWAY");

            f.readyAgent("a2");
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a2");
        }

        @Test
        void anAcceptThatArrivesAsTheOfferTimesOutIsRefusedAndTheContactGoesOn() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.passSeconds(1);
            f.readyAgent("a2");
            f.arrive("c1", Channel.HOTLINE_12345);
            OfferMade offer = f.events.lastOffer();
            f.clock.advance(Duration.ofSeconds(15)); // the timer has not fired yet when the accept arrives

            Router.Answer late = f.router.answer(offer.offerId(), offer.agentId(), true);
            assertThat(late.stillStanding()).isFalse();
            assertThat(late.assigned()).isEmpty();
            assertThat(f.events.assigned).isEmpty();
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a2");
        }

        @Test
        void aCallThatNeverReachedTheAgentGoesBackToItsPlaceAndToAnotherAgent() {
            RouterFixture f = new RouterFixture();
            f.arrive("first", Channel.HOTLINE_12345);
            f.passSeconds(1);
            f.arrive("second", Channel.HOTLINE_12345);
            f.readyAgent("a1");
            f.accept("first");
            assertThat(f.router.returnToQueue("first", "a1")).isTrue();
            assertThat(f.router.returnToQueue("first", "a1")).as("only once").isFalse();
            assertThat(f.events.stored).containsKey("first");

            f.readyAgent("a2");
            assertThat(f.events.lastOffer()).satisfies(o -> {
                assertThat(o.contactId()).as("its old place, before the later caller").isEqualTo("first");
                assertThat(o.agentId()).isEqualTo("a2");
            });
        }

        @Test
        void onlyTheAgentOfAnOfferCanAcceptIt() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.readyAgent("a2");
            f.arrive("c1", Channel.HOTLINE_12345);
            OfferMade offer = f.events.lastOffer();
            String other = offer.agentId().equals("a1") ? "a2" : "a1";
            assertThat(f.router.answer(offer.offerId(), other, true).stillStanding()).isFalse();
            assertThat(f.router.answer(offer.offerId(), offer.agentId(), true).assigned()).isPresent();
            assertThat(f.router.answer(offer.offerId(), offer.agentId(), true).stillStanding()).isFalse();
            assertThat(f.events.assigned).hasSize(1);
        }

        @Test
        void theAssignmentNamesTheAgentsPhoneAndTheCall() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("8001");
            f.arrive("c1", Channel.HOTLINE_12345);
            f.accept("c1");
            assertThat(f.events.assigned.get(0).agentExtension()).isEqualTo("PJSIP/8001");
            assertThat(f.events.assigned.get(0).call()).isNotNull();
        }
    }

    @Nested
    class SkillsAndOverflow {
        @Test
        void aContactGoesOnlyToAnAgentWithEveryNeededSkillUntilItOverflows() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("mandarin", Map.of("lang:zh", 5));
            f.arrive("c1", Channel.HOTLINE_12345, Priority.NORMAL,
                    new RoutingNeeds(List.of(List.of("lang:yue"), List.of("lang:zh"), List.of())));
            assertThat(f.events.offers).isEmpty();

            f.passSeconds(19);
            assertThat(f.events.offers).isEmpty();
            f.passSeconds(1); // hotline overflow after 20 s widens to the next step
            assertThat(f.events.lastOffer().agentId()).isEqualTo("mandarin");
            assertThat(f.events.stored.get("c1").step()).isEqualTo(1);
        }

        @Test
        void aCantoneseSpeakerGetsTheCantoneseCallerWhenBothAreFree() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("zh", Map.of("lang:zh", 9));
            f.readyAgent("yue", Map.of("lang:yue", 3, "lang:zh", 3));
            f.arrive("c1", Channel.HOTLINE_12345, Priority.NORMAL,
                    RoutingNeeds.of(List.of("lang:yue"), List.of()));
            assertThat(f.events.lastOffer().agentId()).isEqualTo("yue");
        }

        @Test
        void supervisorsAreAlertedWhenAContactWaitsPastTheAlertTime() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            f.passSeconds(59);
            assertThat(f.events.alerts).isEmpty();
            f.passSeconds(1);
            assertThat(f.events.alerts).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("LONG_WAIT");
                assertThat(a.contactId()).isEqualTo("c1");
            });
            f.passSeconds(600);
            assertThat(f.events.alerts).hasSize(1);
        }
    }

    @Nested
    class Capacity {
        @Test
        void anAgentHoldsOneCallButSeveralChatsUpToTheirCap() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            for (int i = 1; i <= 4; i++) {
                f.arrive("chat" + i, Channel.WECHAT);
                if (i <= 3) {
                    f.accept("chat" + i);
                }
            }
            assertThat(f.events.offeredContacts()).containsExactly("chat1", "chat2", "chat3");
            assertThat(f.router.status("a1").contactIds()).containsExactly("chat1", "chat2", "chat3");
        }

        @Test
        void anAgentOnACallGetsNoNewChats() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("call", Channel.HOTLINE_12345);
            f.accept("call");
            assertThat(f.router.status("a1").presence()).isEqualTo(Presence.BUSY);
            f.arrive("chat", Channel.WECHAT);
            assertThat(f.events.offeredContacts()).containsExactly("call");
            f.router.finish("call", "a1");
            f.passSeconds(30);
            assertThat(f.events.lastOffer().contactId()).isEqualTo("chat");
        }

        @Test
        void anAgentIsOfferedOneThingAtATime() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("chat1", Channel.WECHAT);
            f.arrive("chat2", Channel.WECHAT);
            assertThat(f.router.offersOutstanding()).isEqualTo(1);
            f.accept("chat1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("chat2");
        }

        @Test
        void anAgentWithoutPermissionForAChannelIsNeverOfferedIt() {
            RouterFixture f = new RouterFixture();
            f.router.upsertAgent(RouterFixture.agent("voice-only", Map.of(), EnumSet.of(Channel.HOTLINE_12345), 0));
            f.router.presence("voice-only", Presence.AVAILABLE, null);
            f.arrive("chat", Channel.WECHAT);
            assertThat(f.events.offers).isEmpty();
        }
    }

    @Nested
    class PresenceAndWrapUp {
        @Test
        void wrapUpEndsExactlyWhenConfiguredAndIsItsOwnState() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.HOTLINE_12345);
            f.accept("c1");
            f.router.finish("c1", "a1");
            AgentStatus wrapping = f.router.status("a1");
            assertThat(wrapping.presence()).isEqualTo(Presence.WRAP_UP);
            assertThat(wrapping.until()).isEqualTo(f.clock.instant().plusSeconds(30));

            f.arrive("c2", Channel.HOTLINE_12345);
            f.clock.advance(Duration.ofMillis(29_999));
            f.router.advance();
            assertThat(f.router.status("a1").presence()).isEqualTo(Presence.WRAP_UP);
            assertThat(f.events.offeredContacts()).containsExactly("c1");
            f.clock.advance(Duration.ofMillis(1));
            f.router.advance();
            assertThat(f.events.offeredContacts()).containsExactly("c1", "c2");
        }

        @Test
        void goingOnBreakWithdrawsTheOfferAndReroutesItAtOnceAndKeepsTheReason() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.passSeconds(1);
            f.readyAgent("a2");
            f.arrive("c1", Channel.HOTLINE_12345);
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a1");

            AgentStatus status = f.router.presence("a1", Presence.BREAK, "用餐");
            assertThat(status.presence()).isEqualTo(Presence.BREAK);
            assertThat(status.reason()).isEqualTo("用餐");
            assertThat(f.events.withdrawn).extracting(OfferWithdrawn::reason).containsExactly(OfferWithdrawn.Reason.AGENT_LEFT);
            assertThat(f.events.lastOffer().agentId()).isEqualTo("a2");
        }

        @Test
        void anAgentWhoseHeartbeatStopsIsSignedOutAndTheirChatsReturnAfterTheGracePeriod() {
            RoutingConfig config = new RoutingConfig(null, null, null, 0, 20, 60, 0, null, 0);
            RouterFixture f = new RouterFixture(config);
            f.readyAgent("a1");
            f.arrive("chat", Channel.WECHAT);
            f.accept("chat");
            f.passSeconds(10);
            f.router.presence("a1", null, null);
            f.passSeconds(19);
            assertThat(f.router.status("a1").presence()).isNotEqualTo(Presence.OFFLINE);
            f.passSeconds(1);
            assertThat(f.router.status("a1").presence()).isEqualTo(Presence.OFFLINE);
            assertThat(f.router.waitingCount()).isZero();

            f.readyAgent("a2");
            for (int i = 0; i < 5; i++) {
                f.passSeconds(10);
                f.router.presence("a2", null, null);
                assertThat(f.router.waitingCount()).isZero();
            }
            f.passSeconds(10);
            assertThat(f.events.lastOffer()).satisfies(o -> {
                assertThat(o.contactId()).isEqualTo("chat");
                assertThat(o.agentId()).isEqualTo("a2");
            });
        }

        @Test
        void agentsCannotSetTheStatesTheRouterSets() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            assertThatThrownBy(() -> f.router.presence("a1", Presence.WRAP_UP, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AVAILABLE, BREAK or OFFLINE");
            assertThatThrownBy(() -> f.router.presence("nobody", Presence.AVAILABLE, null))
                    .hasMessageContaining("unknown agent 'nobody'");
        }
    }

    @Nested
    class Callbacks {
        @Test
        void aCallerWhoHangsUpWhileWaitingGetsACallbackTask() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            f.passSeconds(40);
            assertThat(f.router.abandon("c1", "13800138000")).isTrue();
            assertThat(f.events.abandoned).containsExactly("c1");
            assertThat(f.events.callbacks).containsExactly("c1#1");

            f.readyAgent("a1");
            OfferMade offer = f.events.lastOffer();
            assertThat(offer.contactId()).isEqualTo("c1");
            assertThat(offer.callback()).isTrue();
            f.accept("c1");
            assertThat(f.events.assigned.get(0).callbackPhone()).isEqualTo("13800138000");
        }

        @Test
        void aCallerWithAWithheldNumberGetsNoCallback() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            f.router.abandon("c1", "<unknown>");
            f.arrive("c2", Channel.HOTLINE_12345);
            f.router.abandon("c2", null);
            assertThat(f.events.callbacks).isEmpty();
            assertThat(f.router.waitingCount()).isZero();
        }

        @Test
        void aQueuedCallbackKeepsTheCallersPlaceAndNeverJumpsAheadOfEarlierCallers() {
            RouterFixture f = new RouterFixture();
            f.arrive("early", Channel.HOTLINE_12345);
            f.passSeconds(1);
            f.arrive("asks-callback", Channel.HOTLINE_12345);
            f.passSeconds(1);
            f.arrive("late", Channel.HOTLINE_12345);
            f.router.requestCallback("asks-callback", Channel.HOTLINE_12345, "13900139000", null);
            f.router.abandon("asks-callback", "13900139000"); // the caller hangs up after pressing the key

            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("early");
            f.handle("early");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("asks-callback");
            assertThat(f.events.lastOffer().callback()).isTrue();
            f.handle("asks-callback");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("late");
            assertThat(f.events.callbacks).as("no second callback task").isEmpty();
        }

        @Test
        void aCallbackIsNeverDialledTwice() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            f.router.requestCallback("c1", Channel.HOTLINE_12345, "13900139000", null);
            f.router.requestCallback("c1", Channel.HOTLINE_12345, "13900139000", null);
            f.readyAgent("a1");
            f.readyAgent("a2");
            f.accept("c1");
            f.router.requestCallback("c1", Channel.HOTLINE_12345, "13900139000", null);
            assertThat(f.events.assigned).hasSize(1);
            assertThat(f.router.waitingCount()).isZero();
        }

        @Test
        void anUnansweredCallbackIsRetriedAfter10Then30MinutesThenGivenUp() {
            RouterFixture f = new RouterFixture();
            f.arrive("c1", Channel.HOTLINE_12345);
            f.router.abandon("c1", "13800138000");
            f.readyAgent("a1");
            for (int attempt = 1; attempt <= 4; attempt++) {
                f.accept("c1");
                f.router.callbackOutcome("c1", "a1", CallbackOutcome.Result.NO_ANSWER);
                f.router.callbackOutcome("c1", "a1", CallbackOutcome.Result.NO_ANSWER); // a repeat changes nothing
                Instant attemptAt = f.clock.instant();
                if (attempt < 4) {
                    Instant next = f.events.callbackTimes.get(attempt);
                    long[] minutes = {10, 30, 120};
                    assertThat(Duration.between(attemptAt, next)).isEqualTo(Duration.ofMinutes(minutes[attempt - 1]));
                    f.clock.set(next);
                    f.router.advance();
                }
            }
            assertThat(f.events.callbacks).containsExactly("c1#1", "c1#2", "c1#3", "c1#4");
            assertThat(f.events.callbackClosed).last().isEqualTo("c1#4:NO_ANSWER:gave-up");
            assertThat(f.router.waitingCount()).isZero();
        }

        @Test
        void noCallbackIsPlacedDuringQuietHours() {
            RouterFixture f = new RouterFixture();
            Instant evening = LocalDateTime.parse("2026-11-23T21:30").atZone(RouterFixture.SHANGHAI).toInstant();
            f.clock.set(evening);
            f.arrive("c1", Channel.HOTLINE_12345);
            f.router.abandon("c1", "13800138000");
            f.readyAgent("night-shift");
            assertThat(f.events.offers).isEmpty();
            Instant eightNextMorning = LocalDateTime.parse("2026-11-24T08:00").atZone(RouterFixture.SHANGHAI).toInstant();
            assertThat(f.events.callbackTimes).containsExactly(eightNextMorning);
            f.clock.set(eightNextMorning);
            f.router.advance();
            assertThat(f.events.lastOffer().contactId()).isEqualTo("c1");
        }
    }

    @Nested
    class Restart {
        @Test
        void aRestoredRouterOffersEveryPersistedContactInItsOldOrder() {
            RouterFixture before = new RouterFixture();
            before.arrive("a", Channel.MAILBOX);
            before.passSeconds(5);
            before.arrive("b", Channel.HOTLINE_12345);
            before.arrive("c", Channel.HOTLINE_12345);
            before.readyAgent("x");
            List<QueueEntry> persisted = List.copyOf(before.events.stored.values());
            assertThat(persisted).hasSize(3); // b is offered, not assigned: it is still waiting

            RouterFixture after = new RouterFixture();
            after.clock.set(before.clock.instant());
            after.router.restore(persisted);
            after.readyAgent("y");
            assertThat(after.events.lastOffer().contactId()).isEqualTo("b");
            after.handle("b");
            assertThat(after.events.lastOffer().contactId()).isEqualTo("c");
            after.handle("c");
            assertThat(after.events.lastOffer().contactId()).isEqualTo("a");
        }
    }

    @Nested
    class Reconciliation {
        @Test
        void entriesOnlyInTheStoreAreRestoredAndEntriesOnlyInTheRouterAreStoredAgain() {
            RouterFixture f = new RouterFixture();
            f.arrive("router-only", Channel.MAILBOX);
            QueueEntry storeOnly = new QueueEntry("store-only", Channel.HOTLINE_12345, Priority.NORMAL, "13800138000",
                    null, List.of(List.of()), f.clock.instant().minusSeconds(5), 99, 0, null, false, null, 0, "VOICE");
            f.events.stored.clear();

            List<String> repairs = f.router.reconcile(List.of(storeOnly), null, null);
            assertThat(repairs).anyMatch(r -> r.startsWith("restored store-only"))
                    .anyMatch(r -> r.startsWith("stored router-only again"));
            assertThat(f.events.stored).containsKeys("store-only", "router-only");
            f.readyAgent("a1");
            assertThat(f.events.lastOffer().contactId()).isEqualTo("store-only");
            assertThat(f.router.reconcile(List.copyOf(f.events.stored.values()), null, null)).isEmpty();
        }

        @Test
        void contactsWrittenWhileTheSnapshotWasReadAreLeftForTheNextRound() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("held", Channel.HOTLINE_12345);
            QueueEntry waitingInSnapshot = f.events.stored.get("held");
            f.accept("held");
            f.arrive("new", Channel.MAILBOX);
            f.events.stored.clear();

            // The snapshot was read before "held" was accepted and before "new" arrived: both were written since.
            assertThat(f.router.reconcile(List.of(waitingInSnapshot), java.util.Set.of("held", "new"), null, null))
                    .isEmpty();
            assertThat(f.events.stored).isEmpty();
            assertThat(f.router.reconcile(List.of(waitingInSnapshot), null, null))
                    .anyMatch(r -> r.startsWith("stored held again: a1 holds it"))
                    .anyMatch(r -> r.startsWith("stored new again"));
        }

        @Test
        void aStoredWaitingEntryOfAContactAnAgentHoldsIsStoredAgainAsHeldAndAStaleHoldIsRemoved() {
            RouterFixture f = new RouterFixture();
            f.readyAgent("a1");
            f.arrive("c1", Channel.HOTLINE_12345);
            QueueEntry stale = f.events.stored.get("c1");
            f.accept("c1");
            assertThat(f.router.reconcile(List.of(stale), null, null)).singleElement()
                    .satisfies(r -> assertThat(r).startsWith("stored c1 again: a1 holds it"));
            assertThat(f.events.stored.get("c1").heldBy()).isEqualTo("a1");
            QueueEntry held = f.events.stored.get("c1");
            f.router.finish("c1", "a1");
            assertThat(f.router.reconcile(List.of(held), null, null)).singleElement()
                    .satisfies(r -> assertThat(r).startsWith("removed stored hold of c1"));
        }

        @Test
        void aWaitingCallThePbxNoLongerHasIsAbandonedButANewerOneIsLeftAlone() {
            RouterFixture f = new RouterFixture();
            f.arrive("gone", Channel.HOTLINE_12345);
            Instant listedAt = f.clock.instant().plusMillis(1);
            f.passSeconds(1);
            f.arrive("too-new", Channel.HOTLINE_12345);
            List<String> repairs = f.router.reconcile(List.copyOf(f.events.stored.values()), java.util.Set.of(),
                    listedAt);
            assertThat(repairs).singleElement().satisfies(r -> assertThat(r).startsWith("abandoned gone"));
            assertThat(f.events.abandoned).containsExactly("gone");
            assertThat(f.events.callbacks).containsExactly("gone#1");
        }
    }
}
