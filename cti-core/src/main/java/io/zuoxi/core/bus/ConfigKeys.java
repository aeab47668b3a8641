package io.zuoxi.core.bus;

import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule every config record of Zuoxi follows: a key it does not know is an error that names
 * the key and lists the known ones, so a typo in {@code zuoxi.yaml} ({@code pasword:}) stops the start
 * instead of silently falling back to a default.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /**
     * @param section where the object sits in the config file, for the message ({@code "pbx[0]"},
     *                {@code "web.http"})
     */
    public static void requireKnown(JsonObject json, Set<String> known, String section) {
        if (json == null) {
            return;
        }
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(section + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
