package io.zuoxi.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.AmiConfig;
import io.zuoxi.core.bus.ConfigKeys;
import io.zuoxi.core.bus.CoreConfig;
import io.zuoxi.esl.EslConfig;
import io.zuoxi.sim.DemoTrafficConfig;
import io.zuoxi.sim.asterisk.SimulatedAsteriskConfig;
import io.zuoxi.sim.freeswitch.SimulatedFreeswitchConfig;
import io.zuoxi.web.WebConfig;

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

    private static final String ID = "[A-Za-z0-9_.-]{1,64}";

    enum PbxKind {
        ASTERISK("PJSIP/"), FREESWITCH("user/");

        private final String devicePrefix;

        PbxKind(String devicePrefix) {
            this.devicePrefix = devicePrefix;
        }

        /** The word used in the config file. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** How a desk phone's device is written for this PBX: {@code PJSIP/1001}, {@code user/1001}. */
        String devicePrefix() {
            return devicePrefix;
        }

        /** The pbx id the simulator gets when the config names none. */
        String simulatedId() {
            return key() + "-sim";
        }
    }

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

        JsonObject sim = section(root, "simulator");
        ConfigKeys.requireKnown(sim, Set.of("enabled", "kind", "pbx", "asterisk", "freeswitch", "traffic"), "simulator");
        Object enabledNode = sim.getValue("enabled", false);
        if (!(enabledNode instanceof Boolean enabled)) {
            throw new IllegalArgumentException("simulator.enabled: must be true or false");
        }

        Object pbxNode = root.getValue("pbx");
        if (pbxNode != null && !(pbxNode instanceof JsonArray)) {
            throw new IllegalArgumentException("pbx: must be a list of PBX connections");
        }
        JsonArray array = pbxNode == null ? new JsonArray() : (JsonArray) pbxNode;
        if (array.isEmpty() && !enabled) {
            throw new IllegalArgumentException("pbx: list at least one PBX connection (or enable the simulator)");
        }
        List<Pbx> pbxs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.getValue(i);
            if (!(entry instanceof JsonObject settings)) {
                throw new IllegalArgumentException("pbx[" + i + "]: must be a mapping");
            }
            String id = settings.getValue("id") instanceof String s ? s : null;
            if (id == null || !id.matches(ID)) {
                throw new IllegalArgumentException("pbx[" + i + "].id: required, 1-64 of [A-Za-z0-9_.-]");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("pbx[" + i + "].id: duplicate id '" + id + "'");
            }
            PbxKind kind = kind(settings.getValue("kind"), "pbx[" + i + "].kind");
            JsonObject adapterSettings = settings.copy();
            adapterSettings.remove("kind");
            pbxs.add(new Pbx(id, kind, adapterSettings));
        }

        Simulator simulator = null;
        if (enabled) {
            PbxKind kind = kind(sim.getValue("kind", "asterisk"), "simulator.kind");
            Object servesNode = sim.getValue("pbx");
            String serves;
            if (servesNode == null) {
                if (!pbxs.isEmpty()) {
                    // A file that lists real PBXs but leaves the demo simulator on is almost always a mistake.
                    throw new IllegalArgumentException("simulator.pbx: name the pbx entry the simulator stands in "
                            + "for, or set simulator.enabled: false to use only the listed PBXs");
                }
                serves = kind.simulatedId();
                pbxs.add(new Pbx(serves, kind, new JsonObject().put("id", serves)));
            } else {
                serves = servesNode instanceof String s ? s : null;
                Pbx served = pbxs.stream().filter(p -> p.id().equals(serves)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "simulator.pbx: must name a configured pbx id, got '" + servesNode + "'"));
                if (served.kind() != kind) {
                    throw new IllegalArgumentException("simulator.kind: " + kind.key() + " cannot serve pbx '"
                            + serves + "' of kind " + served.kind().key());
                }
            }
            simulator = new Simulator(true, kind, serves, section(sim, kind.key()), section(sim, "traffic"));
        }
        ZuoxiConfig config = new ZuoxiConfig(core, List.copyOf(pbxs), simulator, web);
        config.validateSections();
        return config;
    }

    /**
     * Parses every section with the record that owns it, so a bad key anywhere stops the start before
     * anything listens. The entry the simulator serves gets its credentials and port only at start, so
     * placeholders stand in for them here.
     */
    private void validateSections() {
        CoreConfig.fromJson(core);
        JsonArray ids = new JsonArray();
        for (Pbx pbx : pbxs) {
            ids.add(pbx.id());
            JsonObject settings = pbx.settings().copy();
            if (simulator != null && pbx.id().equals(simulator.serves())) {
                settings.put("host", "127.0.0.1").put("port", 1);
                if (pbx.kind() == PbxKind.ASTERISK) {
                    settings.put("secret", "placeholder").put("username", settings.getValue("username", "zuoxi"));
                } else {
                    settings.put("password", "placeholder");
                }
            }
            switch (pbx.kind()) {
                case ASTERISK -> AmiConfig.fromJson(settings);
                case FREESWITCH -> EslConfig.fromJson(settings);
            }
        }
        if (simulator != null) {
            JsonObject sim = simulator.settings().copy();
            try {
                if (simulator.kind() == PbxKind.ASTERISK) {
                    SimulatedAsteriskConfig.fromJson(sim.put("secret", "placeholder"));
                } else {
                    SimulatedFreeswitchConfig.fromJson(sim.put("password", "placeholder"));
                }
                demoTraffic();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("simulator: " + e.getMessage(), e);
            }
        }
        WebConfig.fromJson(web.copy().put("pbxIds", ids));
    }

    /**
     * The simulator's demo traffic settings without {@code enabled}; the demo phones default to the four
     * demo seats' devices of the simulator's kind.
     */
    DemoTrafficConfig demoTraffic() {
        JsonObject traffic = simulator.traffic().copy();
        traffic.remove("enabled");
        if (!traffic.containsKey("agentEndpoints")) {
            JsonArray phones = new JsonArray();
            for (int ext = 1001; ext <= 1004; ext++) {
                phones.add(simulator.kind().devicePrefix() + ext);
            }
            traffic.put("agentEndpoints", phones);
        }
        try {
            return DemoTrafficConfig.fromJson(traffic);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("traffic." + e.getMessage(), e);
        }
    }

    /** Whether the simulator generates demo calls. */
    boolean demoTrafficEnabled() {
        return simulator != null && !Boolean.FALSE.equals(simulator.traffic().getValue("enabled"));
    }

    private static PbxKind kind(Object value, String key) {
        for (PbxKind k : PbxKind.values()) {
            if (k.key().equals(value)) {
                return k;
            }
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
