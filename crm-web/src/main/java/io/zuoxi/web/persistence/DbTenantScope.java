package io.zuoxi.web.persistence;

import io.vertx.core.Future;
import io.zuoxi.web.stream.TenantScope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Agent → tenant and queue → tenant from the database, cached in memory (the hub asks on the event loop). */
public final class DbTenantScope implements TenantScope {

    private final Database db;
    private volatile Map<String, String> agents = Map.of();
    private volatile Map<String, String> queues = Map.of();

    public DbTenantScope(Database db) {
        this.db = db;
    }

    /** Reloads the cache; call at start and after agents or queues change. */
    public Future<Void> refresh() {
        return db.tx(s -> {
            Map<String, String> a = new ConcurrentHashMap<>();
            s.createSelectionQuery("from AgentEntity", AgentEntity.class).getResultList()
                    .forEach(e -> a.put(e.agentId, e.tenant));
            Map<String, String> q = new ConcurrentHashMap<>();
            s.createSelectionQuery("from QueueEntity", QueueEntity.class).getResultList()
                    .forEach(e -> q.put(e.name, e.tenant));
            agents = a;
            queues = q;
            return (Void) null;
        });
    }

    @Override
    public String tenantOfAgent(String agentId) {
        return agentId == null ? null : agents.get(agentId);
    }

    @Override
    public String tenantOfQueue(String queue) {
        return queue == null ? null : queues.get(queue);
    }
}
