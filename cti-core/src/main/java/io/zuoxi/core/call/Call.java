package io.zuoxi.core.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call: the legs sharing (pbx, linkedId) plus the agent legs Zuoxi originated for it.
 * Mutated only by the engine's thread.
 */
public final class Call {
    public final String callId;
    public final String pbx;
    public final String linkedId;
    public String direction = "INTERNAL";
    public String callerNumber;
    public String callerName;
    public String calledNumber;
    public String queue;
    public int priority;
    public Map<String, String> attachedData = Map.of();
    public Instant startedAt;
    public Instant enqueuedAt;
    public Instant offeredAt;
    public Instant answeredAt;
    public Instant talkEndedAt;
    public Instant endedAt;
    public String callerLegId;
    public String agentId;
    public String agentLegId;
    public int offers;
    public boolean reconciled;
    public boolean abandoned;
    /** The dialplan took the caller back for its fallback ({@code PbxEvent.HandoffRevoked}). */
    public Instant revokedAt;
    public Long wrapUpSeconds;
    public CallRecord record;
    public final Map<String, Leg> legs = new LinkedHashMap<>();
    /** Why each offered agent was chosen ({@code DESIGN §7.4}). */
    public final List<Map<String, Object>> offerTrace = new ArrayList<>();

    public Call(String callId, String pbx, String linkedId, Instant startedAt) {
        this.callId = callId;
        this.pbx = pbx;
        this.linkedId = linkedId;
        this.startedAt = startedAt;
    }

    public boolean handedOff() {
        return enqueuedAt != null;
    }

    public boolean ended() {
        return endedAt != null;
    }

    public CallRecord toRecord() {
        String outcome;
        if (answeredAt != null) {
            outcome = "ANSWERED";
        } else if (revokedAt != null) {
            outcome = "OVERFLOWED";
        } else if (abandoned || handedOff()) {
            outcome = "ABANDONED";
        } else {
            outcome = "NOT_QUEUED";
        }
        long wait = 0;
        if (enqueuedAt != null) {
            Instant waitEnd = answeredAt != null ? answeredAt : revokedAt != null ? revokedAt : endedAt;
            wait = Math.max(0, Duration.between(enqueuedAt, waitEnd).toSeconds());
        }
        long talk = 0;
        if (answeredAt != null) {
            Instant talkEnd = talkEndedAt != null ? talkEndedAt : endedAt;
            talk = Math.max(0, Duration.between(answeredAt, talkEnd).toSeconds());
        }
        return new CallRecord(callId, pbx, linkedId, direction, callerNumber, callerName, calledNumber, queue,
                answeredAt != null ? agentId : null, outcome, startedAt, enqueuedAt, offeredAt, answeredAt, endedAt,
                wait, talk, wrapUpSeconds, offers, reconciled, attachedData,
                legs.values().stream().map(Leg::toRecord).toList());
    }
}
