package io.zuoxi.ami;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.ConfigSection;

import java.util.Set;

/**
 * One AMI connection, parsed once from JSON and validated.
 *
 * <ul>
 *   <li>{@code id} (required) — PBX id used in every PbxEvent and in the bus addresses.</li>
 *   <li>{@code host} — AMI host, default {@code 127.0.0.1}.</li>
 *   <li>{@code port} — AMI TCP port, default {@code 5038}.</li>
 *   <li>{@code username} (required) — manager.conf user.</li>
 *   <li>{@code secret} (required) — manager.conf secret; never logged, never in status.</li>
 *   <li>{@code handoffEvent} — UserEvent name the hand-off context emits, default {@code ZuoxiCallWaiting}.</li>
 *   <li>{@code fallbackEvent} — UserEvent name it emits when it takes a caller back for its fallback, default
 *       {@code ZuoxiCallFallback}.</li>
 *   <li>{@code agentContext} — dialplan context agent legs are originated into, default {@code zuoxi-agent}.</li>
 *   <li>{@code handoffContext} — context callers wait in, default {@code zuoxi-handoff}.</li>
 *   <li>{@code defaultQueue} — queue when the UserEvent names none, default {@code support}.</li>
 *   <li>{@code reconnectMinMs} — first reconnect delay in milliseconds, default 500.</li>
 *   <li>{@code reconnectMaxMs} — back-off cap in milliseconds, default 30000.</li>
 *   <li>{@code actionTimeoutMs} — time an action may wait for its response, milliseconds, default 5000.</li>
 *   <li>{@code maxPendingActions} — pending actions bound; over it commands fail {@code pbx-overloaded}, default 1000.</li>
 *   <li>{@code heartbeatSeconds} — how often the global {@code ZUOXI_HEARTBEAT} is refreshed while connected (the
 *       include sends new callers to the fallback when it is older than {@code ZUOXI_HEARTBEAT_MAX_AGE}, 90 s);
 *       seconds, default 30, 0 = never set (callers always wait their maximum).</li>
 * </ul>
 */
public record AmiConfig(String id, String host, int port, String username, String secret, String handoffEvent,
                        String fallbackEvent, String agentContext, String handoffContext, String defaultQueue, long reconnectMinMs,
                        long reconnectMaxMs, long actionTimeoutMs, int maxPendingActions,
                        int heartbeatSeconds) {

    public AmiConfig {
        require("id", id);
        require("username", username);
        require("secret", secret);
        require("host", host);
        require("handoffEvent", handoffEvent);
        require("fallbackEvent", fallbackEvent);
        if (fallbackEvent.equalsIgnoreCase(handoffEvent)) {
            throw new IllegalArgumentException("fallbackEvent must differ from handoffEvent");
        }
        require("agentContext", agentContext);
        require("handoffContext", handoffContext);
        require("defaultQueue", defaultQueue);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (reconnectMinMs < 1) {
            throw new IllegalArgumentException("reconnectMinMs must be >= 1");
        }
        if (reconnectMaxMs < reconnectMinMs) {
            throw new IllegalArgumentException("reconnectMaxMs must be >= reconnectMinMs");
        }
        if (actionTimeoutMs < 1) {
            throw new IllegalArgumentException("actionTimeoutMs must be >= 1");
        }
        if (maxPendingActions < 1) {
            throw new IllegalArgumentException("maxPendingActions must be >= 1");
        }
        if (heartbeatSeconds < 0 || heartbeatSeconds > 3600) {
            throw new IllegalArgumentException("heartbeatSeconds must be 0..3600");
        }
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AMI config key '" + key + "' is required");
        }
    }

    private static final Set<String> KEYS = Set.of("id", "host", "port", "username", "secret", "handoffEvent", "fallbackEvent",
            "agentContext", "handoffContext", "defaultQueue", "reconnectMinMs", "reconnectMaxMs", "actionTimeoutMs",
            "maxPendingActions", "heartbeatSeconds");

    /** Parses and validates; unknown keys and values of the wrong type fail naming the key. */
    public static AmiConfig fromJson(JsonObject json) {
        ConfigSection c = ConfigSection.of(json, "AMI config " + json.getValue("id", "(no id)"), KEYS);
        return new AmiConfig(c.string("id", null), c.string("host", "127.0.0.1"), c.integer("port", 5038),
                c.string("username", null), c.string("secret", null),
                c.string("handoffEvent", "ZuoxiCallWaiting"), c.string("fallbackEvent", "ZuoxiCallFallback"),
                c.string("agentContext", "zuoxi-agent"), c.string("handoffContext", "zuoxi-handoff"),
                c.string("defaultQueue", "support"), c.longValue("reconnectMinMs", 500L),
                c.longValue("reconnectMaxMs", 30000L), c.longValue("actionTimeoutMs", 5000L),
                c.integer("maxPendingActions", 1000), c.integer("heartbeatSeconds", 30));
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "AmiConfig[id=" + id + ", host=" + host + ", port=" + port + ", username=" + username + "]";
    }
}
