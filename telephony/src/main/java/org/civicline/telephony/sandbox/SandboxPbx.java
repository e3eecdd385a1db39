package org.civicline.telephony.sandbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small PBX that speaks the real AMI wire protocol over TCP and simulates channels running the sample dialplan
 * ({@code config/asterisk/extensions.conf}). Asterisk-Java connects to it unmodified. It serves the integration
 * tests, the embedded default of {@code ./run.sh} and agent training. Everything runs on one Vert.x context; the
 * public methods may be called from any thread.
 */
public final class SandboxPbx {
    static final String AMI_VERSION = "11.0.0";
    static final String ASTERISK_VERSION = "22.10.1";

    /** Where it listens and whom it lets in. Port 0 picks a free port. */
    public record Settings(String host, int port, String username, String secret) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final Clock clock;
    private final long startedMillis;
    private final List<AmiSession> sessions = new ArrayList<>();
    private final Map<String, SimChannel> channels = new LinkedHashMap<>();
    private final AtomicLong eventsSent = new AtomicLong();
    private final List<Consumer<AmiPacket>> taps = new CopyOnWriteArrayList<>();
    private final Dialplan dialplan = new Dialplan(this);
    private final SandboxActions actions = new SandboxActions(this);
    private long channelSeq;
    private long uniqueSeq;
    private long bridgeSeq;
    private Context context;
    private NetServer server;

    public SandboxPbx(Vertx vertx, Settings settings, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.startedMillis = clock.millis();
    }

    /** Starts listening; the future carries the port. */
    public Future<Integer> start() {
        context = vertx.getOrCreateContext();
        return onContext(() -> vertx.createNetServer(new NetServerOptions().setHost(settings.host())
                        .setPort(settings.port()).setTcpNoDelay(true))
                .connectHandler(socket -> sessions.add(new AmiSession(this, socket)))
                .listen())
                .compose(f -> f)
                .map(s -> {
                    server = s;
                    return s.actualPort();
                });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : onContext(() -> {
            new ArrayList<>(sessions).forEach(AmiSession::close);
            return server.close();
        }).compose(f -> f);
    }

    public int port() {
        return server.actualPort();
    }

    /** As {@code ivrDigit}: the resident keeps listening to the menu; {@link #pressDigit} answers it later. */
    public static final String LISTENS = "listens";

    /**
     * A resident calls {@code line} from {@code callerNumber} (null: withheld) and, when the menu asks, presses
     * {@code ivrDigit} (null: lets it time out; {@link #LISTENS}: has not pressed yet).
     */
    public Future<SandboxCall> call(String callerNumber, String line, String ivrDigit) {
        return onContext(() -> {
            SimChannel ch = dialplan.inboundCall(callerNumber, line, ivrDigit);
            return new SandboxCall(ch.name, ch.uniqueId, ch.linkedId);
        });
    }

    /** The resident hangs up. */
    public Future<Boolean> hangUp(String channelName) {
        return onContext(() -> {
            SimChannel ch = channels.get(channelName);
            if (ch == null) {
                return false;
            }
            dialplan.remoteHangup(ch);
            return true;
        });
    }

    /** The resident on the call with this Uniqueid hangs up. */
    public Future<Boolean> hangUpCall(String uniqueId) {
        return onContext(() -> {
            for (SimChannel ch : List.copyOf(channels.values())) {
                if (ch.uniqueId.equals(uniqueId)) {
                    dialplan.remoteHangup(ch);
                    return true;
                }
            }
            return false;
        });
    }

    /** The resident presses a key while waiting. */
    public Future<Boolean> pressDigit(String channelName, String digit) {
        return onContext(() -> {
            SimChannel ch = channels.get(channelName);
            if (ch != null) {
                dialplan.press(ch, digit);
            }
            return ch != null;
        });
    }

    /** The agent's phone at {@code extension} hangs up whatever call it is on. */
    public Future<Boolean> agentHangsUp(String extension) {
        return onContext(() -> {
            for (SimChannel ch : List.copyOf(channels.values())) {
                if (ch.name.startsWith("PJSIP/" + extension + "-")) {
                    dialplan.remoteHangup(ch);
                    return true;
                }
            }
            return false;
        });
    }

    /** Cuts every AMI connection from the server side, as a network failure or an Asterisk restart would. */
    public Future<Integer> dropClients() {
        return onContext(() -> {
            List<AmiSession> all = new ArrayList<>(sessions);
            all.forEach(AmiSession::close);
            return all.size();
        });
    }

    /** Names of the channels alive now. */
    public Future<List<String>> liveChannels() {
        return onContext(() -> List.copyOf(channels.keySet()));
    }

    /** AMI events written to clients since start (one event to two clients counts two). */
    public long eventsSent() {
        return eventsSent.get();
    }

    // ---- for the session, the actions and the dialplan (all on the PBX context) ----

    SandboxActions actions() {
        return actions;
    }

    Dialplan dialplan() {
        return dialplan;
    }

    Vertx vertx() {
        return vertx;
    }

    boolean accepts(String username, String secret, String authType, String key, String challenge) {
        if (username == null || !username.equals(settings.username())) {
            return false;
        }
        if ("md5".equalsIgnoreCase(authType)) {
            return challenge != null && key != null
                    && key.equalsIgnoreCase(AmiSession.md5Hex(challenge + settings.secret()));
        }
        return settings.secret().equals(secret);
    }

    void sessionClosed(AmiSession session) {
        sessions.remove(session);
    }

    long uptimeSeconds() {
        return (clock.millis() - startedMillis) / 1000;
    }

    long nowMillis() {
        return clock.millis();
    }

    String timestamp() {
        long micros = clock.instant().toEpochMilli() * 1000 + (clock.instant().getNano() / 1000) % 1000;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** Sees every event the PBX emits (for training views and tests); called on the PBX context, must not block. */
    public void tap(Consumer<AmiPacket> listener) {
        taps.add(listener);
    }

    /** Sends an event to every logged-in client, as Asterisk does for the call and dialplan classes. */
    void emit(AmiPacket event) {
        taps.forEach(t -> t.accept(event));
        String text = null;
        Buffer wire = null;
        for (AmiSession s : sessions) {
            if (s.receivesEvents()) {
                if (text == null) {
                    text = event.toWire();
                }
                if (!s.passes(text)) {
                    continue;
                }
                if (wire == null) {
                    wire = Buffer.buffer(text);
                }
                s.send(wire);
                eventsSent.incrementAndGet();
            }
        }
    }

    SimChannel newChannel(String tech, String peerName, int state, String context, String exten, String linkedId) {
        String name = tech + "/" + peerName + "-" + String.format("%08x", channelSeq++);
        String uniqueId = (startedMillis / 1000) + "." + uniqueSeq++;
        SimChannel ch = new SimChannel(name, uniqueId, linkedId == null ? uniqueId : linkedId, nowMillis(), state,
                context, exten);
        channels.put(name, ch);
        return ch;
    }

    /** A Local channel pair {@code Local/exten@context-XXXXXXXX;1} and {@code ;2}, as Asterisk creates for Originate. */
    SimChannel[] newLocalPair(String exten, String context) {
        String base = "Local/" + exten + "@" + context + "-" + String.format("%08x", channelSeq++);
        String one = (startedMillis / 1000) + "." + uniqueSeq++;
        String two = (startedMillis / 1000) + "." + uniqueSeq++;
        SimChannel first = new SimChannel(base + ";1", one, one, nowMillis(), 0, context, exten);
        SimChannel second = new SimChannel(base + ";2", two, one, nowMillis(), 4, context, exten);
        first.localPartner = second;
        second.localPartner = first;
        channels.put(first.name, first);
        channels.put(second.name, second);
        return new SimChannel[] {first, second};
    }

    void removeChannel(SimChannel ch) {
        channels.remove(ch.name);
    }

    SimChannel channel(String name) {
        return name == null ? null : channels.get(name);
    }

    Collection<SimChannel> channels() {
        return channels.values();
    }

    String nextBridgeId() {
        return String.format("a1b2c3d4-0000-4000-8000-%012x", bridgeSeq++);
    }

    private <T> Future<T> onContext(Callable<T> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                promise.complete(work.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
