package org.civicline.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.civicline.server.load.LoadCommand;
import org.civicline.server.load.LoadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code civicline [run] [--config DIR]}: starts one node and runs until SIGTERM or Ctrl-C.
 * The config folder is {@code --config}, else {@code CIVICLINE_CONFIG_DIR}, else {@code ./config}.
 * {@code civicline load …} drives a running deployment ({@link LoadCommand}); {@code civicline load-config …} writes a
 * config folder for one ({@link LoadConfig}).
 */
public final class CivicLineMain {
    private static final Logger LOG = LoggerFactory.getLogger(CivicLineMain.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final String USAGE = "usage: civicline [run] [--config DIR] | civicline load [--help] | "
            + "civicline load-config [--help]";

    private CivicLineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("load")) {
            LoadCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("load-config")) {
            LoadConfig.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Path configDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run" -> { }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        exit("--config needs a folder");
                    }
                    configDir = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> exit("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        if (configDir == null) {
            String fromEnv = System.getenv("CIVICLINE_CONFIG_DIR");
            configDir = Path.of(fromEnv != null ? fromEnv : "config");
        }
        if (!Files.isDirectory(configDir)) {
            exit("config folder " + configDir.toAbsolutePath() + " not found (use --config DIR)");
        }

        CivicLine node;
        try {
            AppConfig config = AppConfig.load(configDir, System.getenv());
            node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ConfigException e) {
            exit(e.getMessage());
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException config) {
                exit(config.getMessage());
            }
            LOG.error("CivicLine could not start", cause);
            exit("CivicLine could not start: " + cause.getMessage());
            return;
        } catch (Exception e) {
            LOG.error("CivicLine could not start", e);
            exit("CivicLine could not start: " + e.getMessage());
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping node {}", node.nodeId());
            try {
                node.stop().toCompletionStage().toCompletableFuture().get(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("clean stop did not finish: {}", e.toString());
            }
            stopped.countDown();
        }, "civicline-shutdown"));
        System.out.println("CivicLine is running at http://localhost:" + node.httpPort() + "/  (node "
                + node.nodeId() + "; Ctrl-C to stop)");
        stopped.await();
    }

    private static void exit(String message) {
        System.err.println("civicline: " + message);
        System.exit(2);
    }
}
