package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The durable {@code CallRecord}; {@code callId} is unique so a replayed CALL_ENDED is a no-op. */
@Entity
@Table(name = "call_records")
public class CallRecordEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_id", nullable = false, length = 128)
    public String callId;
    /** Derived from the queue's (else the agent's) tenant at insert time; null if neither is known. */
    @Column(name = "tenant", length = 64)
    public String tenant;
    @Column(name = "pbx", length = 64)
    public String pbx;
    @Column(name = "linked_id", length = 128)
    public String linkedId;
    @Column(name = "direction", length = 16)
    public String direction;
    @Column(name = "caller_number", length = 64)
    public String callerNumber;
    @Column(name = "caller_name", length = 200)
    public String callerName;
    @Column(name = "called_number", length = 64)
    public String calledNumber;
    @Column(name = "queue", length = 64)
    public String queue;
    @Column(name = "agent_id", length = 64)
    public String agentId;
    @Column(name = "outcome", length = 32)
    public String outcome;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "enqueued_at")
    public Instant enqueuedAt;
    @Column(name = "offered_at")
    public Instant offeredAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "wait_seconds", nullable = false)
    public long waitSeconds;
    @Column(name = "talk_seconds", nullable = false)
    public long talkSeconds;
    @Column(name = "wrap_up_seconds")
    public Long wrapUpSeconds;
    @Column(name = "offers", nullable = false)
    public int offers;
    @Column(name = "reconciled", nullable = false)
    public boolean reconciled;
    /** 随路数据 as a JSON object text. */
    @Column(name = "attached_data", length = 16000)
    public String attachedData;
}
