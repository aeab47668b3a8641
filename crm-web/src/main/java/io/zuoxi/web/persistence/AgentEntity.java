package io.zuoxi.web.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.LinkedHashSet;
import java.util.Set;

/** An agent seat (坐席) with its default device and the queues it serves ({@code agent_queues}). */
@Entity
@Table(name = "agents")
public class AgentEntity {
    @Id
    @Column(name = "agent_id", length = 64)
    public String agentId;
    @Column(name = "tenant", nullable = false, length = 64)
    public String tenant;
    @Column(name = "name", nullable = false, length = 200)
    public String name;
    @Column(name = "default_pbx", length = 64)
    public String defaultPbx;
    @Column(name = "default_endpoint", length = 200)
    public String defaultEndpoint;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_queues", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "queue_name", length = 64)
    public Set<String> queues = new LinkedHashSet<>();
}
