package io.zuoxi.esl.translate;

import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.esl.codec.EslEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FreeSWITCH events → {@link PbxEvent}s (mapping table: {@code docs/pbx-mapping-esl.md}). Single
 * threaded (one connection's context). Events Zuoxi does not use are counted, never fatal.
 *
 * <p>Quirks handled (fixtures/freeswitch-1.10/README.txt): CHANNEL_BRIDGE / CHANNEL_UNBRIDGE fire
 * once per bridge on the A side, naming both legs in {@code Bridge-A-Unique-ID} /
 * {@code Bridge-B-Unique-ID}, so each yields two leg events; when the agent hangs up a
 * uuid_bridge'd caller, CHANNEL_UNBRIDGE arrives after the agent's hangup (quirk 4); ring_ready and
 * early media both fire (CHANNEL_PROGRESS, CHANNEL_PROGRESS_MEDIA) — the leg is reported ringing once.
 */
public final class EslEventTranslator {

    private final String pbx;
    private final String handoffSubclass;
    private final String fallbackSubclass;
    private final String defaultQueue;
    private final Clock clock;
    private final Set<String> ringing = new HashSet<>();
    private final Map<String, Long> ignored = new HashMap<>();
    private long translated;
    private long ignoredTotal;

    public EslEventTranslator(String pbx, String handoffSubclass, String defaultQueue, Clock clock) {
        this(pbx, handoffSubclass, "zuoxi::call_fallback", defaultQueue, clock);
    }

    /**
     * @param handoffSubclass  CUSTOM subclass of the hand-off (the caller waits for Zuoxi)
     * @param fallbackSubclass CUSTOM subclass the include fires when it takes the caller back for its fallback
     */
    public EslEventTranslator(String pbx, String handoffSubclass, String fallbackSubclass, String defaultQueue,
                              Clock clock) {
        this.pbx = pbx;
        this.handoffSubclass = handoffSubclass;
        this.fallbackSubclass = fallbackSubclass;
        this.defaultQueue = defaultQueue;
        this.clock = clock;
    }

    public List<PbxEvent> translate(EslEvent e) {
        List<PbxEvent> out = switch (e.name()) {
            case "CHANNEL_CREATE" -> List.of(legCreated(e));
            case "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA" ->
                    ringing.add(uuid(e)) ? List.of(new PbxEvent.LegRinging(pbx, at(e), uuid(e))) : List.of();
            case "CHANNEL_ANSWER" -> List.of(new PbxEvent.LegAnswered(pbx, at(e), uuid(e)));
            case "CHANNEL_BRIDGE" -> bridge(e, true);
            case "CHANNEL_UNBRIDGE" -> bridge(e, false);
            case "CHANNEL_HANGUP_COMPLETE" -> List.of(hungUp(e));
            case "DTMF" -> dtmf(e);
            case "BACKGROUND_JOB" -> backgroundJob(e);
            case "CUSTOM" -> custom(e);
            default -> List.of();
        };
        if (out.isEmpty() && !successfulJob(e)) {
            ignoredTotal++;
            ignored.merge(e.subclass() == null ? e.name() : e.name() + " " + e.subclass(), 1L, Long::sum);
        } else {
            translated += out.size();
        }
        return out;
    }

    /** Whether an event of this name can produce anything (CUSTOM: depends on the subclass). */
    public boolean handles(String eventName) {
        return switch (eventName) {
            case "CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER", "CHANNEL_BRIDGE",
                 "CHANNEL_UNBRIDGE", "CHANNEL_HANGUP_COMPLETE", "DTMF", "BACKGROUND_JOB", "CUSTOM" -> true;
            default -> false;
        };
    }

    /** Counts an event that was dropped unparsed because {@link #handles} said no. */
    public void skipped(String eventName) {
        ignoredTotal++;
        ignored.merge(eventName, 1L, Long::sum);
    }

    /** PbxEvents produced so far. */
    public long translatedCount() {
        return translated;
    }

    /** Events that produced nothing (unknown or not needed), total. */
    public long ignoredCount() {
        return ignoredTotal;
    }

    /** Ignored events by name ("CUSTOM subclass" for custom events). */
    public Map<String, Long> ignoredByName() {
        return Map.copyOf(ignored);
    }

    private PbxEvent.LegCreated legCreated(EslEvent e) {
        Map<String, String> vars = new HashMap<>();
        for (String k : e.headerNames()) {
            if (k.startsWith("variable_zuoxi_")) {
                vars.put(k.substring("variable_".length()), e.header(k));
            }
        }
        String channel = e.header("Channel-Name", "");
        return new PbxEvent.LegCreated(pbx, at(e), uuid(e), linkedId(e), channel, Endpoints.fromChannelName(channel),
                e.header("Caller-Caller-ID-Number", ""), e.header("Caller-Caller-ID-Name", ""),
                e.header("Caller-Destination-Number", ""), vars);
    }

    private List<PbxEvent> bridge(EslEvent e, boolean bridged) {
        String a = e.header("Bridge-A-Unique-ID", uuid(e));
        String b = e.header("Bridge-B-Unique-ID", e.header("Other-Leg-Unique-ID"));
        Instant at = at(e);
        if (b == null) {
            return bridged ? List.of(new PbxEvent.LegBridged(pbx, at, a, a)) : List.of(new PbxEvent.LegUnbridged(pbx, at, a, a));
        }
        // FreeSWITCH has no bridge object id; the A leg's uuid names the bridge for both legs
        return bridged
                ? List.of(new PbxEvent.LegBridged(pbx, at, a, a), new PbxEvent.LegBridged(pbx, at, b, a))
                : List.of(new PbxEvent.LegUnbridged(pbx, at, a, a), new PbxEvent.LegUnbridged(pbx, at, b, a));
    }

    private PbxEvent.LegHungUp hungUp(EslEvent e) {
        String uuid = uuid(e);
        ringing.remove(uuid);
        String causeName = e.header("Hangup-Cause", "NORMAL_CLEARING");
        int cause = HangupCauses.code(causeName);
        String q850 = e.header("variable_hangup_cause_q850");
        if (q850 != null) {
            try {
                cause = Integer.parseInt(q850);
            } catch (NumberFormatException ignoredBadNumber) {
                // keep the code from the name
            }
        }
        return new PbxEvent.LegHungUp(pbx, at(e), uuid, cause, causeName);
    }

    private List<PbxEvent> dtmf(EslEvent e) {
        String digit = e.header("DTMF-Digit", "");
        if (digit.length() != 1) {
            return List.of();
        }
        return List.of(new PbxEvent.DtmfReceived(pbx, at(e), uuid(e), digit.charAt(0)));
    }

    private List<PbxEvent> custom(EslEvent e) {
        String subclass = e.subclass();
        if (handoffSubclass.equals(subclass)) {
            return List.of(handedOff(e));
        }
        if (fallbackSubclass.equals(subclass)) {
            String reason = e.header("zuoxi_reason");
            return List.of(new PbxEvent.HandoffRevoked(pbx, at(e), uuid(e),
                    reason == null || reason.isBlank() ? "timeout" : reason));
        }
        return List.of();
    }

    /** A BACKGROUND_JOB that reports success is expected to yield nothing; it is not "untranslated". */
    private static boolean successfulJob(EslEvent e) {
        return e.name().equals("BACKGROUND_JOB") && e.body().startsWith("+OK");
    }

    /** Only failed originates matter here: a success is reported by the leg's own channel events. */
    private List<PbxEvent> backgroundJob(EslEvent e) {
        String body = e.body().trim();
        if (!"originate".equals(e.header("Job-Command")) || !body.startsWith("-ERR")) {
            return List.of();
        }
        String legId = OriginateArgs.originationUuid(e.header("Job-Command-Arg", ""));
        if (legId == null) {
            return List.of(); // not one of ours: Zuoxi always sets origination_uuid
        }
        String cause = body.substring(4).trim();
        return List.of(new PbxEvent.OriginateFailed(pbx, at(e), legId, HangupCauses.outcome(cause), cause));
    }

    private PbxEvent.CallHandedOff handedOff(EslEvent e) {
        String queue = first(e, "zuoxi_queue", "variable_zuoxi_queue");
        if (queue == null || queue.isBlank()) {
            queue = defaultQueue;
        }
        int priority = 0;
        String p = first(e, "zuoxi_priority", "variable_zuoxi_priority");
        if (p != null) {
            try {
                priority = Integer.parseInt(p.trim());
            } catch (NumberFormatException ignoredBadNumber) {
                // a typo in the dialplan must not lose the caller: normal priority
            }
        }
        return new PbxEvent.CallHandedOff(pbx, at(e), uuid(e), linkedId(e), queue, priority,
                e.header("Caller-Caller-ID-Number", ""), e.header("Caller-Caller-ID-Name", ""),
                calledNumber(e), AttachedData.parse(first(e, "zuoxi_data", "variable_zuoxi_data")));
    }

    /**
     * The number the caller dialled: {@code zuoxi_called} when the include recorded it (the IVR's own
     * value, else the destination before the transfer into the hand-off), else the current destination,
     * which after the transfer is "zuoxi-handoff".
     */
    private static String calledNumber(EslEvent e) {
        String called = first(e, "zuoxi_called", "variable_zuoxi_called");
        return called != null && !called.isBlank() ? called : e.header("Caller-Destination-Number", "");
    }

    private static String first(EslEvent e, String a, String b) {
        String v = e.header(a);
        return v != null ? v : e.header(b);
    }

    private static String uuid(EslEvent e) {
        return e.header("Unique-ID", "");
    }

    private static String linkedId(EslEvent e) {
        return e.header("Channel-Call-UUID", uuid(e));
    }

    private Instant at(EslEvent e) {
        String micros = e.header("Event-Date-Timestamp");
        if (micros != null) {
            try {
                long us = Long.parseLong(micros);
                return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
            } catch (NumberFormatException ignoredBadNumber) {
                // fall through to our clock
            }
        }
        return clock.instant();
    }
}
