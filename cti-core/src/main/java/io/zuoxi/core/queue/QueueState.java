package io.zuoxi.core.queue;

import io.zuoxi.core.call.Call;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A queue's waiting calls (service order) and today's counters; mutated only by the engine's thread. */
public final class QueueState {

    /** Higher priority first, then the earliest hand-off; a call that was offered keeps its place. */
    public static final Comparator<Call> SERVICE_ORDER = Comparator.<Call>comparingInt(c -> -c.priority)
            .thenComparing(c -> c.enqueuedAt)
            .thenComparing(c -> c.callId);

    public QueueDefinition definition;
    private final List<Call> waiting = new ArrayList<>();
    public long answeredToday;
    public long abandonedToday;
    public long overflowedToday;
    private LocalDate day;

    public QueueState(QueueDefinition definition) {
        this.definition = definition;
    }

    public void add(Call call) {
        if (!waiting.contains(call)) {
            waiting.add(call);
            waiting.sort(SERVICE_ORDER);
        }
    }

    public boolean remove(Call call) {
        return waiting.remove(call);
    }

    public List<Call> waiting() {
        return List.copyOf(waiting);
    }

    /** Resets the daily counters when the engine clock crossed local midnight. */
    public void rollDay(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            answeredToday = 0;
            abandonedToday = 0;
            overflowedToday = 0;
        }
    }
}
