package org.civicline.server.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.EventsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Calls into the hotline placed over AMI, as test calls are placed on a real Asterisk: an asynchronous Originate of
 * {@code Local/12345@from-pstn} whose other half waits ({@code Wait}) and then hangs up, so the resident holds for
 * {@code holdSeconds} unless an agent takes the call first. The acknowledgement is the PBX's {@code Success}.
 */
final class CallPlacer implements Submitter, AutoCloseable {
    private final ManagerConnection ami;
    private final int holdSeconds;
    /** Writing an action is a blocking socket write: never on an event loop. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "load-ami-writer");
        t.setDaemon(true);
        return t;
    });

    private CallPlacer(ManagerConnection ami, int holdSeconds) {
        this.ami = ami;
        this.holdSeconds = holdSeconds;
    }

    /** Logs in (blocking, on a worker thread). */
    static Future<CallPlacer> connect(Vertx vertx, String host, int port, String user, String secret, int holdSeconds) {
        return vertx.executeBlocking(() -> {
            ManagerConnection connection = new ManagerConnectionFactory(host, port, user, secret)
                    .createManagerConnection();
            try {
                connection.login();
                // The tool only places calls: every call's events (a dozen each) would cost the PBX and the tool.
                connection.sendAction(new EventsAction("off"));
            } catch (Exception e) {
                throw new LoadOptions.BadOption("cannot log in to AMI at " + host + ":" + port + " as " + user + ": "
                        + e.getMessage());
            }
            return new CallPlacer(connection, holdSeconds);
        });
    }

    @Override
    public LoadChannel channel() {
        return LoadChannel.CALL;
    }

    /** {@code sender} is the caller's number. */
    @Override
    public Future<String> submit(String sender, long sequence) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/12345@from-pstn");
        originate.setApplication("Wait");
        originate.setData(Integer.toString(holdSeconds));
        originate.setCallerId("\"压测来电\" <" + sender + ">");
        originate.setAsync(true);
        Promise<String> acknowledged = Promise.promise();
        writer.execute(() -> {
            try {
                ami.sendAction(originate, (ManagerResponse response) -> {
                    if (response != null && "Success".equalsIgnoreCase(response.getResponse())) {
                        acknowledged.tryComplete(null);
                    } else {
                        acknowledged.tryFail(new LoadFailure("ami " + (response == null ? "no answer"
                                : response.getResponse()), response == null ? null : response.getMessage()));
                    }
                });
            } catch (Exception e) {
                acknowledged.tryFail(new LoadFailure("ami unreachable", e.getMessage()));
            }
        });
        return acknowledged.future();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            ami.logoff();
        } catch (RuntimeException e) {
            // Leaving anyway.
        }
    }
}
