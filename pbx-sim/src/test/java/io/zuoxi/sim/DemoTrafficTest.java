package io.zuoxi.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.SimulatedPbx.InboundCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTrafficTest {

    @Test
    void defaultsAreDocumented() {
        DemoTrafficConfig c = DemoTrafficConfig.defaults();
        assertThat(c.callsPerMinute()).isEqualTo(6);
        assertThat(c.queueWeights()).containsExactly(Map.entry("support", 3), Map.entry("sales", 1));
        assertThat(c.agentEndpoints()).containsExactly("PJSIP/1001", "PJSIP/1002", "PJSIP/1003", "PJSIP/1004");
        assertThat(c.answerMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.answerMax()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.patienceMin()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.dialedNumber()).isEqualTo("4001");
    }

    @Test
    void badConfigNamesTheKey() {
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("callsPerMinut", 3)))
                .hasMessageContaining("callsPerMinut");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("callsPerMinute", -1)))
                .hasMessageContaining("callsPerMinute");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("queues", new JsonObject())))
                .hasMessageContaining("queues");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("queues",
                new JsonObject().put("support", 0)))).hasMessageContaining("queues");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("talkMinMs", 5000)
                .put("talkMaxMs", 1000))).hasMessageContaining("talkMaxMs");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("agentEndpoints",
                new JsonArray().add("1001")))).hasMessageContaining("agentEndpoints");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("knownCallerShare", 2)))
                .hasMessageContaining("knownCallerShare");
        assertThatThrownBy(() -> DemoTrafficConfig.fromJson(new JsonObject().put("patienceMinMs", "10s")))
                .hasMessageContaining("patienceMinMs");
    }

    @Test
    void queuesAreChosenByWeight() {
        Random r = new Random(7);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        weights.put("support", 3);
        weights.put("sales", 1);
        weights.put("never", 0);
        for (int i = 0; i < 4000; i++) {
            counts.merge(DemoTraffic.pickQueue(r, weights), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("never");
        assertThat(counts.get("support")).isBetween(2800, 3200);
        assertThat(counts.get("sales")).isBetween(800, 1200);
    }

    @Test
    void gapsAverageTheConfiguredRate() {
        Random r = new Random(11);
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            long gap = DemoTraffic.nextGapMs(r, 6);
            assertThat(gap).isNotNegative();
            sum += gap;
        }
        assertThat(sum / 10_000.0).isBetween(9_500.0, 10_500.0);
    }

    @Test
    void callsMixDemoCustomersAndRandomNumbersWithAttachedData() {
        DemoTrafficConfig c = DemoTrafficConfig.fromJson(new JsonObject().put("seed", 42));
        Random r = new Random(42);
        int known = 0;
        int vip = 0;
        for (int i = 0; i < 1000; i++) {
            InboundCall call = DemoTraffic.nextCall(r, c);
            assertThat(call.queue()).isIn("support", "sales");
            assertThat(call.dialedNumber()).isEqualTo("4001");
            assertThat(call.callerNumber()).matches("\\d{10,11}");
            assertThat(call.attachedData()).containsKeys("lang", "ivr");
            assertThat(call.attachedData().get("lang")).isIn("zh", "en");
            if (DemoTraffic.CUSTOMERS.stream().anyMatch(x -> x.number().equals(call.callerNumber()))) {
                known++;
                if (call.callerNumber().equals("13800138000")) {
                    vip++;
                    assertThat(call.priority()).isPositive();
                    assertThat(call.callerName()).isEqualTo("张伟");
                }
            } else {
                assertThat(call.priority()).isZero();
            }
        }
        assertThat(known).isBetween(400, 600);
        assertThat(vip).isPositive();
    }

    @Test
    void betweenStaysInRange() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(DemoTraffic.between(r, Duration.ofMillis(1000), Duration.ofMillis(3000))).isBetween(1000L, 3000L);
        }
        assertThat(DemoTraffic.between(r, Duration.ofMillis(5), Duration.ofMillis(5))).isEqualTo(5);
    }
}
