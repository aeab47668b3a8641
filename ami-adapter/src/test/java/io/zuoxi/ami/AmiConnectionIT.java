package io.zuoxi.ami;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.connection.AmiConnection;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection life against the fake AMI server: login failures, pending actions, reconnect + resync, bad input. */
class AmiConnectionIT {

    static final String SECRET = "cti-secret";
    static Vertx vertx;
    FakeAmiServer server;
    int port;

    static String channel(String name, String uniqueid, String context, int state, String bridgeId) {
        return "Channel: " + name + "\r\nChannelState: " + state + "\r\nChannelStateDesc: x\r\nCallerIDNum: 13800138000\r\n"
                + "CallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\n"
                + "AccountCode: \r\nContext: " + context + "\r\nExten: s\r\nPriority: 3\r\nUniqueid: " + uniqueid
                + "\r\nLinkedid: " + uniqueid + "\r\nApplication: MusicOnHold\r\nApplicationData: default\r\n"
                + "Duration: 00:00:12\r\nBridgeId: " + bridgeId;
    }

    @BeforeAll
    static void up() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void down() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeAmiServer(vertx, SECRET);
        port = server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    AmiHarness connected(JsonObject cfg) {
        AmiHarness h = new AmiHarness(vertx).start(AmiConfig.fromJson(cfg), () -> { });
        AmiHarness.await("synced", () -> !h.of(PbxEvent.PbxSynced.class).isEmpty());
        return h;
    }

    @Test
    void wrongSecretReportsAuthFailedKeepsRetryingAndNeverCrashes() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(AmiConnection.class)).addAppender(log);
        try (AmiHarness h = new AmiHarness(vertx).start(AmiConfig.fromJson(AmiHarness.config(port, "wrong")), () -> { })) {
            AmiHarness.await("two refused logins", () -> server.failedLogins >= 2);
            AmiHarness.await("auth-failed", () -> "auth-failed".equals(h.status().getString("state")));
            assertThat(h.events).isEmpty();
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .containsIgnoringCase("authentication failed").contains("'cti'").contains("check username")
                    .doesNotContain("wrong"));
            assertThat(h.status().getString("lastLoginError")).isEqualTo("Authentication failed");
            assertThat(h.status().encode()).doesNotContain("wrong").doesNotContain("secret");
            assertThat(h.execute(new PbxCommand.ResyncLegs("ast-test")).join().errorId()).isEqualTo("pbx-disconnected");
        } finally {
            ((Logger) LoggerFactory.getLogger(AmiConnection.class)).detachAppender(log);
        }
    }

    @Test
    void aLoginAlreadyInUseSaysSoInsteadOfBlamingTheSecret() {
        server.failure = FakeAmiServer.Failure.LOGIN_IN_USE;
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(AmiConnection.class)).addAppender(log);
        try (AmiHarness h = new AmiHarness(vertx).start(AmiConfig.fromJson(AmiHarness.config(port, SECRET)), () -> { })) {
            AmiHarness.await("refused", () -> "auth-failed".equals(h.status().getString("state")));
            assertThat(h.status().getString("lastLoginError")).isEqualTo("Login Already In Use");
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Login Already In Use")
                    .contains("allowmultiplelogin").doesNotContain("check username"));
        } finally {
            ((Logger) LoggerFactory.getLogger(AmiConnection.class)).detachAppender(log);
        }
    }

    @Test
    void originateGoesOnTheWireWithChannelIdAndAgentContext() {
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET))) {
            CommandResult r = h.execute(new PbxCommand.OriginateLeg("ast-test", "leg-42", "PJSIP/1001", "13800138000",
                    "张伟", Duration.ofSeconds(20), Map.of("ZUOXI_CALL_ID", "call-7"))).join();
            assertThat(r.ok()).isTrue();
            Map<String, String> a = server.actions("Originate").get(0);
            assertThat(a).containsEntry("Channel", "PJSIP/1001").containsEntry("ChannelId", "leg-42")
                    .containsEntry("Context", "zuoxi-agent").containsEntry("Exten", "s").containsEntry("Priority", "1")
                    .containsEntry("Timeout", "20000").containsEntry("Async", "true")
                    .containsEntry("CallerID", "\"张伟\" <13800138000>").containsEntry("Variable", "ZUOXI_CALL_ID=call-7");
            assertThat(a.get("ActionID")).endsWith("#zuoxi-orig-leg-42");
        }
    }

    @Test
    void bridgeHangupSetvarUseChannelNamesAndUnknownLegsAreRefused() {
        server.channels = List.of(
                channel("PJSIP/1001-00000003", "1700000000.3", "zuoxi-agent", 6, ""),
                channel("PJSIP/trunk-00000001", "1700000000.1", "zuoxi-handoff", 6, ""));
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET))) {
            assertThat(h.execute(new PbxCommand.BridgeLegs("ast-test", "1700000000.1", "1700000000.3")).join().ok()).isTrue();
            // the include's marker first, on the caller: when the bridge ends the caller is hung up, not sent
            // to the fallback
            List<String> wire = server.received.stream().map(a -> a.get("Action").toLowerCase())
                    .filter(a -> a.equals("setvar") || a.equals("bridge")).toList();
            assertThat(wire).containsExactly("setvar", "bridge");
            assertThat(server.actions("Setvar").get(0)).containsEntry("Channel", "PJSIP/trunk-00000001")
                    .containsEntry("Variable", "ZUOXI_AGENT_LEG").containsEntry("Value", "1700000000.3");
            assertThat(server.actions("Bridge").get(0)).containsEntry("Channel1", "PJSIP/trunk-00000001")
                    .containsEntry("Channel2", "PJSIP/1001-00000003")// asterisk-java writes Boolean false as "false"; Asterisk reads Tone with ast_true(), so no tone
                    .containsEntry("Tone", "false");
            assertThat(h.execute(new PbxCommand.HangupLeg("ast-test", "1700000000.3", 17)).join().ok()).isTrue();
            assertThat(server.actions("Hangup").get(0)).containsEntry("Channel", "PJSIP/1001-00000003")
                    .containsEntry("Cause", "17");
            // the bridge partner's hang-up took the channel down first: not a failure, a stable id
            server.goneChannels = java.util.Set.of("PJSIP/1001-00000003");
            CommandResult gone = h.execute(new PbxCommand.HangupLeg("ast-test", "1700000000.3", 16)).join();
            assertThat(gone.errorId()).isEqualTo("no-such-leg");
            assertThat(h.execute(new PbxCommand.SetLegVariable("ast-test", "1700000000.1", "ZUOXI_X", "1")).join().ok())
                    .isTrue();
            assertThat(server.actions("Setvar").get(1)).containsEntry("Channel", "PJSIP/trunk-00000001")
                    .containsEntry("Variable", "ZUOXI_X").containsEntry("Value", "1");
            // a Bridge the PBX refuses clears the marker again, so the caller still reaches the fallback
            server.unbridgeable = java.util.Set.of("PJSIP/1001-00000003");
            CommandResult refused = h.execute(new PbxCommand.BridgeLegs("ast-test", "1700000000.1", "1700000000.3")).join();
            assertThat(refused.errorId()).isEqualTo("pbx-rejected");
            assertThat(server.actions("Setvar").get(3)).containsEntry("Variable", "ZUOXI_AGENT_LEG")
                    .containsEntry("Value", "");
            CommandResult bad = h.execute(new PbxCommand.BridgeLegs("ast-test", "1700000000.1", "nope")).join();
            assertThat(bad.ok()).isFalse();
            assertThat(bad.errorId()).isEqualTo("no-such-leg");
            assertThat(server.actions("Bridge")).as("the unknown leg never reached the wire").hasSize(2);
        }
    }

    @Test
    void aCallerTalkingWhenZuoxiRestartedIsNotRequeued() {
        server.vars = Map.of("ZUOXI_STATE", "waiting", "ZUOXI_QUEUE", "support");
        server.channels = List.of(channel("PJSIP/trunk-00000001", "1700000000.1", "zuoxi-handoff", 6, "b-7"),
                channel("PJSIP/trunk-00000002", "1700000000.2", "zuoxi-handoff", 6, ""));
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET))) {
            List<PbxEvent.LegSnapshot> legs = h.of(PbxEvent.PbxSynced.class).get(0).legs();
            assertThat(legs.get(0).handoff()).as("in a bridge: talking, ZUOXI_STATE stays waiting").isNull();
            assertThat(legs.get(1).handoff()).as("a caller really waiting").isNotNull();
            // between Zuoxi's Setvar of the marker and the Bridge, or a bridge the list missed
            server.vars = Map.of("ZUOXI_STATE", "waiting", "ZUOXI_QUEUE", "support", "ZUOXI_AGENT_LEG", "zx-1");
            h.execute(new PbxCommand.ResyncLegs("ast-test")).join();
            AmiHarness.await("second sync", () -> h.of(PbxEvent.PbxSynced.class).size() == 2);
            assertThat(h.of(PbxEvent.PbxSynced.class).get(1).legs()).allSatisfy(l -> assertThat(l.handoff()).isNull());
        }
    }

    @Test
    void heartbeatIsAGlobalSetvarOfEpochSecondsRefreshedWhileConnected() {
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET).put("heartbeatSeconds", 1))) {
            AmiHarness.await("two heartbeats", () -> server.actions("Setvar").size() >= 2);
            Map<String, String> beat = server.actions("Setvar").get(0);
            assertThat(beat).containsEntry("Variable", "ZUOXI_HEARTBEAT").doesNotContainKey("Channel");
            assertThat(Long.parseLong(beat.get("Value"))).isCloseTo(java.time.Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(5L));
            assertThat(h.status().getJsonObject("counters").getLong("heartbeats")).isGreaterThanOrEqualTo(1L);
        }
    }

    @Test
    void actionWithoutResponseTimesOutAndOverflowIsRefused() {
        server.silent = a -> a.equals("originate");
        JsonObject cfg = AmiHarness.config(port, SECRET).put("actionTimeoutMs", 300).put("maxPendingActions", 2);
        try (AmiHarness h = connected(cfg)) {
            CompletableFuture<CommandResult> a = h.execute(originate("a"));
            CompletableFuture<CommandResult> b = h.execute(originate("b"));
            CommandResult c = h.execute(originate("c")).join();
            assertThat(c.errorId()).isEqualTo("pbx-overloaded");
            assertThat(a.join().errorId()).isEqualTo("pbx-timeout");
            assertThat(b.join().errorId()).isEqualTo("pbx-timeout");
            assertThat(h.status().getJsonObject("counters").getLong("commandsTimedOut")).isEqualTo(2L);
        }
    }

    static PbxCommand.OriginateLeg originate(String leg) {
        return new PbxCommand.OriginateLeg("ast-test", leg, "PJSIP/1001", "1", "n", Duration.ofSeconds(5), Map.of());
    }

    @Test
    void disconnectFailsAllPendingAtOnceThenReconnectsAndResyncsWithoutVanishedLeg() throws Exception {
        server.silent = a -> a.equals("originate");
        server.vars = Map.of("ZUOXI_STATE", "waiting", "ZUOXI_QUEUE", "sales", "ZUOXI_PRIORITY", "5",
                "ZUOXI_DATA", "order%3Did=42&name=%E5%BC%A0%E4%BC%9F", "ZUOXI_WAIT_START", "1700000000");
        server.channels = List.of(
                channel("PJSIP/trunk-00000001", "1700000000.1", "zuoxi-handoff", 6, ""),
                channel("PJSIP/1002-00000002", "1700000000.2", "zuoxi-agent", 6, "b-1"));
        JsonObject cfg = AmiHarness.config(port, SECRET).put("actionTimeoutMs", 30000);
        try (AmiHarness h = connected(cfg)) {
            PbxEvent.PbxSynced first = h.of(PbxEvent.PbxSynced.class).get(0);
            assertThat(first.legs()).extracting(PbxEvent.LegSnapshot::legId).containsExactly("1700000000.1", "1700000000.2");
            PbxEvent.LegSnapshot waiting = first.legs().get(0);
            assertThat(waiting.endpoint()).isEqualTo("PJSIP/trunk");
            assertThat(waiting.callerName()).isNull();
            assertThat(waiting.handoff()).isEqualTo(new PbxEvent.Handoff("sales", 5, Map.of("order=id", "42", "name", "张伟"),
                    java.time.Instant.ofEpochSecond(1700000000), null));
            assertThat(first.legs().get(1).bridgeId()).isEqualTo("b-1");
            assertThat(first.legs().get(1).handoff()).isNull();

            List<CompletableFuture<CommandResult>> pending = List.of(h.execute(originate("x")), h.execute(originate("y")),
                    h.execute(originate("z")));
            AmiHarness.await("originates on the wire", () -> server.actions("Originate").size() == 3);
            server.channels = List.of(channel("PJSIP/trunk-00000001", "1700000000.1", "zuoxi-handoff", 6, ""));
            // meanwhile its maximum wait ran out: it is in the fallback part of zuoxi-handoff, not waiting
            server.vars = Map.of("ZUOXI_STATE", "fallback", "ZUOXI_QUEUE", "sales");
            long t0 = System.nanoTime();
            server.dropClients();
            for (CompletableFuture<CommandResult> p : pending) {
                assertThat(p.get(5, TimeUnit.SECONDS).errorId()).isEqualTo("pbx-disconnected");
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
            AmiHarness.await("second sync", () -> h.of(PbxEvent.PbxSynced.class).size() == 2);
            assertThat(h.of(PbxEvent.PbxDisconnected.class)).hasSize(1);
            assertThat(h.of(PbxEvent.PbxConnected.class)).hasSize(2);
            List<PbxEvent> kinds = h.events.stream().filter(e -> !(e instanceof PbxEvent.LegHungUp)).toList();
            assertThat(kinds).extracting(e -> e.getClass().getSimpleName()).containsExactly("PbxConnected", "PbxSynced",
                    "PbxDisconnected", "PbxConnected", "PbxSynced");
            assertThat(h.of(PbxEvent.PbxSynced.class).get(1).legs()).extracting(PbxEvent.LegSnapshot::legId)
                    .containsExactly("1700000000.1");
            assertThat(h.of(PbxEvent.PbxSynced.class).get(1).legs().get(0).handoff())
                    .as("a caller in the fallback is not re-queued").isNull();
            JsonObject counters = h.status().getJsonObject("counters");
            assertThat(counters.getLong("reconnects")).isEqualTo(1L);
            assertThat(counters.getLong("resyncs")).isEqualTo(2L);
            assertThat(h.status().getString("state")).isEqualTo("connected");
            // the vanished leg is no longer addressable
            assertThat(h.execute(new PbxCommand.HangupLeg("ast-test", "1700000000.2", 16)).join().errorId())
                    .isEqualTo("no-such-leg");
        }
    }

    @Test
    void junkLinesAreSurvivedAndAFrameCutMidWayThenDisconnectLeadsToReconnect() {
        server.replay = FakeAmiServer.eventFrames(FakeAmiServer.fixture("02b-inbound-holding-originate-agent-and-bridge"));
        server.failure = FakeAmiServer.Failure.GARBAGE_BEFORE_REPLAY;
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET).put("handoffEvent", "CtiCallWaiting"))) {
            AmiHarness.await("sentinel", () -> h.callEvents().contains("LegHungUp sentinel 16 Normal Clearing"));
            assertThat(h.of(PbxEvent.CallHandedOff.class)).hasSize(1);
            assertThat(h.of(PbxEvent.LegCreated.class)).hasSize(4);
        }
        server.failure = FakeAmiServer.Failure.CLOSE_MID_FRAME;
        try (AmiHarness h = connected(AmiHarness.config(port, SECRET))) {
            AmiHarness.await("disconnect", () -> !h.of(PbxEvent.PbxDisconnected.class).isEmpty());
            // the cut frame (a Newchannel for PJSIP/1001-0000...) never becomes an event
            assertThat(h.of(PbxEvent.LegCreated.class)).noneMatch(e -> e.channel().startsWith("PJSIP/1001"));
            server.failure = FakeAmiServer.Failure.NONE;
            server.replay = new byte[0];
            AmiHarness.await("reconnected and resynced", () -> h.of(PbxEvent.PbxSynced.class).size() >= 2);
        }
    }
}
