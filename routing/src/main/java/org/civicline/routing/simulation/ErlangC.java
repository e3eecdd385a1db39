package org.civicline.routing.simulation;

/**
 * The Erlang C model of one queue (M/M/N: Poisson arrivals, exponential handle times, N agents, nobody hangs up).
 *
 * @param callsPerInterval arrivals per interval
 * @param intervalSeconds  the interval, e.g. 1800 for half an hour
 * @param handleSeconds    mean handle time
 * @param agents           N
 */
public record ErlangC(double callsPerInterval, double intervalSeconds, double handleSeconds, int agents) {

    public ErlangC {
        if (!(callsPerInterval > 0) || !(intervalSeconds > 0) || !(handleSeconds > 0) || agents < 1) {
            throw new IllegalArgumentException("Erlang C needs positive traffic, handle time and agents");
        }
        if (callsPerInterval * handleSeconds / intervalSeconds >= agents) {
            throw new IllegalArgumentException("the load (" + callsPerInterval * handleSeconds / intervalSeconds
                    + " Erlang) must stay below the number of agents (" + agents + "), or the queue grows forever");
        }
    }

    /** Offered load A in Erlang: arrival rate × handle time. */
    public double load() {
        return callsPerInterval * handleSeconds / intervalSeconds;
    }

    /**
     * The probability that a call waits, C(N, A) = N·B / (N − A·(1 − B)) with B the Erlang B blocking probability,
     * computed by the stable recurrence B(k) = A·B(k−1) / (k + A·B(k−1)).
     */
    public double probabilityOfWaiting() {
        double a = load();
        double b = 1;
        for (int k = 1; k <= agents; k++) {
            b = a * b / (k + a * b);
        }
        return agents * b / (agents - a * (1 - b));
    }

    /** Share answered within {@code targetSeconds}: 1 − C·e^{−(N − A)·t / h}. */
    public double serviceLevel(double targetSeconds) {
        return 1 - probabilityOfWaiting() * Math.exp(-(agents - load()) * targetSeconds / handleSeconds);
    }

    /** Average speed of answer in seconds: C·h / (N − A). */
    public double asaSeconds() {
        return probabilityOfWaiting() * handleSeconds / (agents - load());
    }

    /** A / N. */
    public double occupancy() {
        return load() / agents;
    }
}
