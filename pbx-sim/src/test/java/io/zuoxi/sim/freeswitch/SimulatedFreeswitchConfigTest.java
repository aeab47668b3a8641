package io.zuoxi.sim.freeswitch;

import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedFreeswitchConfigTest {

    @Test
    void defaults() {
        SimulatedFreeswitchConfig c = SimulatedFreeswitchConfig.defaults("pw");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isZero();
        assertThat(c.handoffSubclass()).isEqualTo("zuoxi::call_waiting");
        assertThat(c.defaultPhone()).isEqualTo(PhoneBehaviour.answerAfter(Duration.ofMillis(500)));
        assertThat(c.defaultOriginateTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.toString()).doesNotContain("pw");
    }

    @Test
    void parsesEveryKey() {
        SimulatedFreeswitchConfig c = SimulatedFreeswitchConfig.fromJson(new JsonObject().put("host", "0.0.0.0")
                .put("port", 8021).put("password", "ClueCon-not").put("handoffSubclass", "cti::waiting")
                .put("defaultPhone", new JsonObject().put("mode", "answer").put("answerAfterMs", 10)
                        .put("hangupAfterMs", 2000))
                .put("defaultOriginateTimeoutMs", 15000));
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8021);
        assertThat(c.password()).isEqualTo("ClueCon-not");
        assertThat(c.handoffSubclass()).isEqualTo("cti::waiting");
        assertThat(c.defaultPhone()).isEqualTo(PhoneBehaviour.answerAndHangUp(Duration.ofMillis(10),
                Duration.ofMillis(2000)));
        assertThat(c.defaultOriginateTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(SimulatedFreeswitchConfig.fromJson(new JsonObject().put("password", "x")
                .put("defaultPhone", new JsonObject().put("mode", "NO_ANSWER"))).defaultPhone())
                .isEqualTo(PhoneBehaviour.noAnswer());
    }

    @Test
    void badValuesNameTheKey() {
        Map<JsonObject, String> cases = new LinkedHashMap<>();
        cases.put(new JsonObject(), "password");
        cases.put(new JsonObject().put("password", "two words"), "password");
        cases.put(new JsonObject().put("password", "x").put("port", -1), "port");
        cases.put(new JsonObject().put("password", "x").put("port", 1.5), "port");
        cases.put(new JsonObject().put("password", "x").put("host", 127), "host");
        cases.put(new JsonObject().put("password", "x").put("handoffSubclass", "a b"), "handoffSubclass");
        cases.put(new JsonObject().put("password", "x").put("defaultPhone", new JsonObject().put("mode", "MAYBE")),
                "defaultPhone.mode");
        cases.put(new JsonObject().put("password", "x").put("defaultPhone", new JsonObject().put("ringMs", 1)),
                "defaultPhone");
        cases.put(new JsonObject().put("password", "x").put("defaultPhone", new JsonObject()
                .put("answerAfterMs", -5)), "defaultPhone.answerAfterMs");
        cases.put(new JsonObject().put("password", "x").put("defaultOriginateTimeoutMs", "60s"),
                "defaultOriginateTimeoutMs");
        cases.put(new JsonObject().put("password", "x").put("secret", "y"), "secret");
        cases.forEach((json, key) -> assertThatThrownBy(() -> SimulatedFreeswitchConfig.fromJson(json))
                .as(json.encode()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key));
    }
}
