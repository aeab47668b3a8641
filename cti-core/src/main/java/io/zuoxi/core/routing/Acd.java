package io.zuoxi.core.routing;

import io.zuoxi.core.agent.Agent;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentCommandResult;
import io.zuoxi.core.agent.AgentInput;
import io.zuoxi.core.agent.AgentInput.OfferFailure;
import io.zuoxi.core.agent.AgentMachine;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.call.Call;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.call.Leg;
import io.zuoxi.core.clock.TimerPort;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxGateway;
import io.zuoxi.core.queue.QueueDefinition;
import io.zuoxi.core.queue.QueueSnapshot;
import io.zuoxi.core.queue.QueueState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The call-centre brain: call tracking (legs → calls), agents, queues and dispatch. Single-threaded
 * by contract: every method must be called on the same thread (the core verticle's context), including
 * the completions of {@link PbxGateway} stages. Rules: {@code docs/state-machines.md}.
 */
public final class Acd {

    private static final Logger log = LoggerFactory.getLogger(Acd.class);
    private static final int NORMAL_CLEARING = 16;
    private static final int MAX_ENDED_CALLS = 1000;
    /**
     * Every agent leg Zuoxi originates has an id {@code zx-<run>-<seq>} of one fixed length: AMI finds
     * channels by prefix, so no id may be a prefix of another (ivr-dialplans/README.md), and the random
     * run part keeps ids of an earlier run of Zuoxi from coming back. A leg with this prefix that the
     * engine does not know is an orphan of an earlier run.
     */
    static final String AGENT_LEG_PREFIX = "zx-";
    private final String runId = pad(Long.toString(new java.util.Random().nextInt(1 << 30), 36), 6);

    private final Clock clock;
    private final TimerPort timer;
    private final PbxGateway gateway;
    private final CoreListener listener;

    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, QueueState> queues = new TreeMap<>();
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<String, Leg> legs = new HashMap<>();
    private final Map<String, Offer> offersByCall = new HashMap<>();
    private final Map<String, TimerPort.Handle> wrapTimers = new HashMap<>();
    private final Set<String> downPbxs = new HashSet<>();
    private final Map<String, Call> endedCalls = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Call> eldest) {
            return size() > MAX_ENDED_CALLS;
        }
    };
    private final Map<String, Long> illegalTransitions = new TreeMap<>();
    private final Set<String> dirtyQueues = new HashSet<>();
    private long eventsProcessed;
    private long commandsFailed;
    private long legSeq;

    private record Offer(String callId, String agentId, String legId, TimerPort.Handle ringTimer) {}

    public Acd(Clock clock, TimerPort timer, PbxGateway gateway, CoreListener listener) {
        this.clock = clock;
        this.timer = timer;
        this.gateway = gateway;
        this.listener = listener;
    }

    // ---------------------------------------------------------------- queues

    /** Replaces the set of queue definitions; queues with waiting calls stay (with defaults) until empty. */
    public void defineQueues(List<QueueDefinition> definitions) {
        Map<String, QueueDefinition> byName = new HashMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        for (var e : queues.entrySet()) {
            QueueDefinition d = byName.get(e.getKey());
            e.getValue().definition = d != null ? d : QueueDefinition.defaults(e.getKey());
        }
        for (QueueDefinition d : definitions) {
            queues.computeIfAbsent(d.name(), n -> new QueueState(d));
        }
        dirtyQueues.addAll(queues.keySet());
        dispatch();
        flush();
    }

    private QueueState queue(String name) {
        return queues.computeIfAbsent(name, n -> new QueueState(QueueDefinition.defaults(n)));
    }

    // ---------------------------------------------------------------- agent commands

    public AgentCommandResult handle(AgentCommand command) {
        try {
            if (command instanceof AgentCommand.Login l) {
                return login(l);
            } else if (command instanceof AgentCommand.Ready r) {
                return agentInput(r.agentId(), new AgentInput.Ready());
            } else if (command instanceof AgentCommand.NotReady n) {
                return n.reason() == null || n.reason().isBlank()
                        ? AgentCommandResult.refused("missing-reason", "a not-ready reason is required", stateOf(n.agentId()))
                        : agentInput(n.agentId(), new AgentInput.NotReady(n.reason()));
            } else if (command instanceof AgentCommand.EndWrapUp e) {
                return agentInput(e.agentId(), new AgentInput.EndWrapUp());
            } else {
                return agentInput(command.agentId(), new AgentInput.Logout());
            }
        } finally {
            dispatch();
            flush();
        }
    }

    private AgentState stateOf(String agentId) {
        Agent a = agents.get(agentId);
        return a == null ? AgentState.LOGGED_OUT : a.state;
    }

    private AgentCommandResult login(AgentCommand.Login l) {
        Agent a = agents.computeIfAbsent(l.agentId(), Agent::new);
        if (a.state != AgentState.LOGGED_OUT) {
            return AgentCommandResult.refused("already-logged-in", "agent " + l.agentId() + " is logged in", a.state);
        }
        for (Agent other : agents.values()) {
            if (other != a && other.state != AgentState.LOGGED_OUT && l.endpoint().equals(other.endpoint)
                    && l.pbx().equals(other.pbx)) {
                return AgentCommandResult.refused("endpoint-in-use",
                        "endpoint " + l.endpoint() + " is used by agent " + other.agentId, a.state);
            }
        }
        a.pbx = l.pbx();
        a.endpoint = l.endpoint();
        a.queues = l.queues();
        a.loggedInAt = clock.instant();
        a.queues.forEach(this::queue);
        return apply(a, new AgentInput.Login(), null)
                ? AgentCommandResult.ok(a.state)
                : AgentCommandResult.refused("illegal-transition", "login", a.state);
    }

    private AgentCommandResult agentInput(String agentId, AgentInput input) {
        Agent a = agents.get(agentId);
        if (a == null || a.state == AgentState.LOGGED_OUT) {
            return AgentCommandResult.refused("not-logged-in", "agent " + agentId + " is not logged in",
                    AgentState.LOGGED_OUT);
        }
        boolean ok = apply(a, input, a.callId);
        return ok ? AgentCommandResult.ok(a.state)
                : AgentCommandResult.refused("illegal-transition", input.name() + " is not allowed in " + a.state, a.state);
    }

    /** Runs the pure machine and applies its result: state, times, timers, the published event. */
    private boolean apply(Agent a, AgentInput input, String callId) {
        AgentMachine.Transition t = AgentMachine.apply(a.state, a.reason, a.pendingReason, input);
        if (!t.accepted()) {
            illegalTransitions.merge(a.state + "+" + input.name(), 1L, Long::sum);
            log.warn("agent {} illegal transition: {} in {} (rejected)", a.agentId, input.name(), a.state);
            return false;
        }
        Instant now = clock.instant();
        String wrapCall = a.wrapCallId;
        a.pendingReason = t.pendingReason();
        if (t.effect() == AgentMachine.Effect.END_WRAP_UP || (input instanceof AgentInput.CallEnded && t.to() != AgentState.WRAP_UP)) {
            endWrapUp(a, now, input instanceof AgentInput.CallEnded ? callId : wrapCall);
        }
        if (t.effect() == AgentMachine.Effect.START_WRAP_UP_TIMER) {
            a.wrapCallId = callId;
            a.wrapStartedAt = now;
            if (t.wrapUpSeconds() > 0) {
                wrapTimers.put(a.agentId, timer.schedule(Duration.ofSeconds(t.wrapUpSeconds()), () -> {
                    wrapTimers.remove(a.agentId);
                    apply(a, new AgentInput.WrapUpExpired(), a.wrapCallId);
                    dispatch();
                    flush();
                }));
            }
        }
        AgentState from = a.state;
        boolean changed = from != t.to() || (t.to() == AgentState.NOT_READY && !java.util.Objects.equals(a.reason, t.reason()));
        if (input instanceof AgentInput.Offered o) {
            a.callId = o.callId();
        }
        a.state = t.to();
        a.reason = t.reason();
        if (changed) {
            a.since = now;
            if (t.to() == AgentState.READY) {
                a.readySince = now;
            }
            String eventCall = callId != null ? callId : a.callId;
            if (t.to() != AgentState.RESERVED && t.to() != AgentState.ON_CALL && t.to() != AgentState.WRAP_UP) {
                a.callId = null;
            }
            log.info("agent {} {} -> {} on {}{}", a.agentId, from, t.to(), input.name(),
                    t.reason() != null ? " (" + t.reason() + ")" : "");
            listener.agentStateChanged(new AgentStateChanged(a.agentId, from, t.to(), t.reason(), eventCall,
                    a.endpoint, now));
            dirtyQueues.addAll(a.queues);
        }
        if (t.to() == AgentState.LOGGED_OUT) {
            a.callId = null;
        }
        return true;
    }

    private void endWrapUp(Agent a, Instant now, String callId) {
        TimerPort.Handle h = wrapTimers.remove(a.agentId);
        if (h != null) {
            h.cancel();
        }
        Instant started = a.wrapStartedAt != null ? a.wrapStartedAt : now;
        long seconds = Math.max(0, Duration.between(started, now).toSeconds());
        a.wrapCallId = null;
        a.wrapStartedAt = null;
        if (callId == null) {
            return;
        }
        Call call = calls.getOrDefault(callId, endedCalls.get(callId));
        if (call == null || call.wrapUpSeconds != null) {
            return;
        }
        call.wrapUpSeconds = seconds;
        if (call.ended()) {
            listener.callWrapUpEnded(call.toRecord());
        }
    }

    // ---------------------------------------------------------------- PBX events

    public void handle(PbxEvent event) {
        eventsProcessed++;
        if (event instanceof PbxEvent.PbxDisconnected d) {
            downPbxs.add(d.pbx());
            log.warn("pbx {} disconnected ({}): no offers there until it resyncs", d.pbx(), d.reason());
        } else if (event instanceof PbxEvent.PbxSynced s) {
            synced(s);
        } else if (event instanceof PbxEvent.LegCreated c) {
            legCreated(c);
        } else if (event instanceof PbxEvent.LegAnswered a) {
            legAnswered(a.pbx(), a.legId(), a.at());
        } else if (event instanceof PbxEvent.LegBridged b) {
            Leg leg = legs.get(key(b.pbx(), b.legId()));
            if (leg != null) {
                leg.bridgeId = b.bridgeId();
            }
        } else if (event instanceof PbxEvent.LegUnbridged u) {
            Leg leg = legs.get(key(u.pbx(), u.legId()));
            if (leg != null) {
                leg.bridgeId = null;
            }
        } else if (event instanceof PbxEvent.LegHungUp h) {
            legHungUp(h.pbx(), h.legId(), h.cause(), h.at(), false);
        } else if (event instanceof PbxEvent.CallHandedOff h) {
            handedOff(h.pbx(), h.legId(), h.linkedId(), h.queue(), h.priority(),
                    h.callerNumber(), h.callerName(), h.calledNumber(), h.attachedData(), h.at());
        } else if (event instanceof PbxEvent.HandoffRevoked r) {
            handoffRevoked(r);
        } else if (event instanceof PbxEvent.OriginateFailed f) {
            originateFailed(f);
        }
        dispatch();
        flush();
    }

    private static String key(String pbx, String legId) {
        return pbx + "\u0000" + legId;
    }

    private static String callIdFor(String pbx, String linkedId) {
        return pbx + ":" + linkedId;
    }

    private Call callFor(String pbx, String linkedId, Instant at) {
        String id = callIdFor(pbx, linkedId);
        if (endedCalls.containsKey(id)) {
            return null;
        }
        return calls.computeIfAbsent(id, i -> new Call(i, pbx, linkedId, at));
    }

    private Offer offerByLeg(String pbx, String legId) {
        for (Offer o : offersByCall.values()) {
            if (o.legId.equals(legId) && calls.containsKey(o.callId) && calls.get(o.callId).pbx.equals(pbx)) {
                return o;
            }
        }
        return null;
    }

    private void legCreated(PbxEvent.LegCreated c) {
        if (legs.containsKey(key(c.pbx(), c.legId()))) {
            return;
        }
        Offer offer = offerByLeg(c.pbx(), c.legId());
        String zuoxiCall = c.variables().get("ZUOXI_CALL_ID");
        Call call;
        Leg.Role role;
        if (offer != null) {
            call = calls.get(offer.callId);
            role = Leg.Role.AGENT;
        } else if (c.linkedId() != null && legs.containsKey(key(c.pbx(), c.linkedId()))
                && legs.get(key(c.pbx(), c.linkedId())).role == Leg.Role.AGENT) {
            // the other half of a Local channel Zuoxi originated: same call, never waited for
            call = calls.get(legs.get(key(c.pbx(), c.linkedId())).callId);
            role = Leg.Role.OTHER;
        } else if (zuoxiCall != null && calls.containsKey(zuoxiCall)) {
            call = calls.get(zuoxiCall);
            role = Leg.Role.OTHER;
        } else {
            call = callFor(c.pbx(), c.linkedId() != null ? c.linkedId() : c.legId(), c.at());
            if (call == null) {
                return;
            }
            role = call.legs.isEmpty() ? Leg.Role.CALLER : Leg.Role.OTHER;
            if (call.legs.isEmpty()) {
                call.callerNumber = c.callerNumber();
                call.callerName = c.callerName();
                call.calledNumber = c.calledNumber();
            }
        }
        Leg leg = new Leg(c.pbx(), c.legId(), role, call.callId, c.at());
        leg.channel = c.channel();
        if (offer != null) {
            leg.agentId = offer.agentId;
        }
        legs.put(key(c.pbx(), c.legId()), leg);
        call.legs.put(c.legId(), leg);
    }

    private Leg ensureLeg(Call call, String legId, Leg.Role role, Instant at) {
        Leg leg = legs.get(key(call.pbx, legId));
        if (leg == null) {
            leg = new Leg(call.pbx, legId, role, call.callId, at);
            legs.put(key(call.pbx, legId), leg);
        } else if (!leg.callId.equals(call.callId)) {
            Call old = calls.get(leg.callId);
            if (old != null) {
                old.legs.remove(legId);
            }
            leg.callId = call.callId;
        }
        leg.role = role;
        call.legs.put(legId, leg);
        return leg;
    }

    private void handedOff(String pbx, String legId, String linkedId, String queueName, int priority,
                           String callerNumber, String callerName, String calledNumber,
                           Map<String, String> data, Instant at) {
        Leg existing = legs.get(key(pbx, legId));
        Call call = existing != null ? calls.get(existing.callId)
                : callFor(pbx, linkedId != null ? linkedId : legId, at);
        if (call == null || call.ended() || call.handedOff()) {
            return;
        }
        ensureLeg(call, legId, Leg.Role.CALLER, at);
        call.callerLegId = legId;
        call.direction = "INBOUND";
        call.queue = queueName;
        call.priority = priority;
        call.attachedData = Map.copyOf(data);
        if (callerNumber != null) {
            call.callerNumber = callerNumber;
        }
        if (callerName != null) {
            call.callerName = callerName;
        }
        if (calledNumber != null && !calledNumber.isBlank()) {
            call.calledNumber = calledNumber;
        }
        call.enqueuedAt = at;
        queue(queueName).add(call);
        dirtyQueues.add(queueName);
        log.info("call {} queued in {} (priority {})", call.callId, queueName, priority);
    }

    /** The dialplan took the caller back for its fallback: out of the queue, never offered again. */
    private void handoffRevoked(PbxEvent.HandoffRevoked r) {
        Leg leg = legs.get(key(r.pbx(), r.legId()));
        Call call = leg == null ? null : calls.get(leg.callId);
        if (call == null || !call.handedOff() || !r.legId().equals(call.callerLegId) || call.answeredAt != null
                || call.revokedAt != null) {
            return;
        }
        call.revokedAt = r.at();
        QueueState q = queue(call.queue);
        q.remove(call);
        q.rollDay(today());
        q.overflowedToday++;
        dirtyQueues.add(call.queue);
        log.info("call {} left queue {} for the PBX's fallback ({})", call.callId, call.queue, r.reason());
        Offer offer = offersByCall.get(call.callId);
        if (offer != null) {
            endOffer(call, offer, OfferFailure.PBX_PROBLEM, true); // not the agent's fault
        }
    }

    private void legAnswered(String pbx, String legId, Instant at) {
        Leg leg = legs.get(key(pbx, legId));
        if (leg == null || leg.answeredAt != null) {
            return;
        }
        leg.answeredAt = at;
        Offer offer = offerByLeg(pbx, legId);
        if (offer == null) {
            return;
        }
        Call call = calls.get(offer.callId);
        Leg caller = call.legs.get(call.callerLegId);
        if (caller == null || !caller.live() || call.revokedAt != null) {
            return; // the caller left (or went to the fallback); that already ended the offer
        }
        offer.ringTimer.cancel();
        offersByCall.remove(call.callId);
        Agent agent = agents.get(offer.agentId);
        send(new PbxCommand.BridgeLegs(pbx, call.callerLegId, legId), r -> {
            if (!r.ok()) {
                log.warn("bridging call {} failed: {} {}", call.callId, r.errorId(), r.message());
                send(new PbxCommand.HangupLeg(pbx, legId, NORMAL_CLEARING), x -> { });
            }
        });
        call.answeredAt = at;
        call.agentId = offer.agentId;
        call.agentLegId = legId;
        QueueState q = queue(call.queue);
        q.remove(call);
        q.rollDay(today());
        q.answeredToday++;
        dirtyQueues.add(call.queue);
        if (agent != null) {
            apply(agent, new AgentInput.OfferAnswered(), call.callId);
        }
    }

    private void legHungUp(String pbx, String legId, int cause, Instant at, boolean reconciled) {
        Leg leg = legs.remove(key(pbx, legId));
        if (leg == null || !leg.live()) {
            return;
        }
        leg.endedAt = at;
        leg.hangupCause = cause;
        Call call = calls.get(leg.callId);
        if (call == null) {
            return;
        }
        if (reconciled) {
            call.reconciled = true;
        }
        Offer offer = offersByCall.get(call.callId);
        if (call.handedOff() && legId.equals(call.callerLegId)) {
            if (call.revokedAt != null) {
                // hung up in the PBX's fallback: the record says OVERFLOWED, counted when it left the queue
                if (offer != null) {
                    endOffer(call, offer, OfferFailure.PBX_PROBLEM, true);
                }
            } else if (call.answeredAt == null) {
                // abandoned while queued, or while an agent was rung (not the agent's fault)
                call.abandoned = true;
                QueueState q = queue(call.queue);
                q.remove(call);
                q.rollDay(today());
                q.abandonedToday++;
                dirtyQueues.add(call.queue);
                if (offer != null) {
                    endOffer(call, offer, OfferFailure.PBX_PROBLEM, true);
                }
            } else {
                callerOrAgentGone(call, at);
            }
        } else if (offer != null && legId.equals(offer.legId)) {
            // the rung device hung up before answering: busy or declined
            endOffer(call, offer, cause == 17 || cause == 21 ? OfferFailure.DEVICE_UNAVAILABLE : OfferFailure.NO_ANSWER,
                    false);
        } else if (legId.equals(call.agentLegId)) {
            callerOrAgentGone(call, at);
        }
        maybeEnd(call, at);
    }

    /** Talk ended: hang up whichever side is still there and put the agent into wrap-up. */
    private void callerOrAgentGone(Call call, Instant at) {
        if (call.talkEndedAt != null) {
            return;
        }
        call.talkEndedAt = at;
        for (String other : new String[] {call.callerLegId, call.agentLegId}) {
            Leg l = call.legs.get(other);
            if (l != null && l.live()) {
                send(new PbxCommand.HangupLeg(call.pbx, other, NORMAL_CLEARING), r -> { });
            }
        }
        Agent agent = agents.get(call.agentId);
        if (agent != null && call.callId.equals(agent.callId)) {
            apply(agent, new AgentInput.CallEnded(queue(call.queue).definition.wrapUpSeconds()), call.callId);
        }
    }

    private void maybeEnd(Call call, Instant at) {
        if (call.ended()) {
            return;
        }
        boolean done;
        if (call.handedOff()) {
            Leg caller = call.legs.get(call.callerLegId);
            boolean agentLegLive = call.legs.values().stream().anyMatch(l -> l.role == Leg.Role.AGENT && l.live());
            done = (caller == null || !caller.live()) && !agentLegLive && !offersByCall.containsKey(call.callId);
        } else {
            done = call.legs.values().stream().noneMatch(Leg::live);
        }
        if (!done) {
            return;
        }
        call.endedAt = at;
        calls.remove(call.callId);
        endedCalls.put(call.callId, call);
        for (Leg l : call.legs.values()) {
            legs.remove(key(call.pbx, l.legId));
        }
        CallRecord record = call.toRecord();
        log.info("call {} ended: {} wait {}s talk {}s", call.callId, record.outcome(), record.waitSeconds(),
                record.talkSeconds());
        listener.callEnded(record);
        if (call.wrapUpSeconds != null) {
            listener.callWrapUpEnded(record);
        }
    }

    private void originateFailed(PbxEvent.OriginateFailed f) {
        Offer offer = offerByLeg(f.pbx(), f.legId());
        if (offer == null) {
            return;
        }
        OfferFailure failure = switch (f.outcome()) {
            case NO_ANSWER -> OfferFailure.NO_ANSWER;
            case BUSY, REJECTED, INVALID_NUMBER, FAILED -> OfferFailure.DEVICE_UNAVAILABLE;
            case CONGESTION -> OfferFailure.PBX_PROBLEM;
        };
        Call call = calls.get(offer.callId);
        endOffer(call, offer, downPbxs.contains(f.pbx()) ? OfferFailure.PBX_PROBLEM : failure, false);
    }

    /** An offer did not become a call: the agent's state follows the rules, the call keeps its place. */
    private void endOffer(Call call, Offer offer, OfferFailure failure, boolean hangupAgentLeg) {
        offersByCall.remove(call.callId);
        offer.ringTimer.cancel();
        Leg agentLeg = legs.get(key(call.pbx, offer.legId));
        if (agentLeg != null && agentLeg.live() || hangupAgentLeg) {
            send(new PbxCommand.HangupLeg(call.pbx, offer.legId, NORMAL_CLEARING), r -> { });
        }
        Agent agent = agents.get(offer.agentId);
        if (agent != null && call.callId.equals(agent.callId)) {
            apply(agent, new AgentInput.OfferFailed(failure), call.callId);
        }
        if (!call.abandoned && call.answeredAt == null) {
            dirtyQueues.add(call.queue);
        }
        maybeEnd(call, clock.instant());
    }

    // ---------------------------------------------------------------- reconciliation

    private void synced(PbxEvent.PbxSynced s) {
        downPbxs.remove(s.pbx());
        Map<String, PbxEvent.LegSnapshot> listed = new HashMap<>();
        s.legs().forEach(l -> listed.put(l.legId(), l));
        Instant now = s.at();
        List<Leg> known = new ArrayList<>();
        for (Leg l : legs.values()) {
            if (l.pbx.equals(s.pbx()) && l.live()) {
                known.add(l);
            }
        }
        for (Leg l : known) {
            PbxEvent.LegSnapshot snap = listed.get(l.legId);
            if (snap == null) {
                legHungUp(s.pbx(), l.legId, NORMAL_CLEARING, now, true);
            } else if (snap.state() == PbxEvent.LegState.UP && l.answeredAt == null) {
                legAnswered(s.pbx(), l.legId, now); // answered while we were not looking
            }
        }
        for (PbxEvent.LegSnapshot snap : s.legs()) {
            if (legs.containsKey(key(s.pbx(), snap.legId()))) {
                continue;
            }
            if (snap.handoff() != null && snap.bridgeId() == null) {
                // a caller in a bridge is talking to somebody (an agent of an earlier run of Zuoxi): never
                // re-queue it, or the next ready agent would pull it out of that conversation
                PbxEvent.Handoff h = snap.handoff();
                // the real hand-off time when the PBX kept it, so the wait survives a restart of Zuoxi
                Instant since = h.waitingSince() != null && !h.waitingSince().isAfter(now) ? h.waitingSince() : now;
                handedOff(s.pbx(), snap.legId(), snap.linkedId(), h.queue(), h.priority(), snap.callerNumber(),
                        snap.callerName(), h.calledNumber() != null ? h.calledNumber() : snap.calledNumber(),
                        h.attachedData(), since);
                Leg leg = legs.get(key(s.pbx(), snap.legId()));
                if (leg != null) {
                    leg.channel = snap.channel();
                }
            } else if (snap.legId().startsWith(AGENT_LEG_PREFIX) && snap.bridgeId() == null
                    && offerByLeg(s.pbx(), snap.legId()) == null) {
                // an agent leg a previous run of Zuoxi originated and never bridged (Zuoxi restarted while
                // the phone rang): nobody will ever bridge it, so the agent's phone must not stay off-hook.
                // (A leg of a live offer whose LegCreated was lost is not an orphan.)
                log.info("pbx {}: hanging up orphaned agent leg {} ({})", s.pbx(), snap.legId(), snap.channel());
                send(new PbxCommand.HangupLeg(s.pbx(), snap.legId(), NORMAL_CLEARING), r -> { });
            }
        }
        log.info("pbx {} synced: {} legs listed, {} known before", s.pbx(), s.legs().size(), known.size());
    }

    // ---------------------------------------------------------------- dispatch

    private void dispatch() {
        for (QueueState q : queues.values()) {
            for (Call call : q.waiting()) {
                if (offersByCall.containsKey(call.callId) || downPbxs.contains(call.pbx)) {
                    continue;
                }
                if (!offer(q, call)) {
                    break; // nobody ready for this queue: later calls will not find anyone either
                }
            }
        }
    }

    private boolean offer(QueueState q, Call call) {
        Instant now = clock.instant();
        List<AgentSelector.Candidate> candidates = new ArrayList<>();
        for (Agent a : agents.values()) {
            if (a.state == AgentState.READY && a.queues.contains(q.definition.name()) && call.pbx.equals(a.pbx)) {
                candidates.add(new AgentSelector.Candidate(a.agentId, a.readySince, a.loggedInAt));
            }
        }
        AgentSelector selector = AgentSelector.byName(q.definition.strategy());
        var chosen = selector.select(candidates, now);
        if (chosen.isEmpty()) {
            return false;
        }
        Agent agent = agents.get(chosen.get().agentId());
        String legId = AGENT_LEG_PREFIX + runId + "-" + pad(Long.toString(++legSeq, 36), 7);
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("at", now.toString());
        trace.put("agentId", agent.agentId);
        trace.put("legId", legId);
        trace.put("strategy", selector.name());
        List<Map<String, Object>> cands = new ArrayList<>();
        for (AgentSelector.Candidate c : candidates) {
            cands.add(Map.of("agentId", c.agentId(), "idleSeconds", Duration.between(c.readySince(), now).toSeconds()));
        }
        trace.put("candidates", cands);
        call.offerTrace.add(trace);
        call.offers++;
        call.offeredAt = now;
        int ring = q.definition.ringTimeoutSeconds();
        TimerPort.Handle ringTimer = timer.schedule(Duration.ofSeconds(ring), () -> ringTimedOut(call.callId, legId));
        offersByCall.put(call.callId, new Offer(call.callId, agent.agentId, legId, ringTimer));
        apply(agent, new AgentInput.Offered(call.callId), call.callId);
        dirtyQueues.add(q.definition.name());
        log.info("call {} offered to {} on {} (leg {}, {} candidates)", call.callId, agent.agentId, agent.endpoint,
                legId, candidates.size());
        Map<String, String> vars = Map.of("ZUOXI_CALL_ID", call.callId, "ZUOXI_QUEUE", q.definition.name());
        listener.callOffered(new CallOffered(call.callId, agent.agentId, call.queue, call.callerNumber, call.callerName,
                call.calledNumber, Duration.between(call.enqueuedAt, now).toSeconds(), call.attachedData,
                call.enqueuedAt, now));
        send(new PbxCommand.OriginateLeg(call.pbx, legId, agent.endpoint, nz(call.callerNumber), nz(call.callerName),
                Duration.ofSeconds(ring), vars), r -> {
            if (!r.ok()) {
                Offer o = offersByCall.get(call.callId);
                if (o != null && o.legId.equals(legId)) {
                    OfferFailure f = "pbx-rejected".equals(r.errorId()) ? OfferFailure.DEVICE_UNAVAILABLE
                            : OfferFailure.PBX_PROBLEM;
                    endOffer(call, o, f, false);
                    dispatch();
                    flush();
                }
            }
        });
        return true;
    }

    private static String pad(String s, int width) {
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void ringTimedOut(String callId, String legId) {
        Offer o = offersByCall.get(callId);
        Call call = calls.get(callId);
        if (o == null || call == null || !o.legId.equals(legId)) {
            return;
        }
        log.info("call {}: agent {} did not answer in time", callId, o.agentId);
        endOffer(call, o, downPbxs.contains(call.pbx) ? OfferFailure.PBX_PROBLEM : OfferFailure.NO_ANSWER, true);
        dispatch();
        flush();
    }

    private void send(PbxCommand command, java.util.function.Consumer<CommandResult> then) {
        gateway.send(command).thenAccept(r -> {
            if (!r.ok() && command instanceof PbxCommand.HangupLeg && "no-such-leg".equals(r.errorId())) {
                // the other side's hang-up already took the leg down (both PBXs end a bridge's partner)
                log.debug("hang-up of leg {}: already gone", ((PbxCommand.HangupLeg) command).legId());
            } else if (!r.ok()) {
                commandsFailed++;
                log.warn("command {} failed: {} {}", command.getClass().getSimpleName(), r.errorId(), r.message());
            }
            then.accept(r);
        });
    }

    // ---------------------------------------------------------------- snapshots

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    private void flush() {
        if (dirtyQueues.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(dirtyQueues);
        dirtyQueues.clear();
        for (String n : names) {
            listener.queueUpdated(snapshot(n));
        }
    }

    public QueueSnapshot snapshot(String name) {
        QueueState q = queue(name);
        q.rollDay(today());
        Instant now = clock.instant();
        List<QueueSnapshot.WaitingCall> waiting = new ArrayList<>();
        long longest = 0;
        for (Call c : q.waiting()) {
            Offer o = offersByCall.get(c.callId);
            waiting.add(new QueueSnapshot.WaitingCall(c.callId, c.callerNumber, c.callerName, c.priority, c.enqueuedAt,
                    o == null ? null : o.agentId));
            longest = Math.max(longest, Duration.between(c.enqueuedAt, now).toSeconds());
        }
        int ready = 0, busy = 0, in = 0;
        for (Agent a : agents.values()) {
            if (a.state == AgentState.LOGGED_OUT || !a.queues.contains(name)) {
                continue;
            }
            in++;
            if (a.state == AgentState.READY) {
                ready++;
            } else if (a.state == AgentState.RESERVED || a.state == AgentState.ON_CALL || a.state == AgentState.WRAP_UP) {
                busy++;
            }
        }
        return new QueueSnapshot(name, now, waiting, longest, ready, busy, in, q.answeredToday, q.abandonedToday,
                q.overflowedToday);
    }

    public Agent agent(String agentId) {
        return agents.get(agentId);
    }

    public Call call(String callId) {
        Call c = calls.get(callId);
        return c != null ? c : endedCalls.get(callId);
    }

    public Map<String, Long> illegalTransitions() {
        return Map.copyOf(illegalTransitions);
    }

    /** A JSON-able picture of everything the engine holds (maps, lists, strings and numbers only). */
    public Map<String, Object> debugState() {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now.toString());
        List<Map<String, Object>> as = new ArrayList<>();
        for (Agent a : agents.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agentId", a.agentId);
            m.put("pbx", a.pbx);
            m.put("endpoint", a.endpoint);
            m.put("queues", a.queues);
            m.put("state", a.state.name());
            m.put("since", str(a.since));
            m.put("secondsInState", a.since == null ? 0 : Duration.between(a.since, now).toSeconds());
            m.put("reason", a.reason);
            m.put("pendingReason", a.pendingReason);
            m.put("callId", a.callId);
            m.put("readySince", str(a.readySince));
            as.add(m);
        }
        out.put("agents", as);
        // Each queue is its QueueSnapshot (the shape of zuoxi.queue.updated) plus its definition and,
        // per waiting call, the offer trace: one shape for the bus, /api/v1/queues and /api/v1/status.
        List<Map<String, Object>> qs = new ArrayList<>();
        for (QueueState q : queues.values()) {
            QueueSnapshot snap = snapshot(q.definition.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queue", snap.queue());
            m.put("at", str(snap.at()));
            m.put("definition", Map.of("name", q.definition.name(), "ringTimeoutSeconds", q.definition.ringTimeoutSeconds(),
                    "wrapUpSeconds", q.definition.wrapUpSeconds(), "strategy", String.valueOf(q.definition.strategy())));
            List<Map<String, Object>> w = new ArrayList<>();
            for (QueueSnapshot.WaitingCall c : snap.waiting()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("callId", c.callId());
                cm.put("callerNumber", c.callerNumber());
                cm.put("callerName", c.callerName());
                cm.put("priority", c.priority());
                cm.put("enqueuedAt", str(c.enqueuedAt()));
                cm.put("offeredTo", c.offeredTo());
                Call call = calls.get(c.callId());
                cm.put("offers", call == null ? List.of() : call.offerTrace);
                w.add(cm);
            }
            m.put("waiting", w);
            m.put("longestWaitSeconds", snap.longestWaitSeconds());
            m.put("agentsReady", snap.agentsReady());
            m.put("agentsBusy", snap.agentsBusy());
            m.put("agentsLoggedIn", snap.agentsLoggedIn());
            m.put("answeredToday", snap.answeredToday());
            m.put("abandonedToday", snap.abandonedToday());
            m.put("overflowedToday", snap.overflowedToday());
            qs.add(m);
        }
        out.put("queues", qs);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Call c : calls.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("callId", c.callId);
            m.put("queue", c.queue);
            m.put("agentId", c.agentId);
            m.put("legs", new ArrayList<>(c.legs.keySet()));
            m.put("answeredAt", str(c.answeredAt));
            m.put("offerTrace", c.offerTrace);
            cs.add(m);
        }
        out.put("calls", cs);
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("eventsProcessed", eventsProcessed);
        counters.put("illegalTransitions", new LinkedHashMap<>(illegalTransitions));
        counters.put("commandsFailed", commandsFailed);
        out.put("counters", counters);
        return out;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
