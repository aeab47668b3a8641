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
        // never lengthen a number, and never leave a short local number readable in full
        assertThat(NumberMasking.apply(agent, "5551234")).isEqualTo("55***34");
        assertThat(NumberMasking.apply(agent, "55512345")).isEqualTo("555***45");
        assertThat(NumberMasking.apply(agent, "555123456")).isEqualTo("555***456");
        assertThat(NumberMasking.apply(agent, "4930123456")).isEqualTo("493***3456");
    }

    @Test
    void revealsForPermittedViewersAndKeepsExtensions() {
        assertThat(NumberMasking.apply(boss, "13800138000")).isEqualTo("13800138000");
        assertThat(NumberMasking.apply(agent, "1001")).isEqualTo("1001");
        assertThat(NumberMasking.apply(agent, null)).isNull();
        assertThat(NumberMasking.apply(null, "13800138000")).isEqualTo("138****8000");
    }
}
