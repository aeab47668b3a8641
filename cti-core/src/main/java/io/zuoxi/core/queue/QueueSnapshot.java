package io.zuoxi.core.queue;

import java.time.Instant;
import java.util.List;

/**
 * The live picture of one queue, published on {@code zuoxi.queue.updated} whenever it changes.
 *
 * @param longestWaitSeconds wait of the oldest waiting call at {@code at}
 * @param answeredToday      calls answered since local midnight (engine clock)
 * @param abandonedToday     calls abandoned since local midnight
 * @param overflowedToday    calls the dialplan took back for its fallback since local midnight
 */
public record QueueSnapshot(String queue, Instant at, List<WaitingCall> waiting, long longestWaitSeconds,
                            int agentsReady, int agentsBusy, int agentsLoggedIn,
                            long answeredToday, long abandonedToday, long overflowedToday) {
    public QueueSnapshot {
        waiting = List.copyOf(waiting);
    }

    /** A caller waiting in the queue, in service order. {@code offeredTo} is the agent being rung, or null. */
    public record WaitingCall(String callId, String callerNumber, String callerName, int priority,
                              Instant enqueuedAt, String offeredTo) {}
}
