package io.zuoxi.sim.freeswitch;

import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.Settings;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of a {@link SimulatedFreeswitch}. Keys of {@link #fromJson(JsonObject)} (all optional except
 * {@code password}):
 * <ul>
 *   <li>{@code host} (string, default {@code 127.0.0.1}) listen address</li>
 *   <li>{@code port} (int, default 0 = ephemeral) listen port</li>
 *   <li>{@code password} (string, required) event socket password clients send with {@code auth}</li>
 *   <li>{@code handoffSubclass} (string, default {@code zuoxi::call_waiting}) CUSTOM subclass of the
 *       hand-off event</li>
 *   <li>{@code defaultPhone} (object, default answer after 500 ms, never hang up) how a {@code user/…}
 *       device that has no {@code setPhone} behaviour reacts: {@code {"mode":"ANSWER|NO_ANSWER|BUSY|UNREACHABLE",
 *       "answerAfterMs":500,"hangupAfterMs":null}}; other technologies fail with CHAN_NOT_IMPLEMENTED</li>
 *   <li>{@code defaultOriginateTimeoutMs} (ms, default 60000) ring timeout of an originate without
 *       {@code originate_timeout} (FreeSWITCH's default is 60 s)</li>
 * </ul>
 */
public record SimulatedFreeswitchConfig(String host, int port, String password, String handoffSubclass,
                                        PhoneBehaviour defaultPhone, Duration defaultOriginateTimeout) {

    private static final Set<String> KEYS = Set.of("host", "port", "password", "handoffSubclass", "defaultPhone",
            "defaultOriginateTimeoutMs");

    public SimulatedFreeswitchConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        if (password.chars().anyMatch(c -> c <= ' ')) {
            // the auth command is one line: a password with whitespace or control characters cannot be sent
            throw new IllegalArgumentException("password must not contain spaces or control characters");
        }
        if (handoffSubclass == null || handoffSubclass.isBlank() || handoffSubclass.contains(" ")) {
            throw new IllegalArgumentException("handoffSubclass must be one word such as zuoxi::call_waiting");
        }
        if (defaultPhone == null || defaultPhone.mode() == null) {
            throw new IllegalArgumentException("defaultPhone.mode is required");
        }
        if (defaultOriginateTimeout == null || defaultOriginateTimeout.isNegative()) {
            throw new IllegalArgumentException("defaultOriginateTimeoutMs must be >= 0");
        }
    }

    /** 127.0.0.1, ephemeral port, zuoxi::call_waiting, devices answer after 500 ms; see the class doc. */
    public static SimulatedFreeswitchConfig defaults(String password) {
        return fromJson(new JsonObject().put("password", password));
    }

    /** Parses and validates; unknown keys and wrong types fail naming the key. */
    public static SimulatedFreeswitchConfig fromJson(JsonObject json) {
        Settings.requireKnownKeys(json, KEYS);
        return new SimulatedFreeswitchConfig(
                Settings.string(json, "host", "127.0.0.1"),
                Settings.port(json, "port", 0),
                Settings.string(json, "password", null),
                Settings.string(json, "handoffSubclass", "zuoxi::call_waiting"),
                Settings.phone(json, "defaultPhone"),
                Settings.millis(json, "defaultOriginateTimeoutMs", 60_000));
    }

    @Override
    public String toString() {
        return "SimulatedFreeswitchConfig[" + host + ":" + port + ", password=***]";
    }
}
