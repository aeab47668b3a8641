package io.zuoxi.core.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The durable record of one call, published on {@code zuoxi.call.ended} when the last leg is gone
 * (and again, with {@code wrapUpSeconds} filled, on {@code zuoxi.call.wrapup-ended}). crm-web
 * stores it; reports are computed from these rows.
 *
 * @param outcome        ANSWERED, ABANDONED (caller left while queued or while an agent was rung),
 *                       OVERFLOWED (溢出: the dialplan took the caller back for its fallback, e.g. the
 *                       maximum wait was reached), NOT_QUEUED (never handed to a queue)
 * @param enqueuedAt     when the dialplan handed the call to Zuoxi; {@code null} if never queued
 * @param offeredAt      when the answering agent's device started to ring (last offer)
 * @param waitSeconds    enqueued → answered (or → abandoned, or → overflowed)
 * @param talkSeconds    answered (bridged to an agent) → agent leg or caller gone
 * @param reconciled     true when the end was learnt from a resync after a PBX disconnect, so
 *                       {@code endedAt} is when Zuoxi found out, not when the PBX hung up
 */
public record CallRecord(String callId, String pbx, String linkedId, String direction,
                         String callerNumber, String callerName, String calledNumber,
                         String queue, String agentId, String outcome,
                         Instant startedAt, Instant enqueuedAt, Instant offeredAt, Instant answeredAt, Instant endedAt,
                         long waitSeconds, long talkSeconds, Long wrapUpSeconds,
                         int offers, boolean reconciled,
                         Map<String, String> attachedData, List<LegRecord> legs) {
    public CallRecord {
        attachedData = Map.copyOf(attachedData);
        legs = List.copyOf(legs);
    }

    /**
     * One leg of the call. {@code role} is CALLER, AGENT or OTHER.
     */
    public record LegRecord(String legId, String role, String channel, String agentId,
                            Instant createdAt, Instant answeredAt, Instant endedAt, Integer hangupCause) {}
}
