package io.zuoxi.core.routing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LongestIdleSelectorTest {
    final Instant t0 = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void picksEarliestReadySinceRegardlessOfLoginOrder() {
        var s = new LongestIdleSelector();
        var pick = s.select(List.of(
                new AgentSelector.Candidate("a1", t0.plusSeconds(30), t0),
                new AgentSelector.Candidate("a2", t0.plusSeconds(5), t0.plusSeconds(1)),
                new AgentSelector.Candidate("a3", t0.plusSeconds(20), t0.plusSeconds(2))), t0.plusSeconds(60));
        assertThat(pick).get().extracting(AgentSelector.Candidate::agentId).isEqualTo("a2");
    }

    @Test
    void tieBrokenByAgentIdAndEmptyGivesNothing() {
        var s = new LongestIdleSelector();
        assertThat(s.select(List.of(new AgentSelector.Candidate("b", t0, t0), new AgentSelector.Candidate("a", t0, t0)), t0))
                .get().extracting(AgentSelector.Candidate::agentId).isEqualTo("a");
        assertThat(s.select(List.of(), t0)).isEmpty();
        assertThat(AgentSelector.byName("longest-idle").name()).isEqualTo("longest-idle");
    }
}
