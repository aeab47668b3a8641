package io.zuoxi.core.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A manual clock and a fake timer in one: {@link #advance} moves time and runs what fell due, in order. */
public final class ManualTime extends Clock implements TimerPort {

    private Instant now;
    private long seq;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Handle {
        final Instant due;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(Instant due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
            tasks.remove(this);
        }
    }

    public ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public Handle schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return t;
    }

    public void advance(Duration d) {
        Instant target = now.plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due.isAfter(target))
                    .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.run.run();
        }
        now = target;
    }

    public void advanceSeconds(long s) {
        advance(Duration.ofSeconds(s));
    }

    public int pendingTimers() {
        return tasks.size();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
