package org.civicline.server.load;

import java.util.concurrent.TimeUnit;

/**
 * {@code civicline load …}: drives a running deployment and prints the report. Exit status 0 when every acknowledged
 * contact was found in the store, 1 when any was lost, 2 for a usage error, 3 when the run could not be carried out.
 */
public final class LoadCommand {
    private LoadCommand() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.BadOption e) {
            System.err.println("civicline load: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        quietLibraries();
        LoadReport report;
        try {
            report = new LoadRun(options, System.out).run().toCompletionStage().toCompletableFuture()
                    .get(options.durationSeconds() + options.warmupSeconds() + 4L * options.capacitySeconds()
                            + options.bareWarmupSeconds() + options.drainSeconds() + 300L, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            System.err.println("civicline load: the run stopped: " + cause.getMessage());
            System.exit(3);
            return;
        }
        System.out.println();
        System.out.print(ReportTable.render(report));
        System.exit(report.lost() != null && report.lost().anyLost() ? 1 : 0);
    }

    /** The progress lines and the table are the output; libraries' chatter (AMI warm-up notes) is not. */
    private static void quietLibraries() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            logback.getLogger("org.asteriskjava").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
