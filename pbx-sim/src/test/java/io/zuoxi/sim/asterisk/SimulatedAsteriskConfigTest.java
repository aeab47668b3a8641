package io.zuoxi.sim.asterisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedAsteriskConfigTest {

    @Test
    void defaults() {
        SimulatedAsteriskConfig c = SimulatedAsteriskConfig.defaults("pw");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isZero();
        assertThat(c.username()).isEqualTo("zuoxi");
        assertThat(c.loginFailDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.defaultPhone()).isEqualTo(PhoneBehaviour.answerAfter(Duration.ofMillis(500)));
        assertThat(c.defaultOriginateTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.bridgeEndHangupDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.handoffEvent()).isEqualTo("ZuoxiCallWaiting");
        assertThat(c.channelVars()).containsExactly("ZUOXI_CALL_ID");
        assertThat(c.trunkName()).isEqualTo("trunk");
        assertThat(c.toString()).doesNotContain("pw");
    }

    @Test
    void parsesEveryKey() {
        SimulatedAsteriskConfig c = SimulatedAsteriskConfig.fromJson(new JsonObject().put("host", "0.0.0.0")
                .put("port", 5038).put("username", "cti").put("secret", "x").put("loginFailDelayMs", 1000)
                .put("defaultPhone", new JsonObject().put("mode", "answer").put("answerAfterMs", 10)
                        .put("hangupAfterMs", 2000))
                .put("defaultOriginateTimeoutMs", 15000).put("bridgeEndHangupDelayMs", 0)
                .put("handoffEvent", "CtiCallWaiting").put("channelVars", new JsonArray().add("A").add("B"))
                .put("trunkName", "carrier"));
        assertThat(c.port()).isEqualTo(5038);
        assertThat(c.defaultPhone()).isEqualTo(PhoneBehaviour.answerAndHangUp(Duration.ofMillis(10),
                Duration.ofMillis(2000)));
        assertThat(c.channelVars()).containsExactly("A", "B");
        assertThat(SimulatedAsteriskConfig.fromJson(new JsonObject().put("secret", "x")
                .put("defaultPhone", new JsonObject().put("mode", "BUSY"))).defaultPhone())
                .isEqualTo(PhoneBehaviour.busy());
    }

    @Test
    void badValuesNameTheKey() {
        Map<JsonObject, String> cases = new LinkedHashMap<>();
        cases.put(new JsonObject(), "secret");
        cases.put(new JsonObject().put("secret", "x").put("port", 70000), "port");
        cases.put(new JsonObject().put("secret", "x").put("port", "5038"), "port");
        cases.put(new JsonObject().put("secret", "x").put("loginFailDelayMs", -1), "loginFailDelayMs");
        cases.put(new JsonObject().put("secret", "x").put("defaultPhone", new JsonObject().put("mode", "MAYBE")),
                "defaultPhone.mode");
        cases.put(new JsonObject().put("secret", "x").put("defaultPhone", "ANSWER"), "defaultPhone");
        cases.put(new JsonObject().put("secret", "x").put("channelVars", "A"), "channelVars");
        cases.put(new JsonObject().put("secret", "x").put("trunkName", "PJSIP/x"), "trunkName");
        cases.put(new JsonObject().put("secret", "x").put("sekret", "y"), "sekret");
        cases.put(new JsonObject().put("secret", "x").put("username", " "), "username");
        cases.forEach((json, key) -> assertThatThrownBy(() -> SimulatedAsteriskConfig.fromJson(json))
                .as(json.encode()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key));
    }
}
