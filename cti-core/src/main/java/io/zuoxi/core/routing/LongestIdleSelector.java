package io.zuoxi.core.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** 闲置最久优先: the agent READY for the longest time; ties by agent id so the choice is repeatable. */
public final class LongestIdleSelector implements AgentSelector {

    @Override
    public String name() {
        return "longest-idle";
    }

    @Override
    public Optional<Candidate> select(List<Candidate> candidates, Instant now) {
        return candidates.stream()
                .min(Comparator.comparing(Candidate::readySince).thenComparing(Candidate::agentId));
    }
}
