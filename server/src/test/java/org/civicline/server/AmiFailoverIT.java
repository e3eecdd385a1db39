package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.civicline.core.model.Contact;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.core.telephony.TelephonyStatus;
import org.civicline.telephony.sandbox.SandboxCall;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.junit.jupiter.api.Test;

/**
 * The AMI connection cut and restored with a node failover in between: two nodes log in to one PBX (configured
 * {@code pbx: asterisk}); while the PBX is unreachable the node holding the AMI singleton goes away; the other node
 * takes the singleton, connects once the PBX is back, finds the call from before the cut again (one contact, not
 * two), takes in the call that arrived during the outage, and later calls become contacts as usual.
 */
class AmiFailoverIT {

    @Test
    void theOtherNodeConnectsWhenThePbxIsBackAndReconcilesTheCalls() throws Exception {
        Vertx pbxVertx = Vertx.vertx();
        int pbxPort = ClusterFailoverIT.freePort();
        SandboxPbx pbx = new SandboxPbx(pbxVertx, new SandboxPbx.Settings("127.0.0.1", pbxPort, "cc", "s3cret"),
                Clock.systemUTC());
        await(pbx.start());
        Map<String, String> asterisk = Map.of("CIVICLINE_TELEPHONY_PBX", "asterisk",
                "CIVICLINE_TELEPHONY_AMI_HOST", "127.0.0.1", "CIVICLINE_TELEPHONY_AMI_PORT", String.valueOf(pbxPort),
                "CIVICLINE_TELEPHONY_AMI_USERNAME", "cc", "CIVICLINE_TELEPHONY_AMI_SECRET", "s3cret",
                "CIVICLINE_TELEPHONY_AMI_RECONNECT_INITIAL_MILLIS", "100",
                "CIVICLINE_TELEPHONY_AMI_RECONNECT_MAX_MILLIS", "1000");
        int hzA = ClusterFailoverIT.freePort();
        int hzB = ClusterFailoverIT.freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "ami-failover-" + UUID.randomUUID() + ":";
        CivicLine a = ClusterFailoverIT.start("node-a", hzA, members, prefix, asterisk);
        CivicLine b = null;
        try {
            assertThat(eventually(() -> status(a).filter(TelephonyStatus::connected)).node()).isEqualTo("node-a");
            b = ClusterFailoverIT.start("node-b", hzB, members, prefix, asterisk);
            CivicLine nodeB = b;
            SandboxCall before = await(pbx.call("13800138001", "12345", "1"));
            Contact first = eventually(() -> contactOf(nodeB, before));

            // The PBX becomes unreachable, then the node holding the connection goes away.
            await(pbx.stop());
            a.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            SandboxCall during = await(pbx.call("13800138002", "8890", "2"));
            await(pbx.start());

            TelephonyStatus afterwards = eventually(() -> status(nodeB).filter(TelephonyStatus::connected));
            assertThat(afterwards.node()).isEqualTo("node-b");
            Contact takenIn = eventually(() -> contactOf(nodeB, during));
            assertThat(takenIn.sender()).isEqualTo("13800138002");
            assertThat(contactOf(nodeB, before)).hasValueSatisfying(c ->
                    assertThat(c.id()).as("the call from before the cut is still one contact")
                            .isEqualTo(first.id()));
            assertThat(eventually(() -> status(nodeB).filter(s -> s.liveCalls() == 2)).liveCalls()).isEqualTo(2);

            SandboxCall later = await(pbx.call("13800138003", "12345", null));
            assertThat(eventually(() -> contactOf(nodeB, later)).call().line()).isEqualTo("12345");
        } finally {
            for (CivicLine node : java.util.Arrays.asList(b, a)) {
                if (node != null) {
                    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
            }
            await(pbx.stop());
            await(pbxVertx.close());
        }
    }

    private static Optional<TelephonyStatus> status(CivicLine node) {
        try {
            return Optional.of(node.vertx().eventBus().<TelephonyStatus>request(TelephonyAddresses.STATUS, "")
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body());
        } catch (Exception e) {
            return Optional.empty(); // no node holds the connection right now
        }
    }

    private static Optional<Contact> contactOf(CivicLine node, SandboxCall call) {
        try {
            return node.stores().contacts().findByIdempotencyKey("ami:" + call.uniqueId()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Polls until {@code probe} finds something, for at most 40 s. */
    private static <T> T eventually(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 40 s");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
