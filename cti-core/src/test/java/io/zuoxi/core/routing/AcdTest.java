package io.zuoxi.core.routing;

import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.clock.ManualTime;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxEvent.LegSnapshot;
import io.zuoxi.core.pbx.PbxEvent.LegState;
import io.zuoxi.core.queue.QueueDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AcdTest {
    static final String PBX = "asterisk-sim";
    final ManualTime time = new ManualTime(Instant.parse("2026-01-05T09:00:00Z"));
    final FakeGateway gw = new FakeGateway();
    final RecordingListener out = new RecordingListener();
    final Acd acd = new Acd(time, time, gw, out);

    void login(String agent, String endpoint) {
        assertThat(acd.handle(new AgentCommand.Login(agent, PBX, endpoint, List.of("support"))).ok()).isTrue();
    }

    void ready(String agent) {
        assertThat(acd.handle(new AgentCommand.Ready(agent)).ok()).isTrue();
    }

    void handoff(String leg, int priority) {
        acd.handle(new PbxEvent.LegCreated(PBX, time.instant(), leg, leg, "PJSIP/trunk-" + leg, "PJSIP/trunk",
                "13800138000", "张伟", "4000", Map.of()));
        acd.handle(new PbxEvent.CallHandedOff(PBX, time.instant(), leg, leg, "support", priority, "13800138000", "张伟",
                "4000", Map.of("order", "42")));
    }

    String offeredLeg() {
        return gw.last(PbxCommand.OriginateLeg.class).legId();
    }

    void agentLegUp(String linked) {
        String leg = offeredLeg();
        acd.handle(new PbxEvent.LegCreated(PBX, time.instant(), leg, leg, "PJSIP/1001-1", "PJSIP/1001", "", "", "",
                Map.of("ZUOXI_CALL_ID", PBX + ":" + linked)));
        acd.handle(new PbxEvent.LegAnswered(PBX, time.instant(), leg));
    }

    void hangup(String leg) {
        acd.handle(new PbxEvent.LegHungUp(PBX, time.instant(), leg, 16, "Normal Clearing"));
    }

    @Test
    void answeredCallHasWaitTalkAndWrapUp() {
        acd.defineQueues(List.of(new QueueDefinition("support", "技术支持", 20, 30, 20, "longest-idle")));
        login("a1", "PJSIP/1001");
        ready("a1");
        time.advanceSeconds(5);
        handoff("c1", 0);
        PbxCommand.OriginateLeg o = gw.last(PbxCommand.OriginateLeg.class);
        assertThat(o.endpoint()).isEqualTo("PJSIP/1001");
        assertThat(o.variables()).containsEntry("ZUOXI_CALL_ID", PBX + ":c1").containsEntry("ZUOXI_QUEUE", "support");
        assertThat(out.offered).hasSize(1);
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.RESERVED);
        time.advanceSeconds(7);
        agentLegUp("c1");
        assertThat(gw.last(PbxCommand.BridgeLegs.class)).isEqualTo(new PbxCommand.BridgeLegs(PBX, "c1", o.legId()));
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.ON_CALL);
        time.advanceSeconds(60);
        hangup(o.legId());
        assertThat(gw.last(PbxCommand.HangupLeg.class).legId()).isEqualTo("c1");
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.WRAP_UP);
        assertThat(out.ended).isEmpty();
        hangup("c1");
        assertThat(out.ended).hasSize(1);
        CallRecord r = out.ended.get(0);
        assertThat(r.outcome()).isEqualTo("ANSWERED");
        assertThat(r.direction()).isEqualTo("INBOUND");
        assertThat(r.waitSeconds()).isEqualTo(7);
        assertThat(r.talkSeconds()).isEqualTo(60);
        assertThat(r.agentId()).isEqualTo("a1");
        assertThat(r.attachedData()).containsEntry("order", "42");
        time.advanceSeconds(30);
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.READY);
        assertThat(out.wrapUpEnded).singleElement().extracting(CallRecord::wrapUpSeconds).isEqualTo(30L);
        assertThat(acd.snapshot("support").answeredToday()).isEqualTo(1);
    }

    @Test
    void noAnswerMovesToNextAgentAndCallKeepsItsPlace() {
        login("a1", "PJSIP/1001");
        ready("a1");
        time.advanceSeconds(10);
        login("a2", "PJSIP/1002");
        ready("a2");
        handoff("c1", 0);
        // a1 has been idle longest; the trace says why
        assertThat(out.offered).singleElement().extracting(o -> o.agentId()).isEqualTo("a1");
        String firstLeg = offeredLeg();
        assertThat(acd.call(PBX + ":c1").offerTrace.get(0)).containsEntry("strategy", "longest-idle");
        time.advanceSeconds(20); // default ring timeout
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.NOT_READY);
        assertThat(acd.agent("a1").reason).isEqualTo("no-answer");
        assertThat(gw.of(PbxCommand.HangupLeg.class)).extracting(PbxCommand.HangupLeg::legId).contains(firstLeg);
        assertThat(out.offered).hasSize(2);
        assertThat(out.offered.get(1).agentId()).isEqualTo("a2");
        assertThat(out.offered.get(1).waitSeconds()).isEqualTo(20);
        assertThat(offeredLeg()).isNotEqualTo(firstLeg);
        var waiting = acd.snapshot("support").waiting();
        assertThat(waiting).singleElement().satisfies(w -> {
            assertThat(w.enqueuedAt()).isEqualTo(Instant.parse("2026-01-05T09:00:10Z"));
            assertThat(w.offeredTo()).isEqualTo("a2");
        });
        // a late OriginateFailed for the first leg changes nothing
        acd.handle(new PbxEvent.OriginateFailed(PBX, time.instant(), firstLeg, PbxEvent.OriginateOutcome.NO_ANSWER, ""));
        assertThat(acd.agent("a2").state).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void manualWrapUpLastsUntilEndWrapUp() {
        acd.defineQueues(List.of(new QueueDefinition("support", "s", 20, -1, 20, "longest-idle")));
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        agentLegUp("c1");
        time.advanceSeconds(15);
        hangup("c1");
        hangup(offeredLeg());
        assertThat(out.ended).singleElement().extracting(CallRecord::talkSeconds).isEqualTo(15L);
        time.advanceSeconds(3600);
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.WRAP_UP);
        assertThat(acd.handle(new AgentCommand.EndWrapUp("a1")).state()).isEqualTo(AgentState.READY);
        assertThat(out.wrapUpEnded).singleElement().extracting(CallRecord::wrapUpSeconds).isEqualTo(3600L);
    }

    @Test
    void priorityThenFifo() {
        handoff("c1", 0);
        time.advanceSeconds(1);
        handoff("c2", 5);
        time.advanceSeconds(1);
        handoff("c3", 0);
        assertThat(acd.snapshot("support").waiting()).extracting(w -> w.callId())
                .containsExactly(PBX + ":c2", PBX + ":c1", PBX + ":c3");
        assertThat(acd.snapshot("support").longestWaitSeconds()).isEqualTo(2);
    }

    @Test
    void abandonWhileQueuedCountsWait() {
        handoff("c1", 0);
        time.advanceSeconds(42);
        hangup("c1");
        assertThat(out.ended).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("ABANDONED");
            assertThat(r.waitSeconds()).isEqualTo(42);
        });
        assertThat(acd.snapshot("support").abandonedToday()).isEqualTo(1);
        assertThat(acd.snapshot("support").waiting()).isEmpty();
    }

    @Test
    void abandonWhileRingingFreesAgent() {
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        String leg = offeredLeg();
        time.advanceSeconds(8);
        hangup("c1");
        assertThat(gw.last(PbxCommand.HangupLeg.class).legId()).isEqualTo(leg);
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.READY);
        assertThat(out.ended).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("ABANDONED");
            assertThat(r.waitSeconds()).isEqualTo(8);
        });
        time.advanceSeconds(30);
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.READY);
    }

    @Test
    void pendingNotReadyAppliedAfterCall() {
        acd.defineQueues(List.of(new QueueDefinition("support", "s", 20, 0, 20, "longest-idle")));
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        agentLegUp("c1");
        assertThat(acd.handle(new AgentCommand.NotReady("a1", "lunch")).ok()).isTrue();
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.ON_CALL);
        assertThat(acd.handle(new AgentCommand.Logout("a1")).errorId()).isEqualTo("illegal-transition");
        hangup("c1");
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.NOT_READY);
        assertThat(acd.agent("a1").reason).isEqualTo("lunch");
        assertThat(out.ended).isEmpty(); // the agent leg is still up
        hangup(offeredLeg());
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).talkSeconds()).isZero();
        assertThat(out.wrapUpEnded).singleElement().extracting(CallRecord::wrapUpSeconds).isEqualTo(0L);
    }

    @Test
    void failedOriginateWhilePbxDownPutsAgentBackToReady() {
        gw.autoSucceed = false;
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        acd.handle(new PbxEvent.PbxDisconnected(PBX, time.instant(), "socket closed"));
        gw.sent.get(0).reply().complete(CommandResult.failure("pbx-disconnected", "gone"));
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.READY);
        assertThat(gw.of(PbxCommand.OriginateLeg.class)).hasSize(1); // no new offer while down
        assertThat(acd.snapshot("support").waiting()).hasSize(1);
    }

    @Test
    void busyDeviceGoesNotReady() {
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        acd.handle(new PbxEvent.OriginateFailed(PBX, time.instant(), offeredLeg(), PbxEvent.OriginateOutcome.BUSY, "busy"));
        assertThat(acd.agent("a1").reason).isEqualTo("device-unavailable");
        assertThat(acd.snapshot("support").waiting()).hasSize(1);
    }

    @Test
    void endpointInUse() {
        login("a1", "PJSIP/1001");
        var r = acd.handle(new AgentCommand.Login("a2", PBX, "PJSIP/1001", List.of("support")));
        assertThat(r.errorId()).isEqualTo("endpoint-in-use");
    }

    @Test
    void resyncEndsVanishedCallsOnceAndAdoptsWaitingCallers() {
        login("a1", "PJSIP/1001");
        handoff("c1", 0);
        acd.handle(new PbxEvent.PbxDisconnected(PBX, time.instant(), "x"));
        time.advanceSeconds(10);
        var handoff = new PbxEvent.Handoff("support", 0, Map.of("k", "v"));
        var synced = new PbxEvent.PbxSynced(PBX, time.instant(), List.of(new LegSnapshot("c9", "c9", "PJSIP/trunk-9",
                "", LegState.UP, "139", "李娜", "4000", null, handoff)));
        acd.handle(synced);
        assertThat(out.ended).singleElement().satisfies(r -> {
            assertThat(r.reconciled()).isTrue();
            assertThat(r.endedAt()).isEqualTo(time.instant());
        });
        acd.handle(synced);
        assertThat(out.ended).hasSize(1);
        assertThat(acd.snapshot("support").waiting()).extracting(w -> w.callId()).containsExactly(PBX + ":c9");
        ready("a1");
        assertThat(gw.last(PbxCommand.OriginateLeg.class).variables()).containsEntry("ZUOXI_CALL_ID", PBX + ":c9");
    }

    @Test
    void resyncKeepsBridgedAgentOnCall() {
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        agentLegUp("c1");
        String leg = offeredLeg();
        acd.handle(new PbxEvent.PbxDisconnected(PBX, time.instant(), "x"));
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(
                new LegSnapshot("c1", "c1", "t", "", LegState.UP, "1", "", "", "b1", new PbxEvent.Handoff("support", 0, Map.of())),
                new LegSnapshot(leg, leg, "PJSIP/1001-1", "PJSIP/1001", LegState.UP, "", "", "", "b1", null))));
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.ON_CALL);
        assertThat(out.ended).isEmpty();
        assertThat(acd.snapshot("support").waiting()).isEmpty();
    }

    @Test
    void illegalTransitionsAreCounted() {
        login("a1", "PJSIP/1001");
        assertThat(acd.handle(new AgentCommand.EndWrapUp("a1")).errorId()).isEqualTo("illegal-transition");
        assertThat(acd.illegalTransitions()).containsEntry("NOT_READY+EndWrapUp", 1L);
        assertThat(acd.handle(new AgentCommand.Ready("nobody")).errorId()).isEqualTo("not-logged-in");
        assertThat(acd.debugState()).containsKeys("agents", "queues", "calls", "counters");
    }

    @Test
    @SuppressWarnings("unchecked")
    void debugStateQueuesCarryTheQueueSnapshotWithDefinitionAndOfferTrace() {
        acd.defineQueues(List.of(new QueueDefinition("support", "技术支持", 15, 0, 20, "longest-idle")));
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 3);
        time.advanceSeconds(4);
        List<Map<String, Object>> queues = (List<Map<String, Object>>) acd.debugState().get("queues");
        Map<String, Object> support = queues.stream().filter(q -> "support".equals(q.get("queue"))).findFirst()
                .orElseThrow();
        assertThat(support).containsEntry("longestWaitSeconds", 4L).containsEntry("agentsLoggedIn", 1)
                .containsEntry("agentsBusy", 1).containsEntry("agentsReady", 0).containsEntry("answeredToday", 0L);
        assertThat((Map<String, Object>) support.get("definition")).containsEntry("ringTimeoutSeconds", 15);
        List<Map<String, Object>> waiting = (List<Map<String, Object>>) support.get("waiting");
        assertThat(waiting).singleElement().satisfies(w -> {
            assertThat(w).containsEntry("callId", PBX + ":c1").containsEntry("callerNumber", "13800138000")
                    .containsEntry("priority", 3).containsEntry("offeredTo", "a1");
            assertThat((List<?>) w.get("offers")).hasSize(1);
        });
    }

    @Test
    void callerTakenBackForTheFallbackIsNeverOfferedAndEndsOverflowed() {
        login("a1", "PJSIP/1001");
        handoff("c1", 0);
        time.advanceSeconds(30);
        acd.handle(new PbxEvent.HandoffRevoked(PBX, time.instant(), "c1", "timeout"));
        assertThat(acd.snapshot("support").waiting()).isEmpty();
        assertThat(acd.snapshot("support").overflowedToday()).isEqualTo(1);
        ready("a1");
        assertThat(gw.of(PbxCommand.OriginateLeg.class)).as("never offered after it left").isEmpty();
        time.advanceSeconds(20); // voicemail
        hangup("c1");
        assertThat(out.ended).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("OVERFLOWED");
            assertThat(r.waitSeconds()).as("enqueued until it left the queue").isEqualTo(30);
        });
        assertThat(acd.snapshot("support").abandonedToday()).as("not an abandon").isZero();
    }

    @Test
    void callerTakenBackWhileAnAgentIsRungFreesTheAgentAndIsNeverBridged() {
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        String leg = offeredLeg();
        acd.handle(new PbxEvent.HandoffRevoked(PBX, time.instant(), "c1", "timeout"));
        assertThat(gw.last(PbxCommand.HangupLeg.class).legId()).isEqualTo(leg);
        assertThat(acd.agent("a1").state).as("not the agent's fault").isEqualTo(AgentState.READY);
        // a late answer of the agent's phone must not bridge the caller out of its voicemail
        agentLegUp("c1");
        assertThat(gw.of(PbxCommand.BridgeLegs.class)).isEmpty();
        acd.handle(new PbxEvent.HandoffRevoked(PBX, time.instant(), "c1", "timeout"));
        assertThat(acd.snapshot("support").overflowedToday()).as("counted once").isEqualTo(1);
    }

    @Test
    void resyncKeepsTheRealHandoffTimeAndDialledNumber() {
        Instant handedOff = time.instant().minusSeconds(19);
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(new LegSnapshot("c7", "c7", "sofia/x", "",
                LegState.UP, "139", "", "zuoxi-handoff", null,
                new PbxEvent.Handoff("support", 0, Map.of(), handedOff, "4001")))));
        login("a1", "PJSIP/1001");
        ready("a1");
        assertThat(out.offered).singleElement().satisfies(o -> {
            assertThat(o.waitSeconds()).isEqualTo(19);
            assertThat(o.calledNumber()).isEqualTo("4001");
        });
        // a hand-off time in the future (clock skew) counts from the resync instead
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(new LegSnapshot("c8", "c8", "sofia/y", "",
                LegState.UP, "138", "", "", null,
                new PbxEvent.Handoff("support", 0, Map.of(), time.instant().plusSeconds(60), null)))));
        assertThat(acd.snapshot("support").waiting()).singleElement()
                .satisfies(w -> assertThat(w.enqueuedAt()).isEqualTo(time.instant()));
    }

    @Test
    void resyncNeverRequeuesACallerThatIsInABridge() {
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(new LegSnapshot("c5", "c5", "PJSIP/trunk-5", "",
                LegState.UP, "139", "", "4001", "bridge-1", new PbxEvent.Handoff("support", 0, Map.of())))));
        login("a1", "PJSIP/1001");
        ready("a1");
        assertThat(acd.snapshot("support").waiting()).isEmpty();
        assertThat(gw.of(PbxCommand.OriginateLeg.class)).as("talking to an agent of an earlier run").isEmpty();
    }

    @Test
    void resyncHangsUpAgentLegsAnEarlierRunLeftRinging() {
        String orphan = "zx-0abcde-0000001";
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(
                new LegSnapshot(orphan, orphan, "PJSIP/1001-7", "PJSIP/1001", LegState.RINGING, "", "", "", null, null),
                new LegSnapshot("zx-0abcde-0000002", "x", "PJSIP/1002-8", "PJSIP/1002", LegState.UP, "", "", "", "b1",
                        null),
                new LegSnapshot("1700.5", "1700.5", "PJSIP/trunk-5", "", LegState.UP, "", "", "", null, null))));
        assertThat(gw.of(PbxCommand.HangupLeg.class)).as("only the unbridged orphan: talking legs and other channels stay")
                .extracting(PbxCommand.HangupLeg::legId).containsExactly(orphan);
    }

    @Test
    void resyncKeepsTheRingingLegOfALiveOfferEvenIfItsCreationWasMissed() {
        login("a1", "PJSIP/1001");
        ready("a1");
        handoff("c1", 0);
        String leg = offeredLeg(); // events were lost: no LegCreated for it
        acd.handle(new PbxEvent.PbxSynced(PBX, time.instant(), List.of(
                new LegSnapshot("c1", "c1", "PJSIP/trunk-c1", "", LegState.UP, "", "", "", null,
                        new PbxEvent.Handoff("support", 0, Map.of())),
                new LegSnapshot(leg, leg, "PJSIP/1001-9", "PJSIP/1001", LegState.RINGING, "", "", "", null, null))));
        assertThat(gw.of(PbxCommand.HangupLeg.class)).isEmpty();
        assertThat(acd.agent("a1").state).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void agentLegIdsHaveOneLengthSoNoneIsAPrefixOfAnother() {
        login("a1", "PJSIP/1001");
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            ready("a1");
            handoff("c" + i, 0);
            String leg = offeredLeg();
            assertThat(leg).startsWith("zx-");
            lengths.add(leg.length());
            hangup("c" + i);
            acd.handle(new AgentCommand.Ready("a1"));
        }
        assertThat(lengths).hasSize(1);
    }
}
