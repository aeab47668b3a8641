package io.zuoxi.core.agent;

/** What can happen to an agent; fed to {@link AgentMachine#apply}. */
public sealed interface AgentInput {
    record Login() implements AgentInput {}
    record Ready() implements AgentInput {}
    record NotReady(String reason) implements AgentInput {}
    record EndWrapUp() implements AgentInput {}
    record Logout() implements AgentInput {}
    record Offered(String callId) implements AgentInput {}
    record OfferAnswered() implements AgentInput {}
    record OfferFailed(OfferFailure failure) implements AgentInput {}
    /** @param wrapUpSeconds the queue's wrap-up: 0 none, -1 until EndWrapUp */
    record CallEnded(int wrapUpSeconds) implements AgentInput {}
    record WrapUpExpired() implements AgentInput {}

    /** Why an offer did not become a call; decides whose fault it was. */
    enum OfferFailure {
        /** Rang out: the agent's fault, NOT_READY("no-answer"). */
        NO_ANSWER,
        /** Busy / unreachable device: NOT_READY("device-unavailable"). */
        DEVICE_UNAVAILABLE,
        /** PBX down or the caller left: not the agent's fault, back to READY. */
        PBX_PROBLEM
    }

    /** Short name for counters and logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
