package io.zuoxi.web;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.ConfigSection;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.stream.EventHubConfig;

import java.util.List;
import java.util.Set;

/**
 * Settings of the web tier, parsed once from JSON. Keys (default, unit):
 * <ul>
 *   <li>{@code http.host} — {@code 127.0.0.1}; interface the HTTP server binds</li>
 *   <li>{@code http.port} — {@code 8080}; TCP port, 0 = any free port (tests; read {@code WebVerticle.actualPort()})</li>
 *   <li>{@code http.maxBodyBytes} — {@code 65536}; largest accepted request body (bytes)</li>
 *   <li>{@code database.url} — {@code jdbc:h2:file:./data/zuoxi;AUTO_SERVER=FALSE}; JDBC URL, {@code jdbc:h2:} or {@code jdbc:mysql:}</li>
 *   <li>{@code database.user} — {@code sa}; database user</li>
 *   <li>{@code database.password} — empty; database password (never logged)</li>
 *   <li>{@code demoData} — {@code false}; seed tenant "demo" (agents 1001–1004, users agent1..agent4 / supervisor /
 *       admin, password "demo", queues support / sales, demo customers). When false and no admin exists, user
 *       "admin" is created with a random password printed once to the log at WARN</li>
 *   <li>{@code demoPbx} — {@code asterisk-sim}; the PBX id the demo seats log in on by default (the launcher
 *       sets it to the simulator's PBX); applied at every start in demo mode</li>
 *   <li>{@code demoDevicePrefix} — {@code PJSIP/}; demo seat 1001 gets device {@code <prefix>1001}
 *       ({@code user/} for FreeSWITCH)</li>
 *   <li>{@code sessionTtlMinutes} — {@code 480}; idle time after which a session expires (minutes, sliding)</li>
 *   <li>{@code pbxIds} — {@code []}; PBX adapter ids whose status {@code /api/v1/status} shows</li>
 *   <li>{@code coreTimeoutMillis} — {@code 5000}; how long a request to cti-core on the bus may take (ms) before 503</li>
 *   <li>{@code login.maxFailures} — {@code 5}; failed logins per username before it is throttled (count)</li>
 *   <li>{@code login.windowMinutes} — {@code 15}; throttling window (minutes)</li>
 *   <li>{@code events} — the WebSocket hub's settings, see {@link EventHubConfig}</li>
 * </ul>
 */
public record WebConfig(String httpHost, int httpPort, int maxBodyBytes, Database.Settings database, boolean demoData,
                        String demoPbx, String demoDevicePrefix, int sessionTtlMinutes, List<String> pbxIds, long coreTimeoutMillis, int loginMaxFailures,
                        int loginWindowMinutes, EventHubConfig events) {

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/zuoxi;AUTO_SERVER=FALSE";

    private static final Set<String> KEYS = Set.of("http", "database", "demoData", "demoPbx", "demoDevicePrefix",
            "sessionTtlMinutes", "pbxIds", "coreTimeoutMillis", "login", "events");

    public WebConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http.port must be 0..65535, got " + httpPort);
        }
        if (maxBodyBytes <= 0 || sessionTtlMinutes <= 0 || coreTimeoutMillis <= 0 || loginMaxFailures <= 0
                || loginWindowMinutes <= 0) {
            throw new IllegalArgumentException(
                    "http.maxBodyBytes, sessionTtlMinutes, coreTimeoutMillis, login.* must be > 0");
        }
        pbxIds = List.copyOf(pbxIds);
        database.dialect();
        if (demoPbx == null || !demoPbx.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("demoPbx must be a PBX id (1-64 of A-Z a-z 0-9 _ . -), got " + demoPbx);
        }
        if (demoDevicePrefix == null || demoDevicePrefix.isBlank() || !demoDevicePrefix.endsWith("/")) {
            throw new IllegalArgumentException("demoDevicePrefix must end with '/', e.g. PJSIP/ or user/, got "
                    + demoDevicePrefix);
        }
    }

    public static WebConfig fromJson(JsonObject json) {
        ConfigSection web = ConfigSection.of(json, "web", KEYS);
        ConfigSection http = web.section("http", Set.of("host", "port", "maxBodyBytes"));
        ConfigSection db = web.section("database", Set.of("url", "user", "password"));
        ConfigSection login = web.section("login", Set.of("maxFailures", "windowMinutes"));
        Object events = json == null ? null : json.getValue("events");
        if (events != null && !(events instanceof JsonObject)) {
            throw new IllegalArgumentException("web: events must be a mapping");
        }
        return new WebConfig(http.string("host", "127.0.0.1"), http.integer("port", 8080),
                http.integer("maxBodyBytes", 65536),
                new Database.Settings(db.string("url", DEFAULT_DB_URL), db.string("user", "sa"), db.string("password", "")),
                web.bool("demoData", false), web.string("demoPbx", "asterisk-sim"), web.string("demoDevicePrefix", "PJSIP/"),
                web.integer("sessionTtlMinutes", 480), web.strings("pbxIds", List.of()),
                web.longValue("coreTimeoutMillis", 5000L), login.integer("maxFailures", 5),
                login.integer("windowMinutes", 15), EventHubConfig.fromJson((JsonObject) events));
    }
}
