package io.zuoxi.ami;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verticle's bus wiring: events published as BusJson, commands request/reply, status, bad JSON. */
class AmiAdapterVerticleIT {

    @Test
    void busWiring() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeAmiServer server = new FakeAmiServer(vertx, "s3cret");
        server.replay = FakeAmiServer.eventFrames(FakeAmiServer.fixture("02b-inbound-holding-originate-agent-and-bridge"));
        int port = server.start();
        try {
            List<PbxEvent> events = new CopyOnWriteArrayList<>();
            vertx.eventBus().<JsonObject>consumer(Addresses.PBX_EVENTS, m -> events.add(BusJson.decode(m.body(), PbxEvent.class)));
            AmiConfig cfg = AmiConfig.fromJson(AmiHarness.config(port, "s3cret").put("id", "ast-1")
                    .put("handoffEvent", "CtiCallWaiting"));
            vertx.deployVerticle(new AmiAdapterVerticle(cfg)).toCompletionStage().toCompletableFuture().join();
            AmiHarness.await("handoff on the bus", () -> events.stream().anyMatch(e -> e instanceof PbxEvent.CallHandedOff));
            assertThat(events.get(0)).isInstanceOf(PbxEvent.PbxConnected.class);
            assertThat(events).allMatch(e -> e.pbx().equals("ast-1"));

            JsonObject reply = request(vertx, Addresses.pbxCommands("ast-1"), BusJson.encode(new PbxCommand.OriginateLeg(
                    "ast-1", "leg-1", "PJSIP/1001", "13800138000", "张伟", Duration.ofSeconds(15), Map.of())));
            assertThat(BusJson.decode(reply, CommandResult.class).ok()).isTrue();
            CommandResult bad = BusJson.decode(request(vertx, Addresses.pbxCommands("ast-1"),
                    new JsonObject().put("type", "Teleport")), CommandResult.class);
            assertThat(bad.errorId()).isEqualTo("bad-command");

            JsonObject status = request(vertx, Addresses.pbxStatus("ast-1"), new JsonObject());
            assertThat(status.getString("state")).isEqualTo("connected");
            assertThat(status.getString("asteriskVersion")).isNotBlank();
            assertThat(status.getJsonObject("counters").getLong("commandsSent")).isEqualTo(1L);
            assertThat(status.encode()).doesNotContain("s3cret");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    static JsonObject request(Vertx vertx, String address, JsonObject body) {
        return vertx.eventBus().<JsonObject>request(address, body).toCompletionStage().toCompletableFuture().join().body();
    }

    @Test
    void configValidationNamesTheKey() {
        assertThatThrownBy(() -> AmiConfig.fromJson(new JsonObject().put("id", "a").put("username", "u")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'secret'");
        assertThatThrownBy(() -> AmiConfig.fromJson(new JsonObject().put("username", "u").put("secret", "s")))
                .hasMessageContaining("'id'");
        AmiConfig d = AmiConfig.fromJson(new JsonObject().put("id", "a").put("username", "u").put("secret", "s"));
        assertThat(d).extracting(AmiConfig::host, AmiConfig::port, AmiConfig::handoffEvent, AmiConfig::agentContext,
                AmiConfig::handoffContext, AmiConfig::defaultQueue).containsExactly("127.0.0.1", 5038, "ZuoxiCallWaiting",
                "zuoxi-agent", "zuoxi-handoff", "support");
        assertThat(d.toString()).doesNotContain("s]").doesNotContain("secret");
        assertThatThrownBy(() -> AmiConfig.fromJson(new JsonObject().put("id", "a").put("username", "u")
                .put("secret", "s").put("sercet", "s"))).hasMessageContaining("unknown key 'sercet'")
                .hasMessageContaining("AMI config a");
        assertThatThrownBy(() -> AmiConfig.fromJson(new JsonObject().put("id", "a").put("username", "u")
                .put("secret", "s").put("port", "5038x"))).hasMessage("AMI config a: port must be a whole number, was \"5038x\"");
        assertThatThrownBy(() -> AmiConfig.fromJson(new JsonObject().put("id", "a").put("username", "u")
                .put("secret", "s").put("port", 5038.5))).hasMessageContaining("port must be a whole number");
    }
}
