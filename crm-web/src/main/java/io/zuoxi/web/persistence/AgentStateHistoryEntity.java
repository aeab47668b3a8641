package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One {@code AgentStateChanged}; reports (time in state, 通时) are computed from these rows. */
@Entity
@Table(name = "agent_state_history")
public class AgentStateHistoryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "agent_id", nullable = false, length = 64)
    public String agentId;
    @Column(name = "from_state", length = 16)
    public String fromState;
    @Column(name = "to_state", nullable = false, length = 16)
    public String toState;
    @Column(name = "reason", length = 64)
    public String reason;
    @Column(name = "call_id", length = 128)
    public String callId;
    @Column(name = "endpoint", length = 200)
    public String endpoint;
    @Column(name = "changed_at", nullable = false)
    public Instant at;
}
