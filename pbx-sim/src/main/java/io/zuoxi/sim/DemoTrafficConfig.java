package io.zuoxi.sim;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@link DemoTraffic}. Keys of {@link #fromJson(JsonObject)}, all optional:
 * <ul>
 *   <li>{@code callsPerMinute} (number, calls per minute, default 6) mean arrival rate; arrivals are random
 *       (exponential gaps), 0 = no calls</li>
 *   <li>{@code queues} (object queue name → integer weight, default {@code {"support":3,"sales":1}}) how
 *       calls spread over queues</li>
 *   <li>{@code dialedNumber} (string, default {@code 4001}) the number callers dial (DNIS)</li>
 *   <li>{@code knownCallerShare} (0..1, default 0.5) share of calls from the demo customers; the rest
 *       come from random numbers</li>
 *   <li>{@code patienceMinMs} / {@code patienceMaxMs} (ms, default 20000 / 90000) a caller not bridged to an
 *       agent within a random patience from this range hangs up (abandons)</li>
 *   <li>{@code agentEndpoints} (array of strings, default {@code ["PJSIP/1001","PJSIP/1002","PJSIP/1003",
 *       "PJSIP/1004"]}; use {@code user/1001..} with the FreeSWITCH simulator) demo phones the traffic
 *       drives</li>
 *   <li>{@code answerMinMs} / {@code answerMaxMs} (ms, default 1000 / 3000) ring time before a demo phone
 *       answers</li>
 *   <li>{@code talkMinMs} / {@code talkMaxMs} (ms, default 15000 / 60000) talk time after which a demo phone
 *       hangs up</li>
 *   <li>{@code seed} (integer, default 0 = random) random seed, for repeatable runs</li>
 * </ul>
 */
public record DemoTrafficConfig(double callsPerMinute, Map<String, Integer> queueWeights, String dialedNumber,
                                double knownCallerShare, Duration patienceMin, Duration patienceMax,
                                List<String> agentEndpoints, Duration answerMin, Duration answerMax,
                                Duration talkMin, Duration talkMax, long seed) {

    private static final Set<String> KEYS = Set.of("callsPerMinute", "queues", "dialedNumber", "knownCallerShare",
            "patienceMinMs", "patienceMaxMs", "agentEndpoints", "answerMinMs", "answerMaxMs", "talkMinMs",
            "talkMaxMs", "seed");

    public DemoTrafficConfig {
        if (!(callsPerMinute >= 0) || callsPerMinute > 6000) {
            throw new IllegalArgumentException("callsPerMinute must be 0..6000, was " + callsPerMinute);
        }
        if (queueWeights == null || queueWeights.isEmpty()) {
            throw new IllegalArgumentException("queues must name at least one queue");
        }
        int total = 0;
        for (Map.Entry<String, Integer> e : queueWeights.entrySet()) {
            if (e.getKey().isBlank() || e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("queues." + e.getKey() + " must be a weight >= 0");
            }
            total += e.getValue();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("queues weights must not all be 0");
        }
        queueWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queueWeights));
        if (dialedNumber == null || dialedNumber.isBlank()) {
            throw new IllegalArgumentException("dialedNumber must not be blank");
        }
        if (!(knownCallerShare >= 0 && knownCallerShare <= 1)) {
            throw new IllegalArgumentException("knownCallerShare must be 0..1, was " + knownCallerShare);
        }
        range("patienceMinMs", "patienceMaxMs", patienceMin, patienceMax);
        range("answerMinMs", "answerMaxMs", answerMin, answerMax);
        range("talkMinMs", "talkMaxMs", talkMin, talkMax);
        agentEndpoints = List.copyOf(agentEndpoints == null ? List.of() : agentEndpoints);
        for (String ep : agentEndpoints) {
            if (ep.isBlank() || !ep.contains("/")) {
                throw new IllegalArgumentException("agentEndpoints entries look like PJSIP/1001, was '" + ep + "'");
            }
        }
    }

    public static DemoTrafficConfig defaults() {
        return fromJson(new JsonObject());
    }

    public static DemoTrafficConfig fromJson(JsonObject json) {
        Settings.requireKnownKeys(json, KEYS);
        Map<String, Integer> queues = new LinkedHashMap<>();
        Object q = json.getValue("queues");
        if (q == null) {
            queues.put("support", 3);
            queues.put("sales", 1);
        } else if (q instanceof JsonObject o) {
            for (String name : o.fieldNames()) {
                if (!(o.getValue(name) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new IllegalArgumentException("queues." + name + " must be an integer weight");
                }
                queues.put(name, n.intValue());
            }
        } else {
            throw new IllegalArgumentException("queues must be an object of queue name -> weight");
        }
        List<String> endpoints = Settings.strings(json, "agentEndpoints",
                List.of("PJSIP/1001", "PJSIP/1002", "PJSIP/1003", "PJSIP/1004"));
        return new DemoTrafficConfig(Settings.number(json, "callsPerMinute", 6), queues,
                Settings.string(json, "dialedNumber", "4001"),
                Settings.number(json, "knownCallerShare", 0.5),
                Settings.millis(json, "patienceMinMs", 20_000), Settings.millis(json, "patienceMaxMs", 90_000),
                endpoints,
                Settings.millis(json, "answerMinMs", 1_000), Settings.millis(json, "answerMaxMs", 3_000),
                Settings.millis(json, "talkMinMs", 15_000), Settings.millis(json, "talkMaxMs", 60_000),
                Settings.integer(json, "seed", 0));
    }

    private static void range(String minKey, String maxKey, Duration min, Duration max) {
        if (min == null || max == null || min.isNegative()) {
            throw new IllegalArgumentException(minKey + " must be >= 0");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(maxKey + " must be >= " + minKey);
        }
    }
}
