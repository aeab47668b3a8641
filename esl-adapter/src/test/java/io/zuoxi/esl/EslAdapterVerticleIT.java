package io.zuoxi.esl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import io.zuoxi.sim.freeswitch.SimulatedFreeswitch;
import io.zuoxi.sim.freeswitch.SimulatedFreeswitchConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole adapter over real TCP against the simulated FreeSWITCH. */
class EslAdapterVerticleIT {

    private static final String PBX = "freeswitch-sim";

    private Vertx vertx;
    private SimulatedFreeswitch sim;
    private final List<PbxEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        sim = new SimulatedFreeswitch(vertx, SimulatedFreeswitchConfig.defaults("s3cret-Test"));
        await(sim.start());
        vertx.eventBus().<JsonObject>consumer(Addresses.PBX_EVENTS,
                m -> events.add(BusJson.decode(m.body(), PbxEvent.class)));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    private void deploy(String password) throws Exception {
        EslConfig config = EslConfig.fromJson(new JsonObject().put("id", PBX).put("port", sim.port())
                .put("password", password).put("reconnectMinMs", 50).put("reconnectMaxMs", 300)
                .put("requestTimeoutMs", 2000));
        await(vertx.deployVerticle(new EslAdapterVerticle(config)));
    }

    @Test
    void theHeartbeatIsAGlobalVariableOfEpochSecondsTheIncludeReads() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> sim.global("zuoxi_heartbeat") != null);
        assertThat(Long.parseLong(sim.global("zuoxi_heartbeat")))
                .isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(status().getJsonObject("counters").getLong("heartbeats")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void inboundCallIsHandedOffRangBridgedAndEndsWhenTheAgentHangsUp() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> has(PbxEvent.PbxSynced.class, e -> true));
        JsonObject status = status();
        assertThat(status.getString("state")).isEqualTo("connected");
        assertThat(status.getString("pbx")).isEqualTo(PBX);
        assertThat(status.getString("freeswitchVersion")).contains("1.10.12");
        assertThat(status.encode()).doesNotContain("s3cret-Test");
        assertThat(events.get(0)).isInstanceOf(PbxEvent.PbxConnected.class);

        String caller = sim.placeInboundCall(new SimulatedPbx.InboundCall("13800138000", "张伟", "4008", "sales", 7,
                Map.of("order", "42", "vip", "是")));
        PbxEvent.CallHandedOff handoff = first(PbxEvent.CallHandedOff.class, e -> true);
        assertThat(handoff.legId()).isEqualTo(caller);
        assertThat(handoff.queue()).isEqualTo("sales");
        assertThat(handoff.priority()).isEqualTo(7);
        assertThat(handoff.callerName()).isEqualTo("张伟");
        assertThat(handoff.attachedData()).isEqualTo(Map.of("order", "42", "vip", "是"));

        CommandResult originate = command(new PbxCommand.OriginateLeg(PBX, "agent-leg-1", "user/1001", "13800138000",
                "张伟", Duration.ofSeconds(10), Map.of("zuoxi_call_id", "call-1")));
        assertThat(originate.ok()).as(originate.toString()).isTrue();
        PbxEvent.LegCreated agentLeg = first(PbxEvent.LegCreated.class, e -> e.legId().equals("agent-leg-1"));
        assertThat(agentLeg.endpoint()).isEqualTo("user/1001");
        assertThat(agentLeg.variables()).containsEntry("zuoxi_call_id", "call-1");
        first(PbxEvent.LegRinging.class, e -> e.legId().equals("agent-leg-1"));
        first(PbxEvent.LegAnswered.class, e -> e.legId().equals("agent-leg-1"));

        assertThat(command(new PbxCommand.BridgeLegs(PBX, caller, "agent-leg-1")).ok()).isTrue();
        first(PbxEvent.LegBridged.class, e -> e.legId().equals("agent-leg-1") && e.bridgeId().equals(caller));
        assertThat(sim.bridgedWith(caller)).isEqualTo("agent-leg-1");

        assertThat(sim.hangup("agent-leg-1")).isTrue();
        PbxEvent.LegHungUp callerGone = first(PbxEvent.LegHungUp.class, e -> e.legId().equals(caller));
        assertThat(callerGone.cause()).isEqualTo(16);
        assertThat(has(PbxEvent.LegUnbridged.class, e -> e.legId().equals(caller))).isTrue();
        assertThat(sim.liveLegs()).isEmpty();
    }

    @Test
    void originateOutcomesBecomeOriginateFailed() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> has(PbxEvent.PbxSynced.class, e -> true));
        sim.setPhone("user/1002", PhoneBehaviour.busy());
        sim.setPhone("user/1003", PhoneBehaviour.noAnswer());
        sim.setPhone("user/1004", PhoneBehaviour.unreachable());

        for (String[] c : new String[][] {{"l2", "user/1002"}, {"l3", "user/1003"}, {"l4", "user/1004"}}) {
            assertThat(command(new PbxCommand.OriginateLeg(PBX, c[0], c[1], "1", "x", Duration.ofSeconds(1),
                    Map.of())).ok()).isTrue();
        }

        assertThat(first(PbxEvent.OriginateFailed.class, e -> e.legId().equals("l2")).outcome())
                .isEqualTo(PbxEvent.OriginateOutcome.BUSY);
        assertThat(first(PbxEvent.OriginateFailed.class, e -> e.legId().equals("l3")).outcome())
                .isEqualTo(PbxEvent.OriginateOutcome.NO_ANSWER);
        assertThat(first(PbxEvent.OriginateFailed.class, e -> e.legId().equals("l4")).outcome())
                .isEqualTo(PbxEvent.OriginateOutcome.FAILED);
        assertThat(first(PbxEvent.LegHungUp.class, e -> e.legId().equals("l3")).cause()).isEqualTo(19);
    }

    @Test
    void badCommandsGetStableErrorIds() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> has(PbxEvent.PbxSynced.class, e -> true));
        // uuid_kill of a leg that is gone ("-ERR No such channel!"): the stable id the core treats as done
        assertThat(command(new PbxCommand.HangupLeg(PBX, "no-such-leg", 16)).errorId()).isEqualTo("no-such-leg");
        assertThat(command(new PbxCommand.BridgeLegs(PBX, "gone-a", "gone-b")).errorId()).isEqualTo("pbx-rejected");
        assertThat(command(new PbxCommand.BridgeLegs(PBX, "a\napi fsctl shutdown", "b")).errorId())
                .isEqualTo("bad-command");
        assertThat(command(new PbxCommand.BridgeLegs("other-pbx", "a", "b")).errorId()).isEqualTo("no-such-pbx");
        JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.pbxCommands(PBX),
                new JsonObject().put("type", "NoSuchCommand"))).body();
        assertThat(reply.getString("errorId")).isEqualTo("bad-command");
        assertThat(status().getJsonObject("counters").getLong("commandsFailed")).isEqualTo(1);
    }

    @Test
    void reconnectAfterDropResyncsAndRequeuesTheWaitingCaller() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> has(PbxEvent.PbxSynced.class, e -> true));
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String caller = sim.placeInboundCall(new SimulatedPbx.InboundCall("02155550101", "Shanghai Trading Co.",
                "4008", "support", 3, Map.of("ivr", "2", "order", "A&B=1")));
        PbxEvent.CallHandedOff handedOff = first(PbxEvent.CallHandedOff.class, e -> e.legId().equals(caller));
        assertThat(handedOff.calledNumber()).isEqualTo("4008");
        assertThat(handedOff.attachedData()).containsEntry("order", "A&B=1");
        events.clear();

        sim.dropConnections();

        first(PbxEvent.PbxDisconnected.class, e -> true);
        PbxEvent.PbxSynced synced = first(PbxEvent.PbxSynced.class, e -> true);
        assertThat(synced.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.legId()).isEqualTo(caller);
            assertThat(leg.state()).isEqualTo(PbxEvent.LegState.UP);
            assertThat(leg.callerNumber()).isEqualTo("02155550101");
            assertThat(leg.handoff()).isEqualTo(new PbxEvent.Handoff("support", 3, Map.of("ivr", "2", "order", "A&B=1"),
                    leg.handoff().waitingSince(), "4008"));
            assertThat(leg.handoff().waitingSince()).as("the hand-off time the PBX kept")
                    .isBetween(before, java.time.Instant.now());
        });
        assertThat(command(new PbxCommand.ResyncLegs(PBX)).message()).isEqualTo("1 legs");
    }

    @Test
    void garbageFromThePbxClosesAndReconnects() throws Exception {
        deploy("s3cret-Test");
        waitFor(() -> has(PbxEvent.PbxSynced.class, e -> true));
        events.clear();

        sim.injectRaw("\u0000\u00ff garbage without colon\n\n");

        first(PbxEvent.PbxDisconnected.class, e -> e.reason().contains("malformed"));
        first(PbxEvent.PbxSynced.class, e -> true);
        assertThat(status().getJsonObject("counters").getLong("decodeFailures")).isEqualTo(1);
        assertThat(status().getString("state")).isEqualTo("connected");
    }

    @Test
    void wrongPasswordReportsAuthFailedAndKeepsRetrying() throws Exception {
        deploy("wrong-password");
        waitFor(() -> {
            try {
                return status().getString("state").equals("auth-failed");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(sim.loggedInClients()).isZero();
        assertThat(events).noneMatch(e -> e instanceof PbxEvent.PbxConnected);
        assertThat(command(new PbxCommand.HangupLeg(PBX, "x", 16)).errorId()).isEqualTo("pbx-disconnected");
    }

    private JsonObject status() throws Exception {
        return await(vertx.eventBus().<JsonObject>request(Addresses.pbxStatus(PBX), null)).body();
    }

    private CommandResult command(PbxCommand command) throws Exception {
        JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.pbxCommands(PBX),
                BusJson.encode(command))).body();
        return BusJson.decode(reply, CommandResult.class);
    }

    private <T extends PbxEvent> boolean has(Class<T> type, Predicate<T> p) {
        return events.stream().filter(type::isInstance).map(type::cast).anyMatch(p);
    }

    private <T extends PbxEvent> T first(Class<T> type, Predicate<T> p) throws InterruptedException {
        waitFor(() -> has(type, p));
        return events.stream().filter(type::isInstance).map(type::cast).filter(p).findFirst().orElseThrow();
    }

    private void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s; events: " + events);
            }
            Thread.sleep(10);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
