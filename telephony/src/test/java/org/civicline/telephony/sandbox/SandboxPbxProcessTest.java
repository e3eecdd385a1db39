package org.civicline.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/**
 * The sandbox PBX as its own process ({@link SandboxPbxMain}), reached over real TCP with Asterisk-Java as a node
 * configured {@code pbx: asterisk} reaches it: login, an inbound test call placed by AMI Originate, its hang-up, and
 * a clean stop on SIGTERM.
 */
class SandboxPbxProcessTest {
    private static final Pattern LISTENING = Pattern.compile("sandbox PBX listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void aSeparateProcessTakesAsteriskJavaLoginsAndInboundTestCallsAndStopsOnSigterm() throws Exception {
        Pbx pbx = Pbx.start("--port", "0", "--username", "cc", "--secret", "s3cret");
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", pbx.port, "cc", "s3cret")
                .createManagerConnection();
        BlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();
        ami.addEventListener(events::add);
        try {
            ami.login();
            assertThatThrownBy(() -> new ManagerConnectionFactory("127.0.0.1", pbx.port, "cc", "wrong")
                    .createManagerConnection().login()).isInstanceOf(AuthenticationFailedException.class);

            ami.sendAction(InboundTestCall.originate("12345", "13800138000", 600), 5000);
            OriginateResponseEvent answered = next(events, OriginateResponseEvent.class);
            assertThat(answered.getResponse()).isEqualTo("Success");
            String local = answered.getChannel();
            assertThat(local).startsWith("Local/12345@from-pstn-").endsWith(";1");
            // The ;2 half runs the hotline's dialplan, which names the line as the adapter expects.
            VarSetEvent line = nextMatching(events, VarSetEvent.class, v -> "HOTLINE".equals(v.getVariable()));
            assertThat(line.getValue()).isEqualTo("12345");

            List<String> live = channels(ami);
            assertThat(live).contains(local, local.replace(";1", ";2"));

            ami.sendAction(InboundTestCall.hangUp(local), 5000);
            nextMatching(events, HangupEvent.class, h -> local.equals(h.getChannel()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!channels(ami).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(channels(ami)).as("both halves of the call are gone").isEmpty();
        } finally {
            ami.logoff();
            pbx.terminate();
        }
        assertThat(pbx.output()).contains("sandbox PBX stopped");
    }

    @Test
    void aBadOptionStopsTheStartNamingIt() throws Exception {
        Pbx.Ended ended = Pbx.run("--port", "eighty");
        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.output()).anyMatch(l -> l.contains("--port must be a number from 0 to 65535, got 'eighty'"));
    }

    private static List<String> channels(ManagerConnection ami) throws Exception {
        return ami.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000).getEvents().stream()
                .filter(CoreShowChannelEvent.class::isInstance).map(e -> ((CoreShowChannelEvent) e).getChannel())
                .toList();
    }

    private static <T extends ManagerEvent> T next(BlockingQueue<ManagerEvent> events, Class<T> type)
            throws InterruptedException {
        return nextMatching(events, type, e -> true);
    }

    private static <T extends ManagerEvent> T nextMatching(BlockingQueue<ManagerEvent> events, Class<T> type,
                                                           java.util.function.Predicate<T> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            ManagerEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived");
    }

    /** The PBX process with this test's class path, and what it printed. */
    private record Pbx(Process process, int port, List<String> lines, Thread reader) {

        record Ended(int exitCode, List<String> output) {
        }

        static Pbx start(String... args) throws Exception {
            Process process = builder(args).start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = out.readLine()) != null; ) {
                        lines.add(l);
                        Matcher m = LISTENING.matcher(l);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // The process ended.
                }
                port.completeExceptionally(new AssertionError("the PBX ended before listening:\n"
                        + String.join("\n", lines)));
            }, "pbx-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Pbx(process, port.get(30, TimeUnit.SECONDS), lines, reader);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        static Ended run(String... args) throws Exception {
            Process process = builder(args).start();
            List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Ended(process.exitValue(), output);
        }

        private static ProcessBuilder builder(String... args) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SandboxPbxMain.class.getName()));
            command.addAll(List.of(args));
            return new ProcessBuilder(command).redirectErrorStream(true);
        }

        void terminate() throws InterruptedException {
            // SIGTERM through the handle: Process.destroy() would also close our end of the pipe.
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the PBX did not stop within 30 s of SIGTERM");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }
}
