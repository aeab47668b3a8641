package io.zuoxi.core.pbx;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A PBX-neutral fact reported by an adapter. Adapters translate vendor events (AMI, ESL) into
 * these records; no vendor word leaves an adapter. Every event names the PBX it came from
 * ({@link #pbx()}, the id configured for that connection) and when the adapter saw it.
 *
 * <p>Leg ids are the PBX's own channel ids (Asterisk {@code Uniqueid}, FreeSWITCH
 * {@code Unique-ID}); they are unique within one PBX. A call's legs share a {@code linkedId}
 * (Asterisk {@code Linkedid}, FreeSWITCH the A-leg's {@code Unique-ID}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PbxEvent.PbxConnected.class, name = "PbxConnected"),
    @JsonSubTypes.Type(value = PbxEvent.PbxDisconnected.class, name = "PbxDisconnected"),
    @JsonSubTypes.Type(value = PbxEvent.PbxSynced.class, name = "PbxSynced"),
    @JsonSubTypes.Type(value = PbxEvent.LegCreated.class, name = "LegCreated"),
    @JsonSubTypes.Type(value = PbxEvent.LegRinging.class, name = "LegRinging"),
    @JsonSubTypes.Type(value = PbxEvent.LegAnswered.class, name = "LegAnswered"),
    @JsonSubTypes.Type(value = PbxEvent.LegBridged.class, name = "LegBridged"),
    @JsonSubTypes.Type(value = PbxEvent.LegUnbridged.class, name = "LegUnbridged"),
    @JsonSubTypes.Type(value = PbxEvent.LegHungUp.class, name = "LegHungUp"),
    @JsonSubTypes.Type(value = PbxEvent.CallHandedOff.class, name = "CallHandedOff"),
    @JsonSubTypes.Type(value = PbxEvent.HandoffRevoked.class, name = "HandoffRevoked"),
    @JsonSubTypes.Type(value = PbxEvent.OriginateFailed.class, name = "OriginateFailed"),
    @JsonSubTypes.Type(value = PbxEvent.DtmfReceived.class, name = "DtmfReceived"),
})
public sealed interface PbxEvent {

    /** The id of the PBX connection that reported the event (from config, e.g. "asterisk-1"). */
    String pbx();

    /** When the adapter received the event (PBX clock when the protocol carries one). */
    Instant at();

    /** The adapter logged in; {@code version} is what the PBX announced (AMI banner, FreeSWITCH version). */
    record PbxConnected(String pbx, Instant at, String version) implements PbxEvent {}

    /**
     * The connection is gone (socket closed, login failed, events lost). Pending commands have
     * already been failed. Engines keep their picture until the next {@link PbxSynced}.
     */
    record PbxDisconnected(String pbx, Instant at, String reason) implements PbxEvent {}

    /**
     * The complete list of live legs, taken right after a (re)connect or after events were lost.
     * Engines reconcile against it: a known leg missing here has ended while we were not looking;
     * a listed leg unknown to the engine is adopted. Events that follow are newer than the list.
     */
    record PbxSynced(String pbx, Instant at, List<LegSnapshot> legs) implements PbxEvent {
        public PbxSynced {
            legs = List.copyOf(legs);
        }
    }

    /**
     * One live leg in a {@link PbxSynced} list.
     *
     * @param endpoint  the device the leg belongs to, in dial-string form ({@code PJSIP/1001},
     *                  {@code user/1001}); empty if unknown
     * @param bridgeId  the bridge the leg is in, or {@code null}
     * @param handoff   present when the leg is waiting in the hand-off context (queue, priority and
     *                  attached data read back from the PBX), so a restarted Zuoxi can re-queue it;
     *                  may be {@code null}
     */
    record LegSnapshot(String legId, String linkedId, String channel, String endpoint, LegState state,
                       String callerNumber, String callerName, String calledNumber,
                       String bridgeId, Handoff handoff) {}

    /**
     * Queue hand-off data carried by a snapshot.
     *
     * @param waitingSince when the dialplan handed the caller over (read back from the PBX), or {@code null}
     *                     if it does not tell: the wait of a re-queued caller then counts from the resync
     * @param calledNumber the number the caller dialled, when the dialplan recorded it; else {@code null}
     */
    record Handoff(String queue, int priority, Map<String, String> attachedData, Instant waitingSince,
                   String calledNumber) {
        public Handoff {
            attachedData = Map.copyOf(attachedData);
        }

        public Handoff(String queue, int priority, Map<String, String> attachedData) {
            this(queue, priority, attachedData, null, null);
        }
    }

    enum LegState { DOWN, RINGING, UP }

    /**
     * A new leg (channel). {@code endpoint} is the device in dial-string form when the PBX tells
     * it ({@code PJSIP/1001} for {@code PJSIP/1001-00000003}), {@code variables} the channel
     * variables the PBX reported with it (Zuoxi's own, e.g. {@code ZUOXI_LEG_ID}).
     */
    record LegCreated(String pbx, Instant at, String legId, String linkedId, String channel, String endpoint,
                      String callerNumber, String callerName, String calledNumber,
                      Map<String, String> variables) implements PbxEvent {
        public LegCreated {
            variables = Map.copyOf(variables);
        }
    }

    /** The leg's device is ringing (not reported for every technology; Local channels never ring). */
    record LegRinging(String pbx, Instant at, String legId) implements PbxEvent {}

    /** The leg is up (answered). */
    record LegAnswered(String pbx, Instant at, String legId) implements PbxEvent {}

    /** The leg entered a bridge (two legs in the same bridge can hear each other). */
    record LegBridged(String pbx, Instant at, String legId, String bridgeId) implements PbxEvent {}

    /** The leg left a bridge. */
    record LegUnbridged(String pbx, Instant at, String legId, String bridgeId) implements PbxEvent {}

    /** The leg is gone. {@code cause} is the Q.850 cause code (16 normal clearing), {@code causeText} its name. */
    record LegHungUp(String pbx, Instant at, String legId, int cause, String causeText) implements PbxEvent {}

    /**
     * The dialplan handed a caller to Zuoxi: it waits (music on hold) in the hand-off context for
     * the ACD to route it. Contract: {@code ivr-dialplans/README.md}.
     *
     * @param priority     larger is served first; 0 is normal
     * @param attachedData 随路数据: key/value pairs that travel with the call
     */
    record CallHandedOff(String pbx, Instant at, String legId, String linkedId, String queue, int priority,
                         String callerNumber, String callerName, String calledNumber,
                         Map<String, String> attachedData) implements PbxEvent {
        public CallHandedOff {
            attachedData = Map.copyOf(attachedData);
        }
    }

    /**
     * The dialplan took a handed-off caller back: it stopped waiting for Zuoxi (its maximum wait was
     * reached, or Zuoxi was considered down) and went to the PBX's own fallback (voicemail, an overflow
     * number, a goodbye message). Zuoxi must never offer or bridge it again; the leg lives on.
     *
     * @param reason {@code timeout}, {@code zuoxi-down} or what the dialplan said
     */
    record HandoffRevoked(String pbx, Instant at, String legId, String reason) implements PbxEvent {}

    /**
     * An {@link PbxCommand.OriginateLeg} did not produce an answered leg. The leg id is the one
     * Zuoxi asked for; the leg may never have existed.
     */
    record OriginateFailed(String pbx, Instant at, String legId, OriginateOutcome outcome, String detail)
            implements PbxEvent {}

    /** Why an originate did not reach an answered leg. */
    enum OriginateOutcome {
        /** Rang until the timeout. */
        NO_ANSWER,
        /** Device or far end busy. */
        BUSY,
        /** Network / trunk congestion. */
        CONGESTION,
        /** Rejected by the callee. */
        REJECTED,
        /** No such number or extension. */
        INVALID_NUMBER,
        /** Anything else: unknown technology, unregistered device, no route. */
        FAILED
    }

    /** A DTMF digit was received on a leg. */
    record DtmfReceived(String pbx, Instant at, String legId, char digit) implements PbxEvent {}
}
