package io.zuoxi.core.routing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinearSelectorTest {
    final Instant t0 = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void picksFirstLoggedInEvenIfLessIdle() {
        var pick = AgentSelector.byName("linear").select(List.of(
                new AgentSelector.Candidate("a2", t0, t0.plusSeconds(10)),
                new AgentSelector.Candidate("a1", t0.plusSeconds(50), t0)), t0.plusSeconds(60));
        assertThat(pick).get().extracting(AgentSelector.Candidate::agentId).isEqualTo("a1");
    }
}
