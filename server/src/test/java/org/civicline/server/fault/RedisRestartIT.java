package org.civicline.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.civicline.server.fault.RedisProcess.AppendFsync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One node on a Redis of the test's own (AOF on) while a steady stream of app reports comes in; Redis goes away in the
 * middle and comes back on the same port and directory. Every report the node acknowledged is still there afterwards;
 * while Redis is away every channel says "busy, try again" (503 with Retry-After) and WeChat gets no acknowledgement;
 * and intake recovers by itself, with no restart of the node. The node is shared by both tests.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisRestartIT {
    private static final long FAIL_FAST_MILLIS = 3_000;
    private static final long DOWN_SECONDS = 4;

    private static Path dir;
    private static RedisProcess redis;
    private static NodeProcess node;
    private static String serviceCode;

    @BeforeAll
    static void startRedisAndNode() throws Exception {
        dir = Files.createTempDirectory("civicline-redis-restart-");
        redis = RedisProcess.start(dir, AppendFsync.EVERYSEC);
        Map<String, String> env = NodeProcess.baseEnvironment("redis-restart");
        env.putAll(Residents.channelEnvironment());
        env.put("CIVICLINE_STORE_TYPE", "redis");
        env.put("CIVICLINE_STORE_REDIS_URI", redis.uri());
        env.put("CIVICLINE_STORE_REDIS_KEY_PREFIX", "restart-" + UUID.randomUUID() + ":");
        node = NodeProcess.start("redis-restart", env);
        serviceCode = Residents.get(node.baseUrl() + "/open311/v2/services.json").json().get(0)
                .get("service_code").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.terminate();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** appendfsync everysec: a clean SHUTDOWN fsyncs the AOF, so nothing acknowledged may be missing after it. */
    @Test
    void aCleanRedisShutdownWithEverysecLosesNoAcknowledgedReport() throws Exception {
        outageDuringLoad("shutdown", AppendFsync.EVERYSEC, false);
    }

    /** appendfsync always: every acknowledged write is on disk before Redis answers, so even kill -9 loses none. */
    @Test
    void redisKilledWithAppendfsyncAlwaysLosesNoAcknowledgedReport() throws Exception {
        outageDuringLoad("kill", AppendFsync.ALWAYS, true);
    }

    /**
     * A Redis that hangs (SIGSTOP) keeps its connections open, so nothing fails at once: the store's command timeout
     * must turn the wait into a 503 well inside WeChat's five seconds, and intake works again once Redis does.
     */
    @Test
    void aHangingRedisIsAnsweredWithBusyWithinTheCommandTimeout() throws Exception {
        if (!redis.isRunning()) {
            redis.start();
        }
        awaitIntakeWorks("freeze-warm");
        redis.freeze();
        try {
            Residents.Answer app = Residents.appReport(node.baseUrl(), serviceCode, "freeze-probe", "路灯坏了 freeze");
            Residents.Answer wechat = Residents.wechatText(node.baseUrl(), "o-freeze-probe", 9001, "路面塌陷");
            assertThat(app.status()).as(app.body()).isEqualTo(503);
            assertThat(app.header("Retry-After")).isPresent();
            assertThat(app.millis()).as("the command timeout ends the wait").isLessThan(FAIL_FAST_MILLIS + 1_000);
            assertThat(wechat.status()).as(wechat.body()).isGreaterThanOrEqualTo(500);
            assertThat(wechat.body()).doesNotContain("success").doesNotContain("<xml");
            assertThat(wechat.millis()).as("inside WeChat's five seconds").isLessThan(5_000);
        } finally {
            redis.thaw();
        }
        awaitIntakeWorks("freeze-after");
    }

    private void outageDuringLoad(String phase, AppendFsync fsync, boolean kill) throws Exception {
        if (redis.isRunning() && redis.fsync() != fsync) {
            redis.shutdown();
        }
        if (!redis.isRunning()) {
            redis.start(fsync);
        }
        awaitIntakeWorks(phase + "-warm");
        ReportLoad load = ReportLoad.start(phase, () -> List.of(node.baseUrl()), serviceCode, 3, 40);
        try {
            load.awaitCount(ReportLoad.Sent::acknowledged, 100, 30_000, "acknowledged reports before the outage");

            long down = System.nanoTime();
            if (kill) {
                redis.kill();
            } else {
                redis.shutdown();
            }
            // Down for a few seconds, long enough for the client's reconnect attempts to back off.
            long downFor = down + TimeUnit.SECONDS.toNanos(DOWN_SECONDS);
            load.awaitCount(s -> s.sentAt() > downFor && s.answer().status() == 503, 1, 20_000,
                    "reports refused " + DOWN_SECONDS + " s after Redis went down");
            // Every channel, while Redis is down: busy, try again — and WeChat is not told "success".
            Residents.Answer app = Residents.appReport(node.baseUrl(), serviceCode, phase + "-probe", "路灯坏了 probe");
            Residents.Answer letter = Residents.letter(node.baseUrl(), phase + "-letter-token", "13900000001");
            Residents.Answer sms = Residents.sms(node.baseUrl(), "SM" + phase + "probe", "+8613900000002", "井盖丢了");
            Residents.Answer wechat = Residents.wechatText(node.baseUrl(), "o-" + phase + "-probe", 7001 + phase.length(),
                    "小区垃圾没人清运");
            for (Residents.Answer busy : List.of(app, letter, sms)) {
                assertThat(busy.status()).as(busy.body()).isEqualTo(503);
                assertThat(busy.header("Retry-After")).as("Retry-After on " + busy.body()).isPresent();
                assertThat(busy.millis()).as("answered without waiting on Redis").isLessThan(FAIL_FAST_MILLIS);
            }
            assertThat(wechat.status()).as("WeChat must deliver again: " + wechat.body()).isGreaterThanOrEqualTo(500);
            assertThat(wechat.body()).doesNotContain("success").doesNotContain("<xml");
            assertThat(wechat.millis()).as("inside WeChat's five seconds").isLessThan(FAIL_FAST_MILLIS);

            long up = System.nanoTime();
            redis.start();
            // Intake recovers on its own: the node is not restarted.
            load.awaitCount(s -> s.sentAt() > up && s.acknowledged(), 50, 30_000,
                    "acknowledged reports after Redis came back");
            List<ReportLoad.Sent> all = load.stop();
            long firstAfter = all.stream().filter(s -> s.sentAt() > up && s.acknowledged())
                    .mapToLong(ReportLoad.Sent::answeredAt).min().orElseThrow();
            System.out.printf("%s (appendfsync %s): %d reports, %d acknowledged, %d refused with 503 (slowest"
                            + " refusal %d ms); first acknowledgement %d ms after Redis was started again%n", phase,
                    fsync, all.size(), all.stream().filter(ReportLoad.Sent::acknowledged).count(),
                    all.stream().filter(s -> s.answer().status() == 503).count(),
                    all.stream().filter(s -> s.answer().status() == 503).mapToLong(s -> s.answer().millis()).max()
                            .orElse(0), TimeUnit.NANOSECONDS.toMillis(firstAfter - up));

            // Each answer was an acknowledgement or a quick "busy, try again".
            for (ReportLoad.Sent s : all) {
                if (!s.acknowledged()) {
                    assertThat(s.answer().status()).as(s.key() + ": " + s.answer().body()).isEqualTo(503);
                    assertThat(s.answer().header("Retry-After")).as(s.key()).isPresent();
                    assertThat(s.answer().millis()).as(s.key()).isLessThan(FAIL_FAST_MILLIS);
                }
            }
            // Every acknowledged report is stored: read back through the public API.
            List<String> missing = new ArrayList<>();
            List<ReportLoad.Sent> acknowledged = all.stream().filter(ReportLoad.Sent::acknowledged).toList();
            for (ReportLoad.Sent s : acknowledged) {
                String id = Residents.reportId(s.answer());
                if (Residents.readReport(node.baseUrl(), id).status() != 200) {
                    missing.add(s.key() + " → " + id);
                }
            }
            assertThat(missing).as("acknowledged reports missing after Redis restarted (%d acknowledged)",
                    acknowledged.size()).isEmpty();
            // The app retries what was refused, with the same key: now it is taken, once.
            ReportLoad.Sent refused = all.stream().filter(s -> s.answer().status() == 503).findFirst().orElseThrow();
            Residents.Answer retried = Residents.appReport(node.baseUrl(), serviceCode, refused.key(), "路灯不亮，报告 "
                    + refused.key());
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            Residents.Answer again = Residents.appReport(node.baseUrl(), serviceCode, refused.key(), "路灯不亮，报告 "
                    + refused.key());
            assertThat(Residents.reportId(again)).isEqualTo(Residents.reportId(retried));
            // And the other channels' senders, retrying as they do, are taken now.
            assertThat(Residents.letter(node.baseUrl(), phase + "-letter-token", "13900000001").status()).isEqualTo(201);
            Residents.Answer smsAgain = Residents.sms(node.baseUrl(), "SM" + phase + "probe", "+8613900000002", "井盖丢了");
            assertThat(smsAgain.status()).as(smsAgain.body()).isEqualTo(200);
            assertThat(smsAgain.body()).contains("受理编号");
            Residents.Answer wechatAgain = Residents.wechatText(node.baseUrl(), "o-" + phase + "-probe",
                    7001 + phase.length(), "小区垃圾没人清运");
            assertThat(wechatAgain.status()).as(wechatAgain.body()).isEqualTo(200);
            assertThat(wechatAgain.body()).contains("受理编号");
        } finally {
            load.stop();
        }
    }

    /** Polls until one report is acknowledged: Redis was just (re)started and the client reconnects by itself. */
    private static void awaitIntakeWorks(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Residents.Answer answer;
        do {
            answer = Residents.appReport(node.baseUrl(), serviceCode, key, "路灯不亮 " + key);
            if (answer.ok()) {
                return;
            }
            Thread.sleep(100); // poll interval
        } while (System.nanoTime() < deadline);
        throw new AssertionError("intake did not work within 30 s: " + answer.status() + " " + answer.body());
    }
}
