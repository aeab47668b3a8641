package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One leg of a stored call. */
@Entity
@Table(name = "call_legs")
public class CallLegEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_record_id", nullable = false)
    public long callRecordId;
    @Column(name = "leg_id", nullable = false, length = 128)
    public String legId;
    @Column(name = "role", length = 16)
    public String role;
    @Column(name = "channel", length = 200)
    public String channel;
    @Column(name = "agent_id", length = 64)
    public String agentId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "hangup_cause")
    public Integer hangupCause;
}
