package io.zuoxi.launcher;

import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's must-show, over real TCP to the simulated PBX, real HTTP and WebSocket, real H2:
 * a caller waits, the Java ACD rings and bridges an agent, the agent's panel gets the screen pop,
 * the hang-up produces a call record with the right wait and talk seconds; an agent who does not
 * answer goes NOT_READY and the call reaches the next agent; a PBX link dropped mid-call is
 * reconnected and resynced and the record is still right.
 */
class InboundCallEndToEndIT {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(Stack.Kind.class)
    void callerIsQueuedRoutedPoppedAndRecorded(Stack.Kind kind) throws Exception {
        try (Stack stack = Stack.start(kind, data, 5)) {
            SimulatedPbx pbx = stack.pbx();
            pbx.setPhone(stack.device(1001), PhoneBehaviour.answerAndHangUp(Duration.ofMillis(500), Duration.ofSeconds(2)));

            // Caller waits with no agent ready: the wait must show in the record.
            Instant placed = Instant.now();
            String callerLeg = pbx.placeInboundCall(new SimulatedPbx.InboundCall("13800138000", "Zhang Wei", "4008001000",
                    "support", 0, Map.of("orderNo", "A-17", "lang", "zh")));
            String supervisor = stack.signIn("supervisor");
            Stack.eventually(() -> queueWaiting(stack, supervisor) == 1 ? true : null, WITHIN, "call not queued");
            Thread.sleep(2000); // the caller waits a measurable time before anyone is ready

            // The panel opens its event link at sign-in, then the agent logs in and presses Ready.
            String agent = stack.signIn("agent1");
            Stack.Events events = stack.events(agent);
            events.await("hello", d -> true, WITHIN);
            stack.loginAndReady(agent, 1001);
            JsonObject pop = events.await("screen.pop", d -> true, WITHIN);
            JsonObject popData = pop.getJsonObject("data");
            assertThat(popData.encode()).contains("138****8000").doesNotContain("13800138000");
            assertThat(popData.encode()).contains("张伟").contains("A-17").contains("support");

            // Bridged (ON_CALL), then the phone hangs up after ~2 s of talk.
            Stack.eventually(() -> "ON_CALL".equals(stack.agentState(agent)) ? true : null, WITHIN, "never on call");
            String callId = popData.getString("callId");
            JsonObject record = Stack.eventually(() -> {
                var r = stack.get(supervisor, "/api/v1/call-records/" + callId);
                return r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
            }, WITHIN, "no call record for " + callId);
            long elapsedBeforeAnswer = Duration.between(placed, Instant.now()).toSeconds();

            assertThat(record.getString("outcome")).isEqualTo("ANSWERED");
            assertThat(record.getString("agentId")).isNotBlank();
            assertThat(record.getString("queue")).isEqualTo("support");
            assertThat(record.getString("callerNumber")).isEqualTo("13800138000");
            assertThat(record.getString("calledNumber")).as("what the caller dialled, not the hand-off's extension")
                    .isEqualTo("4008001000");
            assertThat(record.getLong("waitSeconds")).isBetween(2L, elapsedBeforeAnswer);
            assertThat(record.getLong("talkSeconds")).isBetween(1L, 4L);
            assertThat(record.getJsonObject("attachedData").getString("orderNo")).isEqualTo("A-17");
            assertThat(pbx.liveLegs()).doesNotContain(callerLeg);
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.Kind.class)
    void agentWhoDoesNotAnswerGoesNotReadyAndTheCallReachesTheNextAgent(Stack.Kind kind) {
        try (Stack stack = Stack.start(kind, data, 2)) {
            SimulatedPbx pbx = stack.pbx();
            pbx.setPhone(stack.device(1001), PhoneBehaviour.noAnswer());
            pbx.setPhone(stack.device(1002), PhoneBehaviour.answerAfter(Duration.ofMillis(300)));

            String first = stack.readyAgent("agent1", 1001);
            String callerLeg = pbx.placeInboundCall(new SimulatedPbx.InboundCall("13912345678", "Li Na", "4008001000",
                    "support", 0, Map.of()));
            // agent1 is rung (the only ready agent), does not answer within 2 s → NOT_READY.
            Stack.eventually(() -> "NOT_READY".equals(stack.agentState(first)) ? true : null, WITHIN,
                    "agent1 never went NOT_READY");
            JsonObject me = stack.get(first, "/api/v1/me").bodyAsJsonObject();
            assertThat(me.getJsonObject("agent").getString("reason")).isEqualTo("no-answer");

            String second = stack.readyAgent("agent2", 1002);
            Stack.eventually(() -> "ON_CALL".equals(stack.agentState(second)) ? true : null, WITHIN,
                    "the call never reached agent2");
            assertThat(pbx.bridgedWith(callerLeg)).isNotNull();

            pbx.hangup(callerLeg);
            String supervisor = stack.signIn("supervisor");
            JsonObject record = Stack.eventually(() -> {
                var list = stack.get(supervisor, "/api/v1/call-records?limit=5").bodyAsJsonObject();
                return list.getJsonArray("callRecords").stream().map(JsonObject.class::cast)
                        .filter(r -> "13912345678".equals(r.getString("callerNumber"))).findFirst().orElse(null);
            }, WITHIN, "no call record");
            assertThat(record.getString("outcome")).isEqualTo("ANSWERED");
            assertThat(record.getInteger("offers")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.Kind.class)
    void pbxLinkDroppedMidCallIsResyncedAndTheRecordStaysRight(Stack.Kind kind) throws Exception {
        try (Stack stack = Stack.start(kind, data, 5)) {
            SimulatedPbx pbx = stack.pbx();
            pbx.setPhone(stack.device(1003), PhoneBehaviour.answerAfter(Duration.ofMillis(300)));
            String agent = stack.readyAgent("agent3", 1003);
            String callerLeg = pbx.placeInboundCall(new SimulatedPbx.InboundCall("02155550101", "Shanghai Trading",
                    "4008001000", "support", 0, Map.of()));
            Stack.eventually(() -> "ON_CALL".equals(stack.agentState(agent)) ? true : null, WITHIN, "never on call");
            Instant answered = Instant.now();

            pbx.dropConnections();
            // The adapter reconnects with back-off and resyncs; the call is still up and still counted once.
            Stack.eventually(() -> pbx.loggedInClients() == 1 ? true : null, WITHIN, "adapter never reconnected");
            assertThat(stack.agentState(agent)).isEqualTo("ON_CALL");
            Thread.sleep(1500);

            pbx.hangup(callerLeg);
            Stack.eventually(() -> "ON_CALL".equals(stack.agentState(agent)) ? null : true, WITHIN, "call never ended");
            long talked = Duration.between(answered, Instant.now()).toSeconds();
            String supervisor = stack.signIn("supervisor");
            var list = Stack.eventually(() -> {
                var items = stack.get(supervisor, "/api/v1/call-records?limit=10").bodyAsJsonObject().getJsonArray("callRecords");
                return items.isEmpty() ? null : items;
            }, WITHIN, "no call record");
            assertThat(list.size()).as("one call, one record").isEqualTo(1);
            JsonObject record = list.getJsonObject(0);
            assertThat(record.getString("outcome")).isEqualTo("ANSWERED");
            assertThat(record.getLong("talkSeconds")).isBetween(Math.max(1, talked - 1), talked + 1);
            assertThat(record.getBoolean("reconciled")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.Kind.class)
    void callerTakenBackForTheFallbackIsNeverOfferedAndRecordedOverflowed(Stack.Kind kind) {
        try (Stack stack = Stack.start(kind, data, 5)) {
            SimulatedPbx pbx = stack.pbx();
            pbx.setPhone(stack.device(1002), PhoneBehaviour.answerAfter(Duration.ofMillis(300)));
            String supervisor = stack.signIn("supervisor");
            String timedOut = pbx.placeInboundCall(new SimulatedPbx.InboundCall("13800138000", "Zhang Wei", "4008001000",
                    "support", 0, Map.of()));
            Stack.eventually(() -> queueWaiting(stack, supervisor) == 1 ? true : null, WITHIN, "call not queued");
            // its maximum wait is over: the dialplan plays the fallback (voicemail) and tells Zuoxi
            pbx.fallBack(timedOut);
            Stack.eventually(() -> queueWaiting(stack, supervisor) == 0 ? true : null, WITHIN, "still queued");

            // the next caller is the one an agent gets, although the first one is still on the line
            String next = pbx.placeInboundCall(new SimulatedPbx.InboundCall("13912345678", "Li Na", "4008001000",
                    "support", 0, Map.of()));
            Stack.eventually(() -> queueWaiting(stack, supervisor) == 1 ? true : null, WITHIN, "second call not queued");
            String agent = stack.readyAgent("agent2", 1002);
            Stack.eventually(() -> "ON_CALL".equals(stack.agentState(agent)) ? true : null, WITHIN, "never on call");
            assertThat(pbx.bridgedWith(next)).isNotNull();
            assertThat(pbx.bridgedWith(timedOut)).as("never bridged out of its fallback").isNull();

            pbx.hangup(timedOut);
            JsonObject record = Stack.eventually(() -> stack.get(supervisor, "/api/v1/call-records?limit=5")
                    .bodyAsJsonObject().getJsonArray("callRecords").stream().map(JsonObject.class::cast)
                    .filter(r -> "13800138000".equals(r.getString("callerNumber"))).findFirst().orElse(null),
                    WITHIN, "no record of the caller that overflowed");
            assertThat(record.getString("outcome")).isEqualTo("OVERFLOWED");
            assertThat(record.getInteger("offers")).isZero();
            pbx.hangup(next);
        }
    }

    private static int queueWaiting(Stack stack, String token) {
        var queues = stack.get(token, "/api/v1/queues").bodyAsJsonObject().getJsonArray("queues");
        for (int i = 0; i < queues.size(); i++) {
            JsonObject q = queues.getJsonObject(i);
            if ("support".equals(q.getString("name"))) {
                JsonObject live = q.getJsonObject("live");
                return live == null ? 0 : live.getJsonArray("waiting").size();
            }
        }
        return 0;
    }
}
