package io.zuoxi.core.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.queue.QueueDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * cti-core configuration, parsed once and validated.
 *
 * <p>Keys (JSON object):
 * <ul>
 *   <li>{@code commandTimeoutMs} — how long a PBX command may wait for the adapter's reply before it
 *       fails with {@code pbx-timeout}; milliseconds, default 5000, at least 1.</li>
 *   <li>{@code queues} — initial queue definitions, a list of objects with {@code name} (required),
 *       {@code displayName} (default: name), {@code ringTimeoutSeconds} (seconds, default 20, at least 1),
 *       {@code wrapUpSeconds} (seconds, default 10; 0 = none, -1 = until the agent ends it),
 *       {@code serviceLevelSeconds} (seconds, default 20), {@code strategy} ({@code longest-idle} default,
 *       or {@code linear}); default: no queues (crm-web sends them on {@code zuoxi.core.queue.define},
 *       unknown queues get {@link QueueDefinition#defaults(String)}).</li>
 * </ul>
 * Unknown keys are refused so that typos do not pass silently.
 */
public record CoreConfig(long commandTimeoutMs, List<QueueDefinition> queues) {

    private static final Set<String> KEYS = Set.of("commandTimeoutMs", "queues");
    private static final Set<String> QUEUE_KEYS = Set.of("name", "displayName", "ringTimeoutSeconds", "wrapUpSeconds",
            "serviceLevelSeconds", "strategy");

    public CoreConfig {
        if (commandTimeoutMs < 1) {
            throw new IllegalArgumentException("commandTimeoutMs must be at least 1, was " + commandTimeoutMs);
        }
        queues = List.copyOf(queues);
    }

    public static CoreConfig defaults() {
        return new CoreConfig(5000, List.of());
    }

    public static CoreConfig fromJson(JsonObject json) {
        ConfigKeys.requireKnown(json, KEYS, "core");
        long timeout = number(json, "commandTimeoutMs", 5000, "commandTimeoutMs");
        List<QueueDefinition> queues = new ArrayList<>();
        Object q = json.getValue("queues");
        if (q != null && !(q instanceof JsonArray)) {
            throw new IllegalArgumentException("queues must be a list");
        }
        if (q != null) {
            JsonArray arr = (JsonArray) q;
            for (int i = 0; i < arr.size(); i++) {
                if (!(arr.getValue(i) instanceof JsonObject o)) {
                    throw new IllegalArgumentException("queues[" + i + "] must be an object");
                }
                queues.add(queue(o, "queues[" + i + "]"));
            }
        }
        return new CoreConfig(timeout, queues);
    }

    /** Parses one queue definition object (also used for {@code zuoxi.core.queue.define}). */
    public static QueueDefinition queue(JsonObject o, String where) {
        ConfigKeys.requireKnown(o, QUEUE_KEYS, where);
        Object name = o.getValue("name");
        if (!(name instanceof String n) || n.isBlank()) {
            throw new IllegalArgumentException(where + ".name is required (a non-empty string)");
        }
        int ring = (int) number(o, "ringTimeoutSeconds", 20, where + ".ringTimeoutSeconds");
        if (ring < 1) {
            throw new IllegalArgumentException(where + ".ringTimeoutSeconds must be at least 1");
        }
        int wrap = (int) number(o, "wrapUpSeconds", 10, where + ".wrapUpSeconds");
        if (wrap < -1) {
            throw new IllegalArgumentException(where + ".wrapUpSeconds must be -1, 0 or positive");
        }
        int sl = (int) number(o, "serviceLevelSeconds", 20, where + ".serviceLevelSeconds");
        String strategy = text(o, "strategy", "longest-idle", where + ".strategy");
        if (!strategy.equals("longest-idle") && !strategy.equals("linear")) {
            throw new IllegalArgumentException(where + ".strategy must be longest-idle or linear, was " + strategy);
        }
        return new QueueDefinition(n, text(o, "displayName", n, where + ".displayName"), ring, wrap, sl, strategy);
    }

    private static long number(JsonObject o, String key, long dflt, String where) {
        Object v = o.getValue(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(where + " must be an integer, was " + v);
        }
        return n.longValue();
    }

    private static String text(JsonObject o, String key, String dflt, String where) {
        Object v = o.getValue(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + " must be a string, was " + v);
        }
        return s;
    }
}
