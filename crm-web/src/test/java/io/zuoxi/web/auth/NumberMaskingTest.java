package io.zuoxi.web.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberMaskingTest {

    private final Principal agent = new Principal(1, "demo", "agent1", "Agent 1", Role.AGENT, "1001", false);
    private final Principal boss = new Principal(2, "demo", "sup", "Sup", Role.SUPERVISOR, null, true);

    @Test
    void masksMiddleDigitsForViewersWithoutPermission() {
        assertThat(NumberMasking.apply(agent, "13800138000")).isEqualTo("138****8000");
        assertThat(NumberMasking.apply(agent, "02155550101")).isEqualTo("021****0101");
        assertThat(NumberMasking.apply(agent, "5551234")).isEqualTo("5551234".substring(0, 3) + "*" + "1234");
    }

    @Test
    void revealsForPermittedViewersAndKeepsExtensions() {
        assertThat(NumberMasking.apply(boss, "13800138000")).isEqualTo("13800138000");
        assertThat(NumberMasking.apply(agent, "1001")).isEqualTo("1001");
        assertThat(NumberMasking.apply(agent, null)).isNull();
        assertThat(NumberMasking.apply(null, "13800138000")).isEqualTo("138****8000");
    }
}
