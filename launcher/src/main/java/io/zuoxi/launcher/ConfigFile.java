package io.zuoxi.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
