package io.zuoxi.sim.asterisk;

import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.Settings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of a {@link SimulatedAsterisk}. Keys of {@link #fromJson(JsonObject)} (all optional except
 * {@code secret}):
 * <ul>
 *   <li>{@code host} (string, default {@code 127.0.0.1}) listen address</li>
 *   <li>{@code port} (int, default 0 = ephemeral) listen port</li>
 *   <li>{@code username} (string, default {@code zuoxi}) AMI user clients log in with</li>
 *   <li>{@code secret} (string, required) its secret</li>
 *   <li>{@code loginFailDelayMs} (ms, default 200) delay before "Authentication failed" and the close
 *       (real Asterisk waits about 1 s)</li>
 *   <li>{@code defaultPhone} (object, default answer after 500 ms, never hang up) how a device that has no
 *       {@code setPhone} behaviour reacts: {@code {"mode":"ANSWER|NO_ANSWER|BUSY|UNREACHABLE",
 *       "answerAfterMs":500,"hangupAfterMs":null}}</li>
 *   <li>{@code defaultOriginateTimeoutMs} (ms, default 30000) ring timeout of an Originate without
 *       {@code Timeout} (Asterisk's default is 30 s)</li>
 *   <li>{@code bridgeEndHangupDelayMs} (ms, default 100) how long the remaining side of a bridge takes to
 *       run the rest of its dialplan ({@code Hangup()}) after the other side hung up</li>
 *   <li>{@code handoffEvent} (string, default {@code ZuoxiCallWaiting}) name of the hand-off UserEvent</li>
 *   <li>{@code channelVars} (array of strings, default {@code ["ZUOXI_CALL_ID"]}) the manager.conf
 *       {@code channelvars}: each channel event carries {@code ChanVariable: NAME=value} for them</li>
 *   <li>{@code trunkName} (string, default {@code trunk}) PJSIP endpoint inbound callers arrive on
 *       (channel names {@code PJSIP/trunk-0000000b})</li>
 * </ul>
 */
public record SimulatedAsteriskConfig(String host, int port, String username, String secret,
                                      Duration loginFailDelay, PhoneBehaviour defaultPhone,
                                      Duration defaultOriginateTimeout, Duration bridgeEndHangupDelay,
                                      String handoffEvent, List<String> channelVars, String trunkName) {

    private static final Set<String> KEYS = Set.of("host", "port", "username", "secret", "loginFailDelayMs",
            "defaultPhone", "defaultOriginateTimeoutMs", "bridgeEndHangupDelayMs", "handoffEvent", "channelVars",
            "trunkName");

    public SimulatedAsteriskConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret is required");
        }
        requireNonNegative("loginFailDelayMs", loginFailDelay);
        requireNonNegative("defaultOriginateTimeoutMs", defaultOriginateTimeout);
        requireNonNegative("bridgeEndHangupDelayMs", bridgeEndHangupDelay);
        if (defaultPhone == null || defaultPhone.mode() == null) {
            throw new IllegalArgumentException("defaultPhone.mode is required");
        }
        if (defaultPhone.mode() == PhoneBehaviour.Mode.ANSWER && defaultPhone.answerAfter() == null) {
            throw new IllegalArgumentException("defaultPhone.answerAfterMs is required for mode ANSWER");
        }
        if (handoffEvent == null || handoffEvent.isBlank()) {
            throw new IllegalArgumentException("handoffEvent must not be blank");
        }
        channelVars = List.copyOf(channelVars == null ? List.of() : channelVars);
        if (trunkName == null || trunkName.isBlank() || trunkName.contains("/")) {
            throw new IllegalArgumentException("trunkName must be a plain endpoint name, was " + trunkName);
        }
    }

    /** 127.0.0.1, ephemeral port, user {@code zuoxi}, phones answer after 500 ms; see the class doc. */
    public static SimulatedAsteriskConfig defaults(String secret) {
        return fromJson(new JsonObject().put("secret", secret));
    }

    /** Parses and validates; unknown keys and wrong types fail naming the key. */
    public static SimulatedAsteriskConfig fromJson(JsonObject json) {
        Settings.requireKnownKeys(json, KEYS);
        return new SimulatedAsteriskConfig(
                Settings.string(json, "host", "127.0.0.1"),
                Settings.port(json, "port", 0),
                Settings.string(json, "username", "zuoxi"),
                Settings.string(json, "secret", null),
                Settings.millis(json, "loginFailDelayMs", 200),
                Settings.phone(json, "defaultPhone"),
                Settings.millis(json, "defaultOriginateTimeoutMs", 30_000),
                Settings.millis(json, "bridgeEndHangupDelayMs", 100),
                Settings.string(json, "handoffEvent", "ZuoxiCallWaiting"),
                Settings.strings(json, "channelVars", List.of("ZUOXI_CALL_ID")),
                Settings.string(json, "trunkName", "trunk"));
    }

    private static void requireNonNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be >= 0");
        }
    }

    @Override
    public String toString() {
        return "SimulatedAsteriskConfig[" + host + ":" + port + ", username=" + username + ", secret=***]";
    }
}
