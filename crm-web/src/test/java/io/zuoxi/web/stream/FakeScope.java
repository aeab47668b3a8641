package io.zuoxi.web.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Agent and queue → tenant, filled by the test. */
public final class FakeScope implements TenantScope {

    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final Map<String, String> queues = new ConcurrentHashMap<>();

    public FakeScope agent(String agentId, String tenant) {
        agents.put(agentId, tenant);
        return this;
    }

    public FakeScope queue(String queue, String tenant) {
        queues.put(queue, tenant);
        return this;
    }

    @Override
    public String tenantOfAgent(String agentId) {
        return agents.get(agentId);
    }

    @Override
    public String tenantOfQueue(String queue) {
        return queues.get(queue);
    }
}
