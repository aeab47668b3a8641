package io.zuoxi.web.persistence;

import io.zuoxi.core.queue.QueueDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 队列 settings; the engine gets them as {@link QueueDefinition}s. */
@Entity
@Table(name = "queues")
public class QueueEntity {
    @Id
    @Column(name = "name", length = 64)
    public String name;
    @Column(name = "tenant", nullable = false, length = 64)
    public String tenant;
    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;
    @Column(name = "ring_timeout_s", nullable = false)
    public int ringTimeoutSeconds;
    @Column(name = "wrap_up_s", nullable = false)
    public int wrapUpSeconds;
    @Column(name = "service_level_s", nullable = false)
    public int serviceLevelSeconds;
    @Column(name = "strategy", nullable = false, length = 64)
    public String strategy;

    public QueueDefinition toDefinition() {
        return new QueueDefinition(name, displayName, ringTimeoutSeconds, wrapUpSeconds, serviceLevelSeconds, strategy);
    }
}
