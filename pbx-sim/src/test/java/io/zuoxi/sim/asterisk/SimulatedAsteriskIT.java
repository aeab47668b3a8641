package io.zuoxi.sim.asterisk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx.InboundCall;
import io.zuoxi.sim.asterisk.AmiTestClient.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated Asterisk seen by a raw TCP client: replies, event sequences and frame details. */
class SimulatedAsteriskIT {

    static final String USER = "zuoxi";
    static final String SECRET = "s3cret";

    private Vertx vertx;
    private SimulatedAsterisk sim;
    private final List<AmiTestClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        sim = new SimulatedAsterisk(vertx, SimulatedAsteriskConfig.fromJson(new JsonObject()
                .put("username", USER).put("secret", SECRET).put("loginFailDelayMs", 50)
                .put("bridgeEndHangupDelayMs", 50)
                .put("defaultPhone", new JsonObject().put("mode", "ANSWER").put("answerAfterMs", 50))));
        int port = await(sim.start());
        assertThat(port).isPositive().isEqualTo(sim.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AmiTestClient c : clients) {
            c.close();
        }
        await(sim.stop());
        await(vertx.close());
    }

    private AmiTestClient connect() throws Exception {
        AmiTestClient c = new AmiTestClient(sim.port());
        clients.add(c);
        return c;
    }

    private AmiTestClient loggedIn() throws Exception {
        AmiTestClient c = connect();
        assertThat(c.login(USER, SECRET, "on").get("Message")).isEqualTo("Authentication accepted");
        c.await(f -> f.isEvent("FullyBooted"), "FullyBooted");
        waitUntil(() -> sim.loggedInClients() >= 1, "logged in");
        return c;
    }

    @Test
    void loginPingAndBannerAreShapedLikeAsterisk22() throws Exception {
        AmiTestClient c = connect();
        Frame login = c.login(USER, SECRET, "on");
        assertThat(c.banner()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(c.raw()).startsWith("Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: t-1\r\n"
                + "Message: Authentication accepted\r\n\r\n");
        assertThat(login.names()).containsExactly("Response", "ActionID", "Message");
        Frame booted = c.await(f -> f.isEvent("FullyBooted"), "FullyBooted");
        assertThat(booted.names()).containsExactly("Event", "Privilege", "Uptime", "LastReload", "Status");
        assertThat(booted.get("Privilege")).isEqualTo("system,all");

        Frame pong = c.response(c.send("Ping"));
        assertThat(pong.names()).containsExactly("Response", "ActionID", "Ping", "Timestamp");
        assertThat(pong.get("Ping")).isEqualTo("Pong");
        assertThat(pong.get("Timestamp")).matches("\\d{10}\\.\\d{6}");
        assertThat(sim.loggedInClients()).isEqualTo(1);

        Frame bye = c.response(c.send("Logoff"));
        assertThat(bye.get("Response")).isEqualTo("Goodbye");
        assertThat(bye.get("Message")).isEqualTo("Thanks for all the fish.");
        c.awaitEof();
        waitUntil(() -> sim.loggedInClients() == 0, "logged out");
    }

    @Test
    void wrongSecretIsRejectedAfterADelayAndTheSocketCloses() throws Exception {
        AmiTestClient c = connect();
        long t0 = System.nanoTime();
        String id = c.send("Login", "Username: " + USER, "Secret: wrong", "Events: on");
        Frame r = c.response(id);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(r.names()).containsExactly("Response", "ActionID", "Message");
        assertThat(r.get("Response")).isEqualTo("Error");
        assertThat(r.get("Message")).isEqualTo("Authentication failed");
        c.awaitEof();
        assertThat(sim.loggedInClients()).isZero();
    }

    @Test
    void unknownUserIsRejectedToo() throws Exception {
        AmiTestClient c = connect();
        assertThat(c.login("nobody", SECRET, "on").get("Message")).isEqualTo("Authentication failed");
        c.awaitEof();
    }

    @Test
    void actionBeforeLoginIsDeniedAndTheSocketStaysOpen() throws Exception {
        AmiTestClient c = connect();
        Frame denied = c.response(c.send("CoreShowChannels"));
        assertThat(denied.get("Response")).isEqualTo("Error");
        assertThat(denied.get("Message")).isEqualTo("Permission denied");
        assertThat(c.response(c.send("Ping")).get("Message")).isEqualTo("Permission denied");
        assertThat(c.eof()).isFalse();
        assertThat(c.login(USER, SECRET, "off").get("Message")).isEqualTo("Authentication accepted");
        assertThat(c.response(c.send("Ping")).get("Ping")).isEqualTo("Pong");
        // Events: off => no FullyBooted
        assertThat(c.events()).isEmpty();
    }

    @Test
    void unknownAndMalformedActionsGetTheRealErrorTexts() throws Exception {
        AmiTestClient c = loggedIn();
        Frame unknown = c.response(c.send("FooBarBaz"));
        assertThat(unknown.get("Response")).isEqualTo("Error");
        assertThat(unknown.get("Message"))
                .isEqualTo("Invalid/unknown command: FooBarBaz. Use Action: ListCommands to show available commands.");
        c.sendRaw("ActionID: no-action-header\r\nFoo: bar\r\n\r\n");
        assertThat(c.response("no-action-header").get("Message")).isEqualTo("Missing action in request");
        // bare LF line ends and junk lines without a colon are tolerated
        c.sendRaw("this is junk\nAction: Ping\nActionID: lf-only\n\n");
        assertThat(c.response("lf-only").get("Ping")).isEqualTo("Pong");
        // an action split over several TCP writes
        c.sendRaw("Action: Pi");
        Thread.sleep(20);
        c.sendRaw("ng\r\nActionID: split\r\n\r\n");
        assertThat(c.response("split").get("Ping")).isEqualTo("Pong");
    }

    @Test
    void oversizedRequestClosesTheConnection() throws Exception {
        AmiTestClient c = loggedIn();
        c.sendRaw("Action: Ping\r\nX: " + "a".repeat(AmiRequestReader.MAX_PENDING_CHARS + 10));
        c.awaitEof();
    }

    @Test
    void inboundCallEmitsTheHandoffUserEventWithChannelBlockFirst() throws Exception {
        AmiTestClient c = loggedIn();
        String uid = sim.placeInboundCall(new InboundCall("13800138000", "张伟", "4001", "support", 5,
                Map.of("order", "A 17", "lang", "zh")));
        Frame ue = c.awaitEvent("UserEvent", "Uniqueid", uid);
        List<String> names = ue.names();
        assertThat(names.subList(0, 3)).containsExactly("Event", "Privilege", "Channel");
        assertThat(names.subList(names.indexOf("UserEvent"), names.size()))
                .containsExactly("UserEvent", "ZuoxiQueue", "ZuoxiPriority", "ZuoxiData");
        assertThat(ue.get("Privilege")).isEqualTo("user,all");
        assertThat(ue.get("UserEvent")).isEqualTo("ZuoxiCallWaiting");
        assertThat(ue.get("ZuoxiQueue")).isEqualTo("support");
        assertThat(ue.get("ZuoxiPriority")).isEqualTo("5");
        assertThat(ue.get("ZuoxiData")).isEqualTo("lang=zh&order=A%2017");
        assertThat(ue.get("CallerIDNum")).isEqualTo("13800138000");
        assertThat(ue.get("CallerIDName")).isEqualTo("张伟");
        assertThat(ue.get("Channel")).matches("PJSIP/trunk-[0-9a-f]{8}");
        assertThat(ue.get("Context")).isEqualTo("zuoxi-handoff");
        assertThat(ue.get("ChannelStateDesc")).isEqualTo("Up");
        assertThat(ue.get("Linkedid")).isEqualTo(uid);

        Frame newchannel = c.awaitEvent("Newchannel", "Uniqueid", uid);
        assertThat(newchannel.get("ChannelState")).isEqualTo("4");
        assertThat(newchannel.get("Exten")).isEqualTo("4001");
        Frame moh = c.awaitEvent("MusicOnHoldStart", "Uniqueid", uid);
        assertThat(moh.get("Class")).isEqualTo("default");
        List<String> order = c.events().stream().filter(f -> uid.equals(f.get("Uniqueid")))
                .map(f -> f.get("Event")).filter(e -> !e.equals("Newexten") && !e.equals("VarSet")).toList();
        assertThat(order).containsExactly("Newchannel", "Newstate", "UserEvent", "MusicOnHoldStart");
        assertThat(sim.liveLegs()).containsExactly(uid);
    }

    @Test
    void answeredOriginateReportsReason4WithTheChannelIdAndWaitsInTheAgentContext() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1001", PhoneBehaviour.answerAfter(Duration.ofMillis(100)));
        String id = c.send("Originate", "Channel: PJSIP/1001", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "Timeout: 5000", "CallerID: \"张伟\" <13800138000>", "ChannelId: leg-42", "Async: true",
                "Variable: ZUOXI_CALL_ID=call-7");
        assertThat(c.response(id).get("Message")).isEqualTo("Originate successfully queued");
        Frame nc = c.awaitEvent("Newchannel", "Uniqueid", "leg-42");
        assertThat(nc.get("Channel")).matches("PJSIP/1001-[0-9a-f]{8}");
        Frame ringing = c.await(f -> f.isEvent("Newstate") && "leg-42".equals(f.get("Uniqueid"))
                && "5".equals(f.get("ChannelState")), "ringing");
        assertThat(ringing.get("ChannelStateDesc")).isEqualTo("Ringing");
        Frame or = c.awaitEvent("OriginateResponse", "ActionID", id);
        assertThat(or.get("Response")).isEqualTo("Success");
        assertThat(or.get("Reason")).isEqualTo("4");
        assertThat(or.get("Uniqueid")).isEqualTo("leg-42");
        assertThat(or.get("Channel")).isEqualTo(nc.get("Channel"));
        assertThat(or.get("CallerIDNum")).isEqualTo("13800138000");
        assertThat(or.get("CallerIDName")).isEqualTo("张伟");
        assertThat(or.get("ChanVariable(" + nc.get("Channel") + ")")).isEqualTo("ZUOXI_CALL_ID=call-7");
        List<String> seq = c.events().stream().filter(f -> "leg-42".equals(f.get("Uniqueid")))
                .map(f -> f.get("Event") + (f.isEvent("Newstate") ? f.get("ChannelState") : "")).toList();
        assertThat(seq).containsSubsequence("Newchannel", "Newstate5", "Newstate6", "OriginateResponse");
        Frame up = c.await(f -> f.isEvent("Newstate") && "leg-42".equals(f.get("Uniqueid"))
                && "6".equals(f.get("ChannelState")), "up");
        assertThat(up.get("Context")).isEqualTo("zuoxi-agent");
        assertThat(up.get("ChanVariable")).isEqualTo("ZUOXI_CALL_ID=call-7");
        assertThat(sim.liveLegs()).containsExactly("leg-42");

        Frame getvar = c.response(c.send("Getvar", "Channel: " + nc.get("Channel"), "Variable: ZUOXI_CALL_ID"));
        assertThat(getvar.names()).containsExactly("Response", "ActionID", "Variable", "Value");
        assertThat(getvar.get("Value")).isEqualTo("call-7");
        assertThat(c.response(c.send("Setvar", "Channel: " + nc.get("Channel"), "Variable: X", "Value: y"))
                .get("Message")).isEqualTo("Variable Set");
        assertThat(c.response(c.send("Getvar", "Channel: " + nc.get("Channel"), "Variable: X")).get("Value"))
                .isEqualTo("y");
        assertThat(c.response(c.send("Getvar", "Channel: PJSIP/nope-1", "Variable: X")).get("Message"))
                .isEqualTo("No such channel");
    }

    @Test
    void busyPhoneFailsWithReason5() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1002", PhoneBehaviour.busy());
        String id = c.send("Originate", "Channel: PJSIP/1002", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: busy-1", "Async: true");
        Frame or = c.awaitEvent("OriginateResponse", "ActionID", id);
        assertThat(or.get("Response")).isEqualTo("Failure");
        assertThat(or.get("Reason")).isEqualTo("5");
        assertThat(or.get("Uniqueid")).isEqualTo("<unknown>");
        assertThat(or.get("Channel")).isEqualTo("PJSIP/1002");
        Frame hangup = c.awaitEvent("Hangup", "Uniqueid", "busy-1");
        assertThat(hangup.get("Cause")).isEqualTo("17");
        assertThat(hangup.get("Cause-txt")).isEqualTo("User busy");
        waitUntil(() -> sim.liveLegs().isEmpty(), "no legs");
    }

    @Test
    void unansweredPhoneRingsUntilTheTimeoutThenReason3() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1003", PhoneBehaviour.noAnswer());
        long t0 = System.nanoTime();
        String id = c.send("Originate", "Channel: PJSIP/1003", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "Timeout: 300", "ChannelId: na-1", "Async: true");
        c.await(f -> f.isEvent("Newstate") && "na-1".equals(f.get("Uniqueid")), "ringing");
        Frame or = c.awaitEvent("OriginateResponse", "ActionID", id);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(280));
        assertThat(or.get("Response")).isEqualTo("Failure");
        assertThat(or.get("Reason")).isEqualTo("3");
        assertThat(c.awaitEvent("Hangup", "Uniqueid", "na-1").get("Cause")).isEqualTo("19");
    }

    @Test
    void unreachablePhoneAndUnknownTechnologyFailAtOnceWithReason0() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1004", PhoneBehaviour.unreachable());
        String id = c.send("Originate", "Channel: PJSIP/1004", "Application: Wait", "Data: 2", "Async: true");
        Frame or = c.awaitEvent("OriginateResponse", "ActionID", id);
        assertThat(or.get("Reason")).isEqualTo("0");
        assertThat(or.names()).containsExactly("Event", "Privilege", "ActionID", "Response", "Channel",
                "Application", "Data", "Reason", "Uniqueid", "CallerIDNum", "CallerIDName");
        String id2 = c.send("Originate", "Channel: SIP/1001", "Context: zuoxi-agent", "Exten: s", "Async: true");
        assertThat(c.awaitEvent("OriginateResponse", "ActionID", id2).get("Reason")).isEqualTo("0");
        assertThat(c.events().stream().filter(f -> f.isEvent("Newchannel"))).isEmpty();
        Frame missing = c.response(c.send("Originate", "Context: zuoxi-agent", "Exten: s"));
        assertThat(missing.get("Response")).isEqualTo("Error");
    }

    @Test
    void bridgeThenAgentHangsUpGivesTheFixtureSequenceAndTheCallerFollows() throws Exception {
        AmiTestClient c = loggedIn();
        String caller = sim.placeInboundCall(new InboundCall("13912345678", "李娜", "4001", "sales", 0, Map.of()));
        String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
        String id = c.send("Originate", "Channel: PJSIP/1001", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: agent-1", "Async: true", "Timeout: 5000");
        Frame or = c.awaitEvent("OriginateResponse", "ActionID", id);
        String agentChannel = or.get("Channel");
        // what Zuoxi does right before a Bridge (extensions_zuoxi.conf hangs the caller up when it ends)
        c.response(c.send("Setvar", "Channel: " + callerChannel, "Variable: ZUOXI_AGENT_LEG", "Value: " + agentChannel));
        int mark = c.frames().size();

        Frame bad = c.response(c.send("Bridge", "Channel1: nonexistent-1", "Channel2: " + agentChannel));
        assertThat(bad.get("Message")).isEqualTo("Channel1 does not exist: nonexistent-1");
        Frame ok = c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel, "Tone: no"));
        assertThat(ok.get("Message")).isEqualTo("Channels have been bridged");
        c.await(f -> f.isEvent("BridgeEnter") && "2".equals(f.get("BridgeNumChannels")), "second BridgeEnter");
        List<Frame> afterBridge = c.frames().subList(mark, c.frames().size()).stream()
                .filter(f -> f.get("Event") != null).toList();
        assertThat(afterBridge.stream().map(f -> f.get("Event")))
                .containsExactly("BridgeCreate", "MusicOnHoldStop", "BridgeEnter", "BridgeEnter");
        assertThat(afterBridge.get(2).get("Uniqueid")).isEqualTo(caller);
        assertThat(afterBridge.get(3).get("Uniqueid")).isEqualTo("agent-1");
        assertThat(afterBridge.get(3).get("Linkedid")).isEqualTo(caller);
        assertThat(afterBridge.get(3).get("BridgeUniqueid")).isEqualTo(afterBridge.get(0).get("BridgeUniqueid"));
        assertThat(sim.bridgedWith(caller)).isEqualTo("agent-1");
        assertThat(sim.bridgedWith("agent-1")).isEqualTo(caller);

        Frame ls = c.response(c.send("CoreShowChannels"));
        assertThat(ls.get("EventList")).isEqualTo("start");
        Frame done = c.awaitEvent("CoreShowChannelsComplete", "ActionID", ls.get("ActionID"));
        assertThat(done.get("ListItems")).isEqualTo("2");
        assertThat(c.frames().stream().filter(f -> f.isEvent("CoreShowChannel")
                && ls.get("ActionID").equals(f.get("ActionID"))).map(f -> f.get("BridgeId")))
                .containsOnly(afterBridge.get(0).get("BridgeUniqueid"));

        int mark2 = c.frames().size();
        Frame hung = c.response(c.send("Hangup", "Channel: " + agentChannel, "Cause: 16"));
        assertThat(hung.get("Message")).isEqualTo("Channel Hungup");
        c.awaitEvent("Hangup", "Uniqueid", caller);
        List<String> seq = c.frames().subList(mark2, c.frames().size()).stream()
                .filter(f -> f.get("Event") != null && !f.isEvent("Newexten"))
                .map(f -> f.get("Event") + ":" + (f.get("Uniqueid") == null ? "-" : f.get("Uniqueid"))).toList();
        // fixture 02b's order; the VarSet is the include's Set(ZUOXI_STATE=done) before Hangup(16)
        assertThat(seq).containsExactly("SoftHangupRequest:agent-1", "BridgeLeave:agent-1", "Hangup:agent-1",
                "BridgeLeave:" + caller, "BridgeDestroy:-", "VarSet:" + caller, "Hangup:" + caller);
        waitUntil(() -> sim.liveLegs().isEmpty(), "all legs gone");
        assertThat(sim.bridgedWith(caller)).isNull();
        Frame gone = c.response(c.send("Hangup", "Channel: " + agentChannel));
        assertThat(gone.get("Message")).isEqualTo("No such channel");
    }

    @Test
    void withoutTheAgentLegMarkerTheCallerOutlivesTheBridgeAsTheIncludeSays() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1003", PhoneBehaviour.answerAndHangUp(Duration.ofMillis(20), Duration.ofMillis(100)));
        String caller = sim.placeInboundCall(new InboundCall("13912345678", "李娜", "4001", "sales", 0, Map.of()));
        String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
        String id = c.send("Originate", "Channel: PJSIP/1003", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: nomark-1", "Async: true");
        String agentChannel = c.awaitEvent("OriginateResponse", "ActionID", id).get("Channel");
        c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel));
        c.awaitEvent("Hangup", "Uniqueid", "nomark-1");
        // the caller falls through to "waiting in silence" instead of being hung up
        c.await(f -> f.isEvent("Newexten") && caller.equals(f.get("Uniqueid")) && "Wait".equals(f.get("Application")),
                "caller waits after the bridge");
        assertThat(sim.liveLegs()).contains(caller);
        assertThat(sim.hangup(caller)).isTrue();
    }

    @Test
    void phoneHangsUpByItselfAfterTheTalkTimeAndControlHangupEndsACaller() throws Exception {
        AmiTestClient c = loggedIn();
        sim.setPhone("PJSIP/1002", PhoneBehaviour.answerAndHangUp(Duration.ofMillis(20), Duration.ofMillis(200)));
        String caller = sim.placeInboundCall(new InboundCall("02155550101", "上海贸易有限公司", "4001", "support", 0,
                Map.of()));
        String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
        String id = c.send("Originate", "Channel: PJSIP/1002", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: talk-1", "Async: true");
        String agentChannel = c.awaitEvent("OriginateResponse", "ActionID", id).get("Channel");
        // what Zuoxi does right before a Bridge (extensions_zuoxi.conf hangs the caller up when it ends)
        c.response(c.send("Setvar", "Channel: " + callerChannel, "Variable: ZUOXI_AGENT_LEG", "Value: " + agentChannel));
        c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel));
        Frame req = c.awaitEvent("HangupRequest", "Uniqueid", "talk-1");
        assertThat(req.get("Cause")).isEqualTo("16");
        c.awaitEvent("Hangup", "Uniqueid", caller);

        String other = sim.placeInboundCall(new InboundCall("4930123456", "Customer One", "4001", "support", 0,
                Map.of()));
        c.awaitEvent("MusicOnHoldStart", "Uniqueid", other);
        assertThat(sim.hangup(other)).isTrue();
        assertThat(sim.hangup("no-such-leg")).isFalse();
        Frame h = c.awaitEvent("Hangup", "Uniqueid", other);
        assertThat(h.get("Cause-txt")).isEqualTo("Normal Clearing");
        List<String> seq = c.events().stream().filter(f -> other.equals(f.get("Uniqueid")))
                .map(f -> f.get("Event")).toList();
        assertThat(seq).endsWith("HangupRequest", "MusicOnHoldStop", "Hangup");
    }

    @Test
    void eventsReachEveryLoggedInClientWithEventsOnOnly() throws Exception {
        AmiTestClient a = loggedIn();
        AmiTestClient b = loggedIn();
        AmiTestClient quiet = connect();
        quiet.login(USER, SECRET, "off");
        AmiTestClient callOnly = connect();
        callOnly.login(USER, SECRET, "call");
        waitUntil(() -> sim.loggedInClients() == 4, "4 logged in");
        String uid = sim.placeInboundCall(new InboundCall("13800138000", "张伟", "4001", "support", 0, Map.of()));
        a.awaitEvent("UserEvent", "Uniqueid", uid);
        b.awaitEvent("UserEvent", "Uniqueid", uid);
        callOnly.awaitEvent("MusicOnHoldStart", "Uniqueid", uid);
        assertThat(quiet.response(quiet.send("Ping")).get("Ping")).isEqualTo("Pong");
        assertThat(quiet.events()).isEmpty();
        assertThat(callOnly.events()).noneMatch(f -> f.isEvent("UserEvent") || f.isEvent("Newexten"));

        sim.injectRaw("Event: Garbage\r\nno colon here\r\n\r\n");
        a.awaitEvent("Garbage", "Event", "Garbage");
        assertThat(a.raw()).contains("no colon here\r\n");
    }

    @Test
    void dropConnectionsKeepsCallsAliveForAReconnectingClient() throws Exception {
        AmiTestClient c = loggedIn();
        String caller = sim.placeInboundCall(new InboundCall("13800138000", "张伟", "4001", "support", 0, Map.of()));
        String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
        String id = c.send("Originate", "Channel: PJSIP/1001", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: drop-1", "Async: true");
        String agentChannel = c.awaitEvent("OriginateResponse", "ActionID", id).get("Channel");
        // what Zuoxi does right before a Bridge (extensions_zuoxi.conf hangs the caller up when it ends)
        c.response(c.send("Setvar", "Channel: " + callerChannel, "Variable: ZUOXI_AGENT_LEG", "Value: " + agentChannel));
        c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel));
        c.await(f -> f.isEvent("BridgeEnter") && "2".equals(f.get("BridgeNumChannels")), "bridged");

        sim.dropConnections();
        c.awaitEof();
        waitUntil(() -> sim.loggedInClients() == 0, "nobody logged in");
        assertThat(sim.liveLegs()).containsExactlyInAnyOrder(caller, "drop-1");
        assertThat(sim.bridgedWith(caller)).isEqualTo("drop-1");

        AmiTestClient again = loggedIn();
        Frame ls = again.response(again.send("CoreShowChannels"));
        Frame done = again.awaitEvent("CoreShowChannelsComplete", "ActionID", ls.get("ActionID"));
        assertThat(done.get("ListItems")).isEqualTo("2");
        List<Frame> items = again.frames().stream().filter(f -> f.isEvent("CoreShowChannel")).toList();
        assertThat(items).extracting(f -> f.get("Uniqueid")).containsExactly(caller, "drop-1");
        assertThat(items.get(0).names()).containsExactly("Event", "ActionID", "Channel", "ChannelState",
                "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName",
                "Language", "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid", "ChanVariable",
                "Application", "ApplicationData", "Duration", "BridgeId");
        assertThat(items.get(0).get("BridgeId")).isNotEmpty().isEqualTo(items.get(1).get("BridgeId"));
        assertThat(items.get(1).get("ConnectedLineNum")).isEqualTo("13800138000");
    }

    @Test
    void redirectOutOfABridgeBackToTheHandoffRequeuesTheCallerAndEndsTheAgentLeg() throws Exception {
        AmiTestClient c = loggedIn();
        String caller = sim.placeInboundCall(new InboundCall("13800138000", "张伟", "4001", "support", 2,
                Map.of("lang", "zh")));
        String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
        String id = c.send("Originate", "Channel: PJSIP/1001", "Context: zuoxi-agent", "Exten: s", "Priority: 1",
                "ChannelId: rd-1", "Async: true");
        String agentChannel = c.awaitEvent("OriginateResponse", "ActionID", id).get("Channel");
        // what Zuoxi does right before a Bridge (extensions_zuoxi.conf hangs the caller up when it ends)
        c.response(c.send("Setvar", "Channel: " + callerChannel, "Variable: ZUOXI_AGENT_LEG", "Value: " + agentChannel));
        c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel));
        c.await(f -> f.isEvent("BridgeEnter") && "2".equals(f.get("BridgeNumChannels")), "bridged");
        int mark = c.frames().size();
        Frame r = c.response(c.send("Redirect", "Channel: " + callerChannel, "Context: zuoxi-handoff", "Exten: s",
                "Priority: 1"));
        assertThat(r.get("Message")).isEqualTo("Redirect successful");
        c.awaitEvent("Hangup", "Uniqueid", "rd-1");
        List<String> seq = c.frames().subList(mark, c.frames().size()).stream()
                .filter(f -> f.get("Event") != null && !f.isEvent("Newexten"))
                .map(f -> f.get("Event") + ":" + (f.get("Uniqueid") == null ? "-" : f.get("Uniqueid"))).toList();
        assertThat(seq).containsSubsequence("BridgeLeave:" + caller, "BridgeLeave:rd-1", "BridgeDestroy:-",
                "UserEvent:" + caller, "MusicOnHoldStart:" + caller, "Hangup:rd-1");
        assertThat(sim.liveLegs()).containsExactly(caller);
        assertThat(c.response(c.send("Redirect", "Channel: nope", "Context: x", "Exten: s")).get("Response"))
                .isEqualTo("Error");
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
