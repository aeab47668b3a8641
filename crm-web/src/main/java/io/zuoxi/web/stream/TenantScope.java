package io.zuoxi.web.stream;

/**
 * Which tenant owns an agent seat or a queue, so the event hub can route bus events (which carry
 * no tenant) only to supervisors of that tenant (DESIGN §7.11: one scope policy for REST and events).
 * Implemented over the configuration / database by the web tier; calls are made on the event loop,
 * so implementations must answer from memory (a cache), never block.
 */
public interface TenantScope {

    /** The tenant of the agent seat, or {@code null} if the agent is unknown. */
    String tenantOfAgent(String agentId);

    /** The tenant of the queue, or {@code null} if the queue is unknown. */
    String tenantOfQueue(String queue);
}
