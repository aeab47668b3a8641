package io.zuoxi.core.call;

import java.time.Instant;

/** One leg (channel) of a tracked call; mutated only by the engine's thread. */
public final class Leg {
    public enum Role { CALLER, AGENT, OTHER }

    public final String pbx;
    public final String legId;
    public Role role;
    public String callId;
    public String channel;
    public String agentId;
    public Instant createdAt;
    public Instant answeredAt;
    public Instant endedAt;
    public Integer hangupCause;
    public String bridgeId;

    public Leg(String pbx, String legId, Role role, String callId, Instant createdAt) {
        this.pbx = pbx;
        this.legId = legId;
        this.role = role;
        this.callId = callId;
        this.createdAt = createdAt;
    }

    public boolean live() {
        return endedAt == null;
    }

    public CallRecord.LegRecord toRecord() {
        return new CallRecord.LegRecord(legId, role.name(), channel, agentId, createdAt, answeredAt, endedAt, hangupCause);
    }
}
