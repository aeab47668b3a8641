package io.zuoxi.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML config file into a JSON object. The embedded default ({@code zuoxi-default.yaml}
 * on the classpath: H2 + simulated Asterisk + web UI) is the base; a user's file is merged over it
 * section by section, so a file only needs the keys it changes.
 */
final class ConfigFile {

    static final String DEFAULT_RESOURCE = "zuoxi-default.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigFile() {
    }

    /** The default, the user's file merged over it (if any), then each {@code key.path=value} of {@code --set}. */
    static JsonObject load(Path userFile, List<String> assignments) {
        JsonObject config = load(userFile);
        for (String assignment : assignments) {
            set(config, assignment);
        }
        return config;
    }

    static JsonObject load(Path userFile) {
        JsonObject base = readResource(DEFAULT_RESOURCE);
        if (userFile == null) {
            return base;
        }
        if (!Files.isRegularFile(userFile)) {
            throw new IllegalArgumentException("config file not found: " + userFile.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(userFile)) {
            return base.mergeIn(parse(in, userFile.toString()), true);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + userFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies one {@code --set} assignment such as {@code simulator.kind=freeswitch},
     * {@code web.http.port=9090} or {@code pbx.0.secret=s3cret}: dotted keys walk mappings (created when
     * missing) and, with a number, the items of an existing list; the value is read as a YAML scalar
     * ({@code true}, {@code 42}, {@code text}).
     */
    static void set(JsonObject root, String assignment) {
        int eq = assignment.indexOf('=');
        String path = eq < 0 ? "" : assignment.substring(0, eq);
        if (!path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("--set " + assignment + ": expected key.path=value, e.g. simulator.kind=freeswitch");
        }
        Object value;
        try {
            value = YAML.readValue(assignment.substring(eq + 1), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--set " + assignment + ": the value is not a YAML scalar", e);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("--set " + assignment + ": only single values can be set, not lists or mappings");
        }
        String[] keys = path.split("\\.");
        Object node = root;
        for (int i = 0; i < keys.length; i++) {
            boolean last = i == keys.length - 1;
            String key = keys[i];
            String where = String.join(".", java.util.Arrays.copyOf(keys, i + 1));
            if (node instanceof JsonObject object) {
                if (last) {
                    object.put(key, value);
                    return;
                }
                Object child = object.getValue(key);
                if (child == null) {
                    child = new JsonObject();
                    object.put(key, child);
                }
                node = child;
            } else if (node instanceof JsonArray array && key.matches("[0-9]{1,4}") && Integer.parseInt(key) < array.size()) {
                int index = Integer.parseInt(key);
                if (last) {
                    array.set(index, value);
                    return;
                }
                node = array.getValue(index);
            } else {
                throw new IllegalArgumentException("--set " + assignment + ": " + where + " does not exist"
                        + (node instanceof JsonArray ? " (the list has " + ((JsonArray) node).size() + " items)" : ""));
            }
        }
    }

    static JsonObject readResource(String name) {
        try (InputStream in = ConfigFile.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse(in, name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    static JsonObject parse(InputStream in, String source) {
        try {
            Object tree = YAML.readValue(in, Object.class);
            if (tree == null) {
                return new JsonObject();
            }
            if (!(tree instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(source + ": the top level must be a mapping of sections");
            }
            return new JsonObject((Map<String, Object>) map);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
