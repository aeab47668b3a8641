package io.zuoxi.core.clock;

import java.time.Duration;

/** Schedules work on the engine's own thread; injected so engines are tested with a fake timer. */
public interface TimerPort {

    Handle schedule(Duration delay, Runnable task);

    /** A scheduled task; cancelling a fired or cancelled task does nothing. */
    interface Handle {
        void cancel();
    }
}
