package org.civicline.telephony.sandbox;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox PBX as a process of its own, so that several CivicLine nodes ({@code telephony.pbx: asterisk}) log in
 * to one PBX as they would to an Asterisk, and a test can stop, cut or restart it apart from the nodes:
 *
 * <pre>
 * java -cp civicline.jar org.civicline.telephony.sandbox.SandboxPbxMain --port 5038 --username civicline --secret s
 * </pre>
 *
 * It prints {@code sandbox PBX listening on HOST:PORT} once it accepts logins and stops cleanly on SIGTERM. Inbound
 * test calls come in over AMI like on a real Asterisk ({@link InboundTestCall}); {@code --demo-call-every SECONDS}
 * also places the demo residents' calls.
 */
public final class SandboxPbxMain {
    static final String USAGE = "usage: SandboxPbxMain [--host 127.0.0.1] [--port 5038 (0: any free port)]"
            + " [--username civicline] [--secret civicline] [--demo-call-every SECONDS]";

    private SandboxPbxMain() {
    }

    /** The command line, checked: each problem names the option. */
    record Options(String host, int port, String username, String secret, int demoCallEverySeconds) {

        static Options parse(String... args) {
            String host = "127.0.0.1";
            int port = 5038;
            String username = "civicline";
            String secret = "civicline";
            int demo = 0;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    throw new IllegalArgumentException(USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value; " + USAGE);
                }
                String value = args[++i];
                switch (option) {
                    case "--host" -> host = value;
                    case "--port" -> port = number(option, value, 0, 65535);
                    case "--username" -> username = value;
                    case "--secret" -> secret = value;
                    case "--demo-call-every" -> demo = number(option, value, 0, 86_400);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'; " + USAGE);
                }
            }
            if (username.isBlank() || secret.isBlank()) {
                throw new IllegalArgumentException("--username and --secret must not be empty");
            }
            return new Options(host, port, username, secret, demo);
        }

        private static int number(String option, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // Answered below, naming the option.
            }
            throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", got '"
                    + value + "'");
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox PBX: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        SandboxPbx pbx = new SandboxPbx(vertx, new SandboxPbx.Settings(options.host(), options.port(),
                options.username(), options.secret()), Clock.systemUTC());
        int port;
        try {
            port = pbx.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("sandbox PBX: cannot listen on " + options.host() + ":" + options.port() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        DemoCaller demo = options.demoCallEverySeconds() > 0
                ? new DemoCaller(vertx, pbx, options.demoCallEverySeconds()) : null;
        if (demo != null) {
            demo.start();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demo != null) {
                demo.stop();
            }
            try {
                pbx.stop().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                System.out.println("sandbox PBX stopped");
            } catch (Exception e) {
                System.err.println("sandbox PBX: clean stop did not finish: " + e);
            }
            stopped.countDown();
        }, "sandbox-pbx-shutdown"));
        System.out.println("sandbox PBX listening on " + options.host() + ":" + port + " (AMI user "
                + options.username() + ")");
        stopped.await();
    }
}
