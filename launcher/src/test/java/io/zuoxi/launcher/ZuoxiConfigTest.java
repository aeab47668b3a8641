package io.zuoxi.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZuoxiConfigTest {

    private static JsonObject asterisk(String id) {
        return new JsonObject().put("id", id).put("kind", "asterisk").put("username", "zuoxi").put("secret", "x");
    }

    @Test
    void aNamedSimulatorStandsInForThatEntry() {
        ZuoxiConfig c = ZuoxiConfig.from(new JsonObject()
                .put("pbx", new JsonArray().add(asterisk("lab")).add(new JsonObject().put("id", "fs1")
                        .put("kind", "freeswitch").put("password", "p")))
                .put("simulator", new JsonObject().put("enabled", true).put("kind", "asterisk").put("pbx", "lab")));
        assertThat(c.simulator().serves()).isEqualTo("lab");
        assertThat(c.pbxs()).extracting(ZuoxiConfig.Pbx::id).containsExactly("lab", "fs1");
        assertThat(c.pbxs().get(0).settings().containsKey("kind")).as("kind is the launcher's, not the adapter's")
                .isFalse();
    }

    @Test
    void anUnnamedSimulatorAddsItsOwnEntryOnlyWhenNoPbxIsListed() {
        ZuoxiConfig c = ZuoxiConfig.from(new JsonObject()
                .put("simulator", new JsonObject().put("enabled", true).put("kind", "freeswitch")));
        assertThat(c.pbxs()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("freeswitch-sim");
            assertThat(p.settings().getString("id")).isEqualTo("freeswitch-sim");
        });
        assertThat(c.simulator().kind().devicePrefix()).isEqualTo("user/");
        assertThat(c.demoTraffic().agentEndpoints()).as("demo phones of the simulator's kind")
                .containsExactly("user/1001", "user/1002", "user/1003", "user/1004");
        assertThat(c.demoTrafficEnabled()).isTrue();
        assertThatThrownBy(() -> ZuoxiConfig.from(new JsonObject().put("pbx", new JsonArray().add(asterisk("real")))
                .put("simulator", new JsonObject().put("enabled", true))))
                .hasMessageContaining("simulator.enabled: false");
    }

    @Test
    void mistakesNameTheKey() {
        Map<JsonObject, String> cases = new LinkedHashMap<>();
        cases.put(new JsonObject(), "pbx");
        cases.put(new JsonObject().put("pbx", new JsonObject()), "pbx");
        cases.put(new JsonObject().put("pbxs", new JsonArray()), "pbxs");
        cases.put(new JsonObject().put("pbx", new JsonArray().add("asterisk")), "pbx[0]");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(new JsonObject().put("kind", "asterisk"))),
                "pbx[0].id");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(new JsonObject().put("id", "a b")
                .put("kind", "asterisk"))), "pbx[0].id");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a")).add(asterisk("a"))), "duplicate");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a").put("kind", "3cx"))), "pbx[0].kind");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a")))
                .put("simulator", new JsonObject().put("enabled", "yes")), "simulator.enabled");
        cases.put(new JsonObject().put("simulator", new JsonObject().put("enabled", true).put("kind", "yate")),
                "simulator.kind");
        cases.put(new JsonObject().put("simulator", new JsonObject().put("enabled", true).put("knid", "asterisk")),
                "knid");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a")))
                .put("simulator", new JsonObject().put("enabled", true).put("pbx", "b")), "simulator.pbx");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a")))
                .put("simulator", new JsonObject().put("enabled", true).put("kind", "freeswitch").put("pbx", "a")),
                "cannot serve");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a"))).put("web", "on"), "web");
        // every section is parsed by its owner before anything starts
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a").put("sercet", "x"))), "sercet");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(new JsonObject().put("id", "fs").put("kind",
                "freeswitch"))), "password");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a"))).put("core",
                new JsonObject().put("commandTimeout", 5)), "commandTimeout");
        cases.put(new JsonObject().put("pbx", new JsonArray().add(asterisk("a"))).put("web",
                new JsonObject().put("http", new JsonObject().put("port", -1))), "http.port");
        cases.put(new JsonObject().put("simulator", new JsonObject().put("enabled", true)
                .put("asterisk", new JsonObject().put("trunk", "x"))), "simulator: unknown key 'trunk'");
        cases.put(new JsonObject().put("simulator", new JsonObject().put("enabled", true).put("kind", "freeswitch")
                .put("traffic", new JsonObject().put("callsPerMinute", -1))), "traffic.callsPerMinute");
        cases.forEach((json, key) -> assertThatThrownBy(() -> ZuoxiConfig.from(json)).as(json.encode())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key));
    }
}
