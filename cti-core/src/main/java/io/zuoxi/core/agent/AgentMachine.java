package io.zuoxi.core.agent;

import static io.zuoxi.core.agent.AgentState.*;

/**
 * The agent state machine as a pure function: (state, pending not-ready reason, input) → transition.
 * No clock, no side effects; the engine applies the result. Table: {@code docs/state-machines.md}.
 */
public final class AgentMachine {

    private AgentMachine() {
    }

    /** What the engine must do besides changing the state. */
    public enum Effect { NONE, START_WRAP_UP_TIMER, END_WRAP_UP }

    /**
     * @param accepted      false when the input is illegal in {@code from}; then nothing changes
     * @param to            the new state
     * @param reason        not-ready reason when {@code to} is NOT_READY
     * @param pendingReason the not-ready reason remembered for after the call / wrap-up, or null
     * @param wrapUpSeconds for START_WRAP_UP_TIMER: seconds, or -1 for "until EndWrapUp"
     */
    public record Transition(boolean accepted, AgentState from, AgentState to, String reason, String pendingReason,
                             Effect effect, int wrapUpSeconds) {
        static Transition rejected(AgentState from, String reason, String pending) {
            return new Transition(false, from, from, reason, pending, Effect.NONE, 0);
        }

        /** True when the state (or the not-ready reason) changes, so an AgentStateChanged is due. */
        public boolean changesState() {
            return accepted && to != from;
        }
    }

    public static Transition apply(AgentState from, String reason, String pending, AgentInput input) {
        Transition reject = Transition.rejected(from, reason, pending);
        if (input instanceof AgentInput.Login) {
            return from == LOGGED_OUT ? to(from, NOT_READY, "login", null) : reject;
        }
        if (input instanceof AgentInput.Ready) {
            return switch (from) {
                case NOT_READY, READY -> to(from, READY, null, null);
                case WRAP_UP -> new Transition(true, from, READY, null, null, Effect.END_WRAP_UP, 0);
                // asking to be ready during a call cancels a pending not-ready
                case RESERVED, ON_CALL -> new Transition(true, from, from, reason, null, Effect.NONE, 0);
                case LOGGED_OUT -> reject;
            };
        }
        if (input instanceof AgentInput.NotReady n) {
            return switch (from) {
                case READY, NOT_READY -> to(from, NOT_READY, n.reason(), null);
                case RESERVED, ON_CALL, WRAP_UP -> new Transition(true, from, from, reason, n.reason(), Effect.NONE, 0);
                case LOGGED_OUT -> reject;
            };
        }
        if (input instanceof AgentInput.EndWrapUp) {
            return from == WRAP_UP ? afterWork(from, pending, Effect.END_WRAP_UP) : reject;
        }
        if (input instanceof AgentInput.Logout) {
            return switch (from) {
                case READY, NOT_READY -> to(from, LOGGED_OUT, null, null);
                case WRAP_UP -> new Transition(true, from, LOGGED_OUT, null, null, Effect.END_WRAP_UP, 0);
                case RESERVED, ON_CALL, LOGGED_OUT -> reject;
            };
        }
        if (input instanceof AgentInput.Offered) {
            return from == READY ? to(from, RESERVED, null, pending) : reject;
        }
        if (input instanceof AgentInput.OfferAnswered) {
            return from == RESERVED ? to(from, ON_CALL, null, pending) : reject;
        }
        if (input instanceof AgentInput.OfferFailed f) {
            if (from != RESERVED) {
                return reject;
            }
            return switch (f.failure()) {
                case NO_ANSWER -> to(from, NOT_READY, "no-answer", null);
                case DEVICE_UNAVAILABLE -> to(from, NOT_READY, "device-unavailable", null);
                case PBX_PROBLEM -> afterWork(from, pending, Effect.NONE);
            };
        }
        if (input instanceof AgentInput.CallEnded c) {
            if (from != ON_CALL) {
                return reject;
            }
            if (c.wrapUpSeconds() == 0) {
                return afterWork(from, pending, Effect.NONE);
            }
            return new Transition(true, from, WRAP_UP, null, pending, Effect.START_WRAP_UP_TIMER, c.wrapUpSeconds());
        }
        if (input instanceof AgentInput.WrapUpExpired) {
            return from == WRAP_UP ? afterWork(from, pending, Effect.END_WRAP_UP) : reject;
        }
        return reject;
    }

    private static Transition to(AgentState from, AgentState to, String reason, String pending) {
        return new Transition(true, from, to, reason, pending, Effect.NONE, 0);
    }

    private static Transition afterWork(AgentState from, String pending, Effect effect) {
        return pending != null
                ? new Transition(true, from, NOT_READY, pending, null, effect, 0)
                : new Transition(true, from, READY, null, null, effect, 0);
    }
}
