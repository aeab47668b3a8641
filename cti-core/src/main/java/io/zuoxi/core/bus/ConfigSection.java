package io.zuoxi.core.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of one section of the config file. Every mistake is an {@link IllegalArgumentException}
 * naming the key as the file spells it ({@code pbx ast1: port must be a whole number, was "5038x"}):
 * no silent cast ({@code 5038.5} is not a port), no class-cast message without the key.
 */
public final class ConfigSection {

    private final JsonObject json;
    private final String name;

    private ConfigSection(JsonObject json, String name) {
        this.json = json == null ? new JsonObject() : json;
        this.name = name;
    }

    /** The section, after checking it has only {@code known} keys (see {@link ConfigKeys#requireKnown}). */
    public static ConfigSection of(JsonObject json, String name, Set<String> known) {
        ConfigKeys.requireKnown(json, known, name);
        return new ConfigSection(json, name);
    }

    /** A nested mapping ({@code web.http}); absent = empty. */
    public ConfigSection section(String key, Set<String> known) {
        Object v = json.getValue(key);
        if (v != null && !(v instanceof JsonObject)) {
            throw bad(key, "must be a mapping", v);
        }
        return of((JsonObject) v, name + "." + key, known);
    }

    public String string(String key, String def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof String s)) {
            throw bad(key, "must be text", v);
        }
        return s;
    }

    public boolean bool(String key, boolean def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw bad(key, "must be true or false", v);
        }
        return b;
    }

    public long longValue(String key, long def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > 9.0e15) {
            throw bad(key, "must be a whole number", v);
        }
        return n.longValue();
    }

    public int integer(String key, int def) {
        long v = longValue(key, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bad(key, "is out of range", v);
        }
        return (int) v;
    }

    public List<String> strings(String key, List<String> def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof JsonArray a)) {
            throw bad(key, "must be a list of text", v);
        }
        List<String> out = new ArrayList<>();
        for (Object item : a) {
            if (!(item instanceof String s)) {
                throw bad(key, "must be a list of text", v);
            }
            out.add(s);
        }
        return out;
    }

    private IllegalArgumentException bad(String key, String what, Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return new IllegalArgumentException(name + ": " + key + " " + what + ", was " + shown);
    }
}
