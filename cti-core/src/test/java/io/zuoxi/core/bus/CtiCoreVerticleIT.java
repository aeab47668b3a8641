package io.zuoxi.core.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentCommandResult;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verticle on a real Vert.x: PbxEvents in as JSON, a fake adapter answering PbxCommands. */
class CtiCoreVerticleIT {
    static final String PBX = "asterisk-sim";
    Vertx vertx;
    final List<PbxCommand> commands = new CopyOnWriteArrayList<>();
    final List<JsonObject> states = new CopyOnWriteArrayList<>();
    final List<JsonObject> offered = new CopyOnWriteArrayList<>();
    final List<JsonObject> ended = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        var bus = vertx.eventBus();
        bus.<JsonObject>consumer(Addresses.pbxCommands(PBX), m -> {
            commands.add(BusJson.decode(m.body(), PbxCommand.class));
            m.reply(BusJson.encode(CommandResult.success()));
        });
        bus.<JsonObject>consumer(Addresses.AGENT_STATE, m -> states.add(m.body()));
        bus.<JsonObject>consumer(Addresses.CALL_OFFERED, m -> offered.add(m.body()));
        bus.<JsonObject>consumer(Addresses.CALL_ENDED, m -> ended.add(m.body()));
        var config = CoreConfig.fromJson(new JsonObject().put("commandTimeoutMs", 500));
        vertx.deployVerticle(new CtiCoreVerticle(config)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    AgentCommandResult command(AgentCommand c) throws Exception {
        JsonObject reply = vertx.eventBus().<JsonObject>request(Addresses.AGENT_COMMAND, BusJson.encode(c))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        return BusJson.decode(reply, AgentCommandResult.class);
    }

    void publish(PbxEvent e) {
        vertx.eventBus().publish(Addresses.PBX_EVENTS, BusJson.encode(e));
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void handedOffCallIsOfferedBridgedAndRecorded() throws Exception {
        vertx.eventBus().request(Addresses.QUEUE_DEFINE, new JsonObject().put("queues", new JsonArray()
                .add(new JsonObject().put("name", "support").put("wrapUpSeconds", 0))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(command(new AgentCommand.Login("agent1", PBX, "PJSIP/1001", List.of("support"))).state())
                .isEqualTo(AgentState.NOT_READY);
        assertThat(command(new AgentCommand.Login("agent2", PBX, "PJSIP/1001", List.of("support"))).errorId())
                .isEqualTo("endpoint-in-use");
        assertThat(command(new AgentCommand.Ready("agent1")).state()).isEqualTo(AgentState.READY);
        publish(new PbxEvent.PbxSynced(PBX, Instant.now(), List.of()));
        publish(new PbxEvent.LegCreated(PBX, Instant.now(), "c1", "c1", "PJSIP/trunk-1", "PJSIP/trunk", "13800138000",
                "张伟", "4000", Map.of()));
        publish(new PbxEvent.CallHandedOff(PBX, Instant.now(), "c1", "c1", "support", 0, "13800138000", "张伟", "4000",
                Map.of("order", "42")));
        await("originate", () -> commands.stream().anyMatch(c -> c instanceof PbxCommand.OriginateLeg));
        var originate = (PbxCommand.OriginateLeg) commands.stream().filter(c -> c instanceof PbxCommand.OriginateLeg)
                .findFirst().orElseThrow();
        assertThat(originate.endpoint()).isEqualTo("PJSIP/1001");
        await("screen pop", () -> !offered.isEmpty());
        assertThat(offered.get(0).getString("callerNumber")).isEqualTo("13800138000");
        publish(new PbxEvent.LegCreated(PBX, Instant.now(), originate.legId(), originate.legId(), "PJSIP/1001-1",
                "PJSIP/1001", "", "", "", Map.of()));
        publish(new PbxEvent.LegAnswered(PBX, Instant.now(), originate.legId()));
        await("bridge", () -> commands.contains(new PbxCommand.BridgeLegs(PBX, "c1", originate.legId())));
        await("on call", () -> states.stream().anyMatch(s -> "ON_CALL".equals(s.getString("to"))));
        publish(new PbxEvent.LegHungUp(PBX, Instant.now(), "c1", 16, "Normal Clearing"));
        publish(new PbxEvent.LegHungUp(PBX, Instant.now(), originate.legId(), 16, "Normal Clearing"));
        await("call record", () -> !ended.isEmpty());
        assertThat(ended.get(0).getString("outcome")).isEqualTo("ANSWERED");
        assertThat(ended.get(0).getString("agentId")).isEqualTo("agent1");
        JsonObject snap = vertx.eventBus().<JsonObject>request(Addresses.CORE_SNAPSHOT, new JsonObject())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertThat(snap.getJsonArray("agents").getJsonObject(0).getString("state")).isEqualTo("READY");
    }

    @Test
    void badJsonIsRefusedAndNotFatal() throws Exception {
        vertx.eventBus().publish(Addresses.PBX_EVENTS, new JsonObject().put("type", "Nonsense"));
        var f = vertx.eventBus().request(Addresses.AGENT_COMMAND, new JsonObject().put("type", "Fly"))
                .toCompletionStage().toCompletableFuture();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ReplyException.class)
                .hasMessageContaining("bad AgentCommand");
        JsonObject snap = vertx.eventBus().<JsonObject>request(Addresses.CORE_SNAPSHOT, new JsonObject())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertThat(snap.getJsonObject("counters").getLong("badMessages")).isEqualTo(2L);
        assertThat(command(new AgentCommand.Ready("nobody")).errorId()).isEqualTo("not-logged-in");
    }

    @Test
    void noAdapterMeansPbxDisconnectedAndAgentStaysReady() throws Exception {
        command(new AgentCommand.Login("agent1", "freeswitch-sim", "user/1001", List.of("sales")));
        command(new AgentCommand.Ready("agent1"));
        publish(new PbxEvent.CallHandedOff("freeswitch-sim", Instant.now(), "f1", "f1", "sales", 0, "139", "李娜", "4000",
                Map.of()));
        await("offer fails back to READY", () -> states.stream().filter(s -> "RESERVED".equals(s.getString("from")))
                .anyMatch(s -> "READY".equals(s.getString("to"))));
    }
}
