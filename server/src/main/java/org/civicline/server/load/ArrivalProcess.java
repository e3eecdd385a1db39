package org.civicline.server.load;

/** When the next contact arrives: successive arrival times in nanoseconds from the start of the run. */
public interface ArrivalProcess {

    /** The next arrival, never earlier than the one before. */
    long nextArrivalNanos();
}
