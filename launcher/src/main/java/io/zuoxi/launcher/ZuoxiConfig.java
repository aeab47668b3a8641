package io.zuoxi.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole configuration, parsed once and validated before anything starts. Each section is
 * handed to the config record of the part that owns it ({@code CoreConfig}, {@code AmiConfig},
 * {@code EslConfig}, {@code WebConfig}, the simulator's), which validate their own keys. Every key
 * is documented in {@code docs/configuration.md} and in {@code zuoxi-default.yaml}.
 */
record ZuoxiConfig(JsonObject core, List<Pbx> pbxs, Simulator simulator, JsonObject web) {

    enum PbxKind { ASTERISK, FREESWITCH }

    /** One PBX connection: {@code kind} picks the adapter, {@code settings} is that adapter's section. */
    record Pbx(String id, PbxKind kind, JsonObject settings) {}

    /**
     * The built-in simulated PBX (the embedded default).
     *
     * @param serves the id of the {@code pbx} entry the simulator stands in for: the launcher points
     *               that entry at the simulator's port with freshly generated credentials
     */
    record Simulator(boolean enabled, PbxKind kind, String serves, JsonObject settings, JsonObject traffic) {}

    static ZuoxiConfig from(JsonObject root) {
        Set<String> known = Set.of("core", "pbx", "simulator", "web");
        for (String key : root.fieldNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown top-level section '" + key + "' (expected one of " + known + ")");
            }
        }
        JsonObject core = section(root, "core");
        JsonObject web = section(root, "web");

        Object pbxNode = root.getValue("pbx");
        if (!(pbxNode instanceof JsonArray array) || array.isEmpty()) {
            throw new IllegalArgumentException("pbx: must be a non-empty list of PBX connections");
        }
        List<Pbx> pbxs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.getValue(i);
            if (!(entry instanceof JsonObject settings)) {
                throw new IllegalArgumentException("pbx[" + i + "]: must be a mapping");
            }
            String id = settings.getString("id");
            if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("pbx[" + i + "].id: required, 1-64 of [A-Za-z0-9_.-]");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("pbx[" + i + "].id: duplicate id '" + id + "'");
            }
            PbxKind kind = kind(settings.getString("kind"), "pbx[" + i + "].kind");
            JsonObject adapterSettings = settings.copy();
            adapterSettings.remove("kind");
            pbxs.add(new Pbx(id, kind, adapterSettings));
        }

        JsonObject sim = section(root, "simulator");
        boolean enabled = sim.getBoolean("enabled", false);
        Simulator simulator = null;
        if (enabled) {
            PbxKind kind = kind(sim.getString("kind", "asterisk"), "simulator.kind");
            String serves = sim.getString("pbx");
            Pbx served = pbxs.stream().filter(p -> p.id().equals(serves)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "simulator.pbx: must name a configured pbx id, got '" + serves + "'"));
            if (served.kind() != kind) {
                throw new IllegalArgumentException("simulator.kind: " + kind.name().toLowerCase(Locale.ROOT)
                        + " cannot serve pbx '" + serves + "' of kind " + served.kind().name().toLowerCase(Locale.ROOT));
            }
            String settingsKey = kind == PbxKind.ASTERISK ? "asterisk" : "freeswitch";
            simulator = new Simulator(true, kind, serves, section(sim, settingsKey), section(sim, "traffic"));
        }
        return new ZuoxiConfig(core, List.copyOf(pbxs), simulator, web);
    }

    private static PbxKind kind(String value, String key) {
        if ("asterisk".equals(value)) {
            return PbxKind.ASTERISK;
        }
        if ("freeswitch".equals(value)) {
            return PbxKind.FREESWITCH;
        }
        throw new IllegalArgumentException(key + ": must be 'asterisk' or 'freeswitch', got '" + value + "'");
    }

    private static JsonObject section(JsonObject parent, String key) {
        Object value = parent.getValue(key);
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException(key + ": must be a mapping");
        }
        return object;
    }
}
