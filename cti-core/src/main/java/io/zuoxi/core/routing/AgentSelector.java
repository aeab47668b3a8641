package io.zuoxi.core.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A pure agent-selection strategy (分配策略), chosen by name in the queue definition. */
public interface AgentSelector {

    /** A READY agent that may take the call. */
    record Candidate(String agentId, Instant readySince, Instant loggedInAt) {}

    String name();

    Optional<Candidate> select(List<Candidate> candidates, Instant now);

    /** Looks a strategy up by name; unknown names fall back to longest-idle. */
    static AgentSelector byName(String name) {
        if ("linear".equals(name)) {
            return new LinearSelector();
        }
        return new LongestIdleSelector();
    }
}
