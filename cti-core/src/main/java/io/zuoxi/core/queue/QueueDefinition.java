package io.zuoxi.core.queue;

/**
 * A queue's settings, sent by crm-web (from the database) to the engine on
 * {@code zuoxi.core.queue.define}. Calls handed off to a queue the engine does not know are
 * queued with {@link #defaults(String)}.
 *
 * @param ringTimeoutSeconds how long an offered agent's device rings before the call moves on
 *                           and the agent goes NOT_READY("no-answer"); default 20
 * @param wrapUpSeconds      after-call work per call; 0 = none, -1 = until the agent ends it
 * @param serviceLevelSeconds the service-level threshold (e.g. 20 for 80/20)
 * @param strategy           agent selection strategy by name; {@code longest-idle} is the default
 */
public record QueueDefinition(String name, String displayName, int ringTimeoutSeconds, int wrapUpSeconds,
                              int serviceLevelSeconds, String strategy) {

    public static QueueDefinition defaults(String name) {
        return new QueueDefinition(name, name, 20, 10, 20, "longest-idle");
    }
}
