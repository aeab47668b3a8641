package io.zuoxi.core.agent;

import java.time.Instant;
import java.util.List;

/** One logged-in (or once logged-in) agent as the engine sees it; mutated only by the engine's thread. */
public final class Agent {
    public final String agentId;
    public String pbx;
    public String endpoint;
    public List<String> queues = List.of();
    public AgentState state = AgentState.LOGGED_OUT;
    public Instant since;
    public String reason;
    public String pendingReason;
    public String callId;
    public Instant readySince;
    public Instant loggedInAt;
    /** The call whose wrap-up is running and when it started. */
    public String wrapCallId;
    public Instant wrapStartedAt;

    public Agent(String agentId) {
        this.agentId = agentId;
    }
}
