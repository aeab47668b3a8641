package io.zuoxi.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed reads of a simulator's JSON settings, shared by the config records of this module: every
 * failure is an {@link IllegalArgumentException} that names the key, so a typo in {@code zuoxi.yaml}
 * is reported before anything starts.
 */
public final class Settings {

    private Settings() {
    }

    /** Fails on the first key not in {@code known}. */
    public static void requireKnownKeys(JsonObject json, Set<String> known) {
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    public static String string(JsonObject json, String key, String def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    public static double number(JsonObject json, String key, double def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(key + " must be a number");
        }
        return n.doubleValue();
    }

    public static long integer(JsonObject json, String key, long def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
        return n.longValue();
    }

    /** A TCP port to listen on: 0..65535, 0 = any free port. */
    public static int port(JsonObject json, String key, int def) {
        long port = integer(json, key, def);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 0..65535, was " + port);
        }
        return (int) port;
    }

    /** A non-negative whole number of milliseconds. */
    public static Duration millis(JsonObject json, String key, long def) {
        Object v = json.getValue(key);
        if (v != null && (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()))) {
            throw new IllegalArgumentException(key + " must be an integer number of milliseconds");
        }
        long ms = integer(json, key, def);
        if (ms < 0) {
            throw new IllegalArgumentException(key + " must be >= 0");
        }
        return Duration.ofMillis(ms);
    }

    public static List<String> strings(JsonObject json, String key, List<String> def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException(key + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : a) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(key + " must be an array of non-blank strings");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * A {@link PhoneBehaviour} as {@code {"mode":"ANSWER|NO_ANSWER|BUSY|UNREACHABLE","answerAfterMs":500,
     * "hangupAfterMs":null}}; absent = answer after 500 ms, never hang up.
     */
    public static PhoneBehaviour phone(JsonObject json, String key) {
        Object value = json.getValue(key);
        if (value == null) {
            return PhoneBehaviour.answerAfter(Duration.ofMillis(500));
        }
        if (!(value instanceof JsonObject o)) {
            throw new IllegalArgumentException(key + " must be an object");
        }
        try {
            requireKnownKeys(o, Set.of("mode", "answerAfterMs", "hangupAfterMs"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        PhoneBehaviour.Mode mode;
        try {
            mode = PhoneBehaviour.Mode.valueOf(string(o, "mode", "ANSWER").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".mode must be one of ANSWER, NO_ANSWER, BUSY, UNREACHABLE");
        }
        if (mode != PhoneBehaviour.Mode.ANSWER) {
            return new PhoneBehaviour(mode, null, null);
        }
        try {
            Duration answer = millis(o, "answerAfterMs", 500);
            Duration hangup = o.getValue("hangupAfterMs") == null ? null : millis(o, "hangupAfterMs", 0);
            return new PhoneBehaviour(mode, answer, hangup);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "." + e.getMessage());
        }
    }
}
