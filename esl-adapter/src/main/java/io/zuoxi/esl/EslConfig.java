package io.zuoxi.esl;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.ConfigSection;

import java.util.Set;

/**
 * Configuration of one FreeSWITCH connection, parsed once from JSON ({@link #fromJson}).
 *
 * <table>
 * <caption>keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>id</td><td>(required)</td><td>PBX id used in events and bus addresses, e.g. {@code freeswitch-1}</td></tr>
 * <tr><td>host</td><td>127.0.0.1</td><td>event socket host (mod_event_socket listen-ip)</td></tr>
 * <tr><td>port</td><td>8021</td><td>event socket TCP port</td></tr>
 * <tr><td>password</td><td>(required)</td><td>event socket password; never logged; no default on purpose</td></tr>
 * <tr><td>handoffSubclass</td><td>zuoxi::call_waiting</td><td>CUSTOM event subclass the dialplan fires to hand a caller over</td></tr>
 * <tr><td>fallbackSubclass</td><td>zuoxi::call_fallback</td><td>CUSTOM event subclass the dialplan fires when it takes a caller back for its fallback</td></tr>
 * <tr><td>defaultQueue</td><td>support</td><td>queue for a hand-off without (or with an empty) zuoxi_queue</td></tr>
 * <tr><td>reconnectMinMs</td><td>500</td><td>first reconnect delay, milliseconds; doubles per failed try</td></tr>
 * <tr><td>reconnectMaxMs</td><td>30000</td><td>reconnect delay cap, milliseconds; also the delay after a refused password</td></tr>
 * <tr><td>requestTimeoutMs</td><td>5000</td><td>how long an api/bgapi command waits for its reply, milliseconds</td></tr>
 * <tr><td>originateResultTimeoutMs</td><td>120000</td><td>extra time after ring timeout a bgapi originate's BACKGROUND_JOB may take, milliseconds</td></tr>
 * <tr><td>maxPending</td><td>1000</td><td>requests awaiting a reply; more are refused with {@code pbx-overloaded}</td></tr>
 * <tr><td>maxHeaderBytes</td><td>65536</td><td>largest ESL header block accepted, bytes</td></tr>
 * <tr><td>heartbeatSeconds</td><td>30</td><td>how often the global zuoxi_heartbeat (epoch seconds) is refreshed while connected; the include sends new callers to the fallback when it is older than zuoxi_heartbeat_max_age (90 s); 0 = never set</td></tr>
 * <tr><td>maxBodyBytes</td><td>8388608</td><td>largest ESL body accepted (Content-Length), bytes; {@code show channels} replies grow with load</td></tr>
 * </table>
 */
public record EslConfig(String id, String host, int port, String password, String handoffSubclass,
                        String fallbackSubclass, String defaultQueue,
                        long reconnectMinMs, long reconnectMaxMs, long requestTimeoutMs, long originateResultTimeoutMs,
                        int maxPending, int maxHeaderBytes, int maxBodyBytes, int heartbeatSeconds) {

    public EslConfig {
        require(id != null && !id.isBlank(), "id is required");
        require(host != null && !host.isBlank(), "host is required");
        require(port > 0 && port < 65536, "port must be 1..65535");
        require(password != null && !password.isEmpty(), "password is required");
        require(password.chars().noneMatch(c -> c < 0x20), "password must not contain control characters");
        require(handoffSubclass != null && !handoffSubclass.isBlank() && !handoffSubclass.contains(" "),
                "handoffSubclass must be one word");
        require(fallbackSubclass != null && !fallbackSubclass.isBlank() && !fallbackSubclass.contains(" ")
                && !fallbackSubclass.equals(handoffSubclass), "fallbackSubclass must be one word, not the handoffSubclass");
        require(defaultQueue != null && !defaultQueue.isBlank(), "defaultQueue is required");
        require(reconnectMinMs > 0 && reconnectMaxMs >= reconnectMinMs, "need 0 < reconnectMinMs <= reconnectMaxMs");
        require(requestTimeoutMs > 0, "requestTimeoutMs must be > 0");
        require(originateResultTimeoutMs > 0, "originateResultTimeoutMs must be > 0");
        require(maxPending > 0, "maxPending must be > 0");
        require(maxHeaderBytes >= 1024, "maxHeaderBytes must be >= 1024");
        require(maxBodyBytes >= 1024, "maxBodyBytes must be >= 1024");
        require(heartbeatSeconds >= 0 && heartbeatSeconds <= 3600, "heartbeatSeconds must be 0..3600");
    }

    private static final Set<String> KEYS = Set.of("id", "host", "port", "password", "handoffSubclass", "fallbackSubclass",
            "defaultQueue", "reconnectMinMs", "reconnectMaxMs", "requestTimeoutMs", "originateResultTimeoutMs",
            "maxPending", "maxHeaderBytes", "maxBodyBytes", "heartbeatSeconds");

    /** Parses and validates; throws {@link IllegalArgumentException} naming the bad key. */
    public static EslConfig fromJson(JsonObject json) {
        ConfigSection c = ConfigSection.of(json, "esl config " + json.getValue("id", "(no id)"), KEYS);
        return new EslConfig(c.string("id", null), c.string("host", "127.0.0.1"), c.integer("port", 8021),
                c.string("password", null), c.string("handoffSubclass", "zuoxi::call_waiting"),
                c.string("fallbackSubclass", "zuoxi::call_fallback"), c.string("defaultQueue", "support"),
                c.longValue("reconnectMinMs", 500L), c.longValue("reconnectMaxMs", 30_000L),
                c.longValue("requestTimeoutMs", 5_000L), c.longValue("originateResultTimeoutMs", 120_000L),
                c.integer("maxPending", 1000), c.integer("maxHeaderBytes", 64 * 1024),
                c.integer("maxBodyBytes", 8 * 1024 * 1024), c.integer("heartbeatSeconds", 30));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("esl config: " + message);
        }
    }

    @Override
    public String toString() {
        return "EslConfig[id=" + id + ", " + host + ":" + port + ", password=***]";
    }
}
