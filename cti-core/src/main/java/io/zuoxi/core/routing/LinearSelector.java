package io.zuoxi.core.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** 顺序: the agent who logged in first, whatever their idle time. */
public final class LinearSelector implements AgentSelector {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Optional<Candidate> select(List<Candidate> candidates, Instant now) {
        return candidates.stream()
                .min(Comparator.comparing(Candidate::loggedInAt).thenComparing(Candidate::agentId));
    }
}
