package io.zuoxi.web.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentCommandResult;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.web.WebConfig;
import io.zuoxi.web.WebVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Real H2, real HTTP, the real bus with a fake core answering AGENT_COMMAND / CORE_SNAPSHOT / QUEUE_DEFINE. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebApiIT {

    @TempDir
    static Path dir;
    private Vertx vertx;
    private WebClient client;
    /** Vert.x 5 shuts a client down when it is garbage collected: keep it referenced for the whole test. */
    private io.vertx.core.http.WebSocketClient wsClient;
    private int port;
    private String url;

    private final List<AgentCommand> commands = new CopyOnWriteArrayList<>();
    private final List<JsonObject> queueDefines = new CopyOnWriteArrayList<>();
    private final AtomicReference<AgentCommandResult> nextResult =
            new AtomicReference<>(AgentCommandResult.ok(AgentState.READY));
    private MessageConsumer<JsonObject> commandConsumer;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        url = "jdbc:h2:file:" + dir.resolve("zuoxi") + ";AUTO_SERVER=FALSE";
        registerCommandConsumer();
        vertx.eventBus().<JsonObject>consumer(Addresses.CORE_SNAPSHOT, m -> m.reply(new JsonObject()
                .put("agents", new JsonArray().add(new JsonObject().put("agentId", "1001").put("state", "NOT_READY")
                        .put("since", "2026-11-22T09:00:00Z").put("reason", "login").put("endpoint", "PJSIP/1001")
                        .put("queues", new JsonArray().add("support").add("sales"))))
                .put("queues", new JsonArray().add(new JsonObject().put("queue", "support").put("agentsReady", 1)
                        .put("definition", new JsonObject().put("name", "support"))
                        .put("waiting", new JsonArray().add(new JsonObject().put("callId", "c-9")
                                .put("callerNumber", "13800138000").put("priority", 0)
                                .put("offers", new JsonArray().add(new JsonObject().put("agentId", "1001")))))))));
        vertx.eventBus().<JsonObject>consumer(Addresses.QUEUE_DEFINE, m -> {
            queueDefines.add(m.body());
            m.reply(new JsonObject().put("ok", true));
        });
        // a second tenant with a queue of its own, created before the web tier starts
        WebConfig config = WebConfig.fromJson(new JsonObject()
                .put("http", new JsonObject().put("port", 0))
                .put("database", new JsonObject().put("url", url).put("password", "hush"))
                .put("demoData", true)
                .put("pbxIds", new JsonArray().add("asterisk-sim"))
                .put("coreTimeoutMillis", 500)
                .put("login", new JsonObject().put("maxFailures", 3)));
        WebVerticle web = new WebVerticle(config);
        await(vertx.deployVerticle(web));
        port = web.actualPort();
        client = WebClient.create(vertx);
        try (Connection c = DriverManager.getConnection(url, "sa", "hush"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO tenants VALUES ('other', 'Other Co')");
            st.execute("INSERT INTO queues (name, tenant, display_name) VALUES ('other-q', 'other', 'Other')");
        }
    }

    private void registerCommandConsumer() throws Exception {
        commandConsumer = vertx.eventBus().consumer(Addresses.AGENT_COMMAND, m -> {
            commands.add(BusJson.decode(m.body(), AgentCommand.class));
            m.reply(BusJson.encode(nextResult.get()));
        });
        await(commandConsumer.completion());
    }

    @AfterAll
    void stop() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) throws Exception {
        HttpRequest<Buffer> req = client.request(method, port, "127.0.0.1", path);
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        if (body == null) {
            return await(req.send());
        }
        return await(req.sendBuffer(Buffer.buffer(body instanceof JsonObject j ? j.encode() : body.toString())));
    }

    private String login(String user) throws Exception {
        HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/session", null,
                new JsonObject().put("username", user).put("password", "demo"));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject().getString("token");
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String id) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo(id);
        assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
    }

    private int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "hush"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void poll(String what, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private int countQuietly(String sql) {
        try {
            return count(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallRecord record(String callId, String queue, String agentId, String caller) {
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        return new CallRecord(callId, "asterisk-sim", "linked-" + callId, "INBOUND", caller, "张伟", "4001234567",
                queue, agentId, "ANSWERED", t, t.plusSeconds(1), t.plusSeconds(5), t.plusSeconds(8),
                t.plusSeconds(100), 7, 92, null, 2, false, Map.of("orderId", "A-1", "lang", "zh"),
                List.of(new CallRecord.LegRecord(callId + "-caller", "CALLER", "PJSIP/trunk-1", null, t,
                                t.plusSeconds(1), t.plusSeconds(100), 16),
                        new CallRecord.LegRecord(callId + "-agent", "AGENT", "PJSIP/" + agentId, agentId,
                                t.plusSeconds(5), t.plusSeconds(8), t.plusSeconds(100), 16)));
    }

    /** Publishes records and waits until each is stored (the recorder writes in arrival order). */
    private void store(CallRecord... records) throws Exception {
        for (CallRecord r : records) {
            vertx.eventBus().publish(Addresses.CALL_ENDED, BusJson.encode(r));
        }
        String last = records[records.length - 1].callId();
        poll("call " + last + " stored",
                () -> countQuietly("SELECT COUNT(*) FROM call_records WHERE call_id = '" + last + "'") == 1);
    }

    @Test
    void healthNeedsNoAuthAndStaticIndexIsServed() throws Exception {
        HttpResponse<Buffer> r = call(HttpMethod.GET, "/api/v1/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("ok");
        assertThat(call(HttpMethod.GET, "/", null, null).statusCode()).isEqualTo(200);
        assertError(call(HttpMethod.GET, "/api/v1/nothing-here", null, null), 404, "not-found");
    }

    @Test
    void loginReturnsTokenUserAndAHardenedCookie() throws Exception {
        HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/session", null,
                new JsonObject().put("username", "agent1").put("password", "demo"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("token")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.getJsonObject("user")).isEqualTo(new JsonObject().put("username", "agent1")
                .put("displayName", "Agent 1 坐席1").put("role", "AGENT").put("agentId", "1001")
                .put("tenant", "demo").put("revealNumbers", false));
        String cookie = r.cookies().stream().filter(c -> c.startsWith("ZUOXI_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains(body.getString("token")).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");

        // the cookie alone authenticates too
        HttpResponse<Buffer> me = await(client.get(port, "127.0.0.1", "/api/v1/me")
                .putHeader("Cookie", "ZUOXI_SESSION=" + body.getString("token")).send());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getJsonObject("agent")).isEqualTo(new JsonObject().put("agentId", "1001")
                .put("state", "NOT_READY").put("since", "2026-11-22T09:00:00Z").put("reason", "login")
                .put("endpoint", "PJSIP/1001").put("queues", new JsonArray().add("support").add("sales")));
        assertThat(me.bodyAsJsonObject().getJsonObject("seat")).as("the configured seat the panel suggests")
                .isEqualTo(new JsonObject().put("agentId", "1001").put("defaultPbx", "asterisk-sim")
                        .put("defaultEndpoint", "PJSIP/1001"));

        // logout invalidates the token
        assertThat(call(HttpMethod.DELETE, "/api/v1/session", body.getString("token"), null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.GET, "/api/v1/me", body.getString("token"), null), 401, "unauthenticated");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        HttpResponse<Buffer> wrong = call(HttpMethod.POST, "/api/v1/session", null,
                new JsonObject().put("username", "agent2").put("password", "nope"));
        HttpResponse<Buffer> unknown = call(HttpMethod.POST, "/api/v1/session", null,
                new JsonObject().put("username", "nobody").put("password", "nope"));
        assertError(wrong, 401, "bad-credentials");
        assertError(unknown, 401, "bad-credentials");
        assertThat(wrong.bodyAsString()).isEqualTo(unknown.bodyAsString());
        assertThat(wrong.cookies()).isEmpty();
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertError(call(HttpMethod.POST, "/api/v1/session", null,
                    new JsonObject().put("username", "agent4").put("password", "guess" + i)), 401, "bad-credentials");
        }
        assertError(call(HttpMethod.POST, "/api/v1/session", null,
                new JsonObject().put("username", "agent4").put("password", "demo")), 429, "too-many-attempts");
        // another user is not affected
        assertThat(login("agent3")).isNotBlank();
    }

    @Test
    void eventHubIsMountedAndScopesBySeatTenantFromTheDatabase() throws Exception {
        String sup = login("supervisor");
        wsClient = vertx.createWebSocketClient();
        io.vertx.core.http.ClientWebSocket ws = wsClient.webSocket();
        java.util.concurrent.LinkedBlockingQueue<JsonObject> got = new java.util.concurrent.LinkedBlockingQueue<>();
        ws.textMessageHandler(t -> got.add(new JsonObject(t)));
        await(ws.connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/events").addHeader("Cookie", "ZUOXI_SESSION=" + sup)));
        JsonObject hello = got.poll(10, TimeUnit.SECONDS);
        assertThat(hello).isNotNull();
        assertThat(hello.getString("type")).isEqualTo("hello");
        vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(new AgentStateChanged("1003",
                AgentState.LOGGED_OUT, AgentState.NOT_READY, "login", null, "PJSIP/1003", Instant.now())));
        JsonObject m;
        do {
            m = got.poll(10, TimeUnit.SECONDS);
        } while (m != null && !"agent.state".equals(m.getString("type")));
        assertThat(m).as("the supervisor of tenant demo gets seat 1003's state").isNotNull();
        assertThat(m.getJsonObject("data").getString("agentId")).isEqualTo("1003");
        await(ws.close());
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        String big = new JsonObject().put("username", "x".repeat(70_000)).put("password", "demo").encode();
        assertError(call(HttpMethod.POST, "/api/v1/session", null, big), 413, "body-too-large");
    }

    @Test
    void missingOrBogusTokenIs401() throws Exception {
        assertError(call(HttpMethod.GET, "/api/v1/me", null, null), 401, "unauthenticated");
        assertError(call(HttpMethod.GET, "/api/v1/call-records", "not-a-token", null), 401, "unauthenticated");
        assertError(call(HttpMethod.POST, "/api/v1/agents/me/ready", null, null), 401, "unauthenticated");
    }

    @Test
    void agentOnSupervisorEndpointsIs403() throws Exception {
        String agent = login("agent1");
        assertError(call(HttpMethod.GET, "/api/v1/agents", agent, null), 403, "forbidden");
        assertError(call(HttpMethod.GET, "/api/v1/status", agent, null), 403, "forbidden");
        String sup = login("supervisor");
        HttpResponse<Buffer> agents = call(HttpMethod.GET, "/api/v1/agents", sup, null);
        assertThat(agents.statusCode()).isEqualTo(200);
        JsonArray list = agents.bodyAsJsonObject().getJsonArray("agents");
        assertThat(list).hasSize(4);
        assertThat(list.getJsonObject(0).getJsonObject("live").getString("state")).isEqualTo("NOT_READY");
        assertThat(list.getJsonObject(3).getJsonObject("live").getString("state")).isEqualTo("LOGGED_OUT");
        // a supervisor has no seat of its own
        assertError(call(HttpMethod.POST, "/api/v1/agents/me/ready", sup, null), 403, "forbidden");
    }

    @Test
    void badJsonIs400() throws Exception {
        assertError(call(HttpMethod.POST, "/api/v1/session", null, "{\"username\": "), 400, "bad-json");
        assertError(call(HttpMethod.POST, "/api/v1/session", null, "[1,2]"), 400, "bad-json");
        assertError(call(HttpMethod.POST, "/api/v1/session", null, new JsonObject().put("username", 5)), 400,
                "bad-request");
        String agent = login("agent1");
        assertError(call(HttpMethod.POST, "/api/v1/agents/me/not-ready", agent, "reason=break"), 400, "bad-json");
        assertError(call(HttpMethod.POST, "/api/v1/agents/me/not-ready", agent,
                new JsonObject().put("reason", "coffee")), 400, "bad-request");
        assertError(call(HttpMethod.GET, "/api/v1/call-records?limit=abc", agent, null), 400, "bad-request");
        assertError(call(HttpMethod.GET, "/api/v1/call-records?before=yesterday", agent, null), 400, "bad-request");
    }

    @Test
    void agentLoginSendsTheSeatsDefaultsAndQueuesToTheCore() throws Exception {
        String agent = login("agent2");
        nextResult.set(AgentCommandResult.ok(AgentState.NOT_READY));
        HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/agents/me/login", agent, null);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("state", "NOT_READY"));
        assertThat(commands).contains(new AgentCommand.Login("1002", "asterisk-sim", "PJSIP/1002",
                List.of("support", "sales")));

        // a PBX Zuoxi is not connected to: the agent would be READY and never offered a call
        int before = commands.size();
        assertError(call(HttpMethod.POST, "/api/v1/agents/me/login", agent,
                new JsonObject().put("endpoint", "PJSIP/1002").put("pbx", "pbx-nobody-configured")), 400, "no-such-pbx");
        assertThat(commands).hasSize(before);

        nextResult.set(AgentCommandResult.ok(AgentState.NOT_READY));
        assertThat(call(HttpMethod.POST, "/api/v1/agents/me/not-ready", agent,
                new JsonObject().put("reason", "meal")).statusCode()).isEqualTo(200);
        assertThat(commands).contains(new AgentCommand.NotReady("1002", "meal"));
        nextResult.set(AgentCommandResult.ok(AgentState.READY));
        assertThat(call(HttpMethod.POST, "/api/v1/agents/me/wrap-up/end", agent, null).statusCode()).isEqualTo(200);
        assertThat(commands).contains(new AgentCommand.EndWrapUp("1002"));
    }

    @Test
    void refusedCommandIs409WithTheCoresErrorId() throws Exception {
        String agent = login("agent3");
        nextResult.set(AgentCommandResult.refused("illegal-transition", "cannot log out while ON_CALL",
                AgentState.ON_CALL));
        HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/agents/me/logout", agent, null);
        assertError(r, 409, "illegal-transition");
        assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("cannot log out while ON_CALL");
        nextResult.set(AgentCommandResult.ok(AgentState.READY));
    }

    @Test
    void coreNotAnsweringIs503() throws Exception {
        String agent = login("agent1");
        await(commandConsumer.unregister());
        try {
            assertError(call(HttpMethod.POST, "/api/v1/agents/me/ready", agent, null), 503, "core-unavailable");
            // a consumer that never replies: the request times out (coreTimeoutMillis = 500)
            MessageConsumer<JsonObject> silent = vertx.eventBus().consumer(Addresses.AGENT_COMMAND, m -> { });
            await(silent.completion());
            long t0 = System.nanoTime();
            assertError(call(HttpMethod.POST, "/api/v1/agents/me/ready", agent, null), 503, "core-unavailable");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
            await(silent.unregister());
        } finally {
            registerCommandConsumer();
        }
    }

    @Test
    void queueDefinitionsAreSentToTheCoreAtStart() throws Exception {
        poll("queue definitions", () -> !queueDefines.isEmpty());
        JsonArray queues = queueDefines.get(0).getJsonArray("queues");
        assertThat(queues.stream().map(o -> ((JsonObject) o).getString("name")).toList())
                .contains("support", "sales");
        JsonObject support = queues.stream().map(o -> (JsonObject) o)
                .filter(q -> q.getString("name").equals("support")).findFirst().orElseThrow();
        assertThat(support.getString("displayName")).isEqualTo("技术支持");
        assertThat(support.getInteger("ringTimeoutSeconds")).isEqualTo(20);
    }

    @Test
    void queuesAreScopedAndCarryTheLiveSnapshot() throws Exception {
        HttpResponse<Buffer> a = call(HttpMethod.GET, "/api/v1/queues", login("agent3"), null);
        assertThat(a.statusCode()).isEqualTo(200);
        JsonArray aq = a.bodyAsJsonObject().getJsonArray("queues");
        assertThat(aq).hasSize(1);
        assertThat(aq.getJsonObject(0).getString("name")).isEqualTo("support");
        JsonObject live = aq.getJsonObject(0).getJsonObject("live");
        assertThat(live.getInteger("agentsReady")).isEqualTo(1);
        JsonObject waiting = live.getJsonArray("waiting").getJsonObject(0);
        assertThat(waiting.getString("callerNumber")).as("masked for an agent").isEqualTo("138****8000");
        assertThat(waiting.containsKey("offers")).as("routing traces are for the status endpoint").isFalse();
        assertThat(live.containsKey("definition")).isFalse();
        JsonArray sq = call(HttpMethod.GET, "/api/v1/queues", login("supervisor"), null).bodyAsJsonObject()
                .getJsonArray("queues");
        JsonObject supLive = sq.stream().map(o -> (JsonObject) o).filter(q -> "support".equals(q.getString("name")))
                .findFirst().orElseThrow().getJsonObject("live");
        assertThat(supLive.getJsonArray("waiting").getJsonObject(0).getString("callerNumber"))
                .as("shown in full to a supervisor with the reveal permission").isEqualTo("13800138000");
        assertThat(sq.stream().map(o -> ((JsonObject) o).getString("name")).toList())
                .containsExactly("sales", "support"); // never the other tenant's other-q
    }

    @Test
    void callEndedTwiceIsStoredOnceWithItsFieldsAndLegs() throws Exception {
        CallRecord r = record("dup-1", "support", "1001", "13800138000");
        vertx.eventBus().publish(Addresses.CALL_ENDED, BusJson.encode(r));
        store(r, record("dup-after", "support", "1001", "13912345678"));
        assertThat(count("SELECT COUNT(*) FROM call_records WHERE call_id = 'dup-1'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM call_legs l JOIN call_records r ON l.call_record_id = r.id "
                + "WHERE r.call_id = 'dup-1'")).isEqualTo(2);

        JsonObject j = call(HttpMethod.GET, "/api/v1/call-records/dup-1", login("supervisor"), null).bodyAsJsonObject();
        assertThat(j.getString("callerNumber")).isEqualTo("13800138000");
        assertThat(j.getString("queue")).isEqualTo("support");
        assertThat(j.getString("agentId")).isEqualTo("1001");
        assertThat(j.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(j.getString("answeredAt")).isEqualTo("2026-11-22T08:00:08Z");
        assertThat(j.getString("endedAt")).isEqualTo("2026-11-22T08:01:40Z");
        assertThat(j.getLong("waitSeconds")).isEqualTo(7);
        assertThat(j.getLong("talkSeconds")).isEqualTo(92);
        assertThat(j.getInteger("offers")).isEqualTo(2);
        assertThat(j.getValue("wrapUpSeconds")).isNull();
        assertThat(j.getJsonObject("attachedData")).isEqualTo(new JsonObject().put("orderId", "A-1").put("lang", "zh"));
        assertThat(j.getJsonArray("legs")).hasSize(2);
        assertThat(j.getJsonArray("legs").getJsonObject(1).getString("channel")).isEqualTo("PJSIP/1001");

        // wrap-up ended updates the same row
        CallRecord withWrap = new CallRecord(r.callId(), r.pbx(), r.linkedId(), r.direction(), r.callerNumber(),
                r.callerName(), r.calledNumber(), r.queue(), r.agentId(), r.outcome(), r.startedAt(), r.enqueuedAt(),
                r.offeredAt(), r.answeredAt(), r.endedAt(), r.waitSeconds(), r.talkSeconds(), 12L, r.offers(),
                r.reconciled(), r.attachedData(), r.legs());
        vertx.eventBus().publish(Addresses.CALL_WRAPUP_ENDED, BusJson.encode(withWrap));
        poll("wrap-up stored", () -> countQuietly(
                "SELECT COUNT(*) FROM call_records WHERE call_id = 'dup-1' AND wrap_up_seconds = 12") == 1);
        assertThat(count("SELECT COUNT(*) FROM call_records WHERE call_id = 'dup-1'")).isEqualTo(1);
    }

    @Test
    void agentStateChangeBecomesAHistoryRow() throws Exception {
        AgentStateChanged c = new AgentStateChanged("1004", AgentState.READY, AgentState.NOT_READY, "no-answer",
                "call-x", "PJSIP/1004", Instant.parse("2026-11-22T10:00:00.123Z"));
        vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(c));
        poll("history row", () -> countQuietly("SELECT COUNT(*) FROM agent_state_history WHERE agent_id = '1004' "
                + "AND from_state = 'READY' AND to_state = 'NOT_READY' AND reason = 'no-answer' "
                + "AND call_id = 'call-x' AND endpoint = 'PJSIP/1004'") == 1);
        // a bad payload is dropped (logged) and does not block later writes
        vertx.eventBus().publish(Addresses.AGENT_STATE, new JsonObject().put("agentId", "1004").put("to", "DANCING"));
        vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(new AgentStateChanged("1004",
                AgentState.NOT_READY, AgentState.READY, null, null, "PJSIP/1004", Instant.now())));
        poll("second history row", () -> countQuietly(
                "SELECT COUNT(*) FROM agent_state_history WHERE agent_id = '1004'") == 2);
    }

    @Test
    void callRecordsAreScopedByTenantAndAgentAndMaskedForAgents() throws Exception {
        store(record("mine-1", "support", "1001", "13800138000"),
                record("colleague-1", "support", "1002", "13912345678"),
                record("other-tenant-1", "other-q", null, "13700000000"));
        String agent1 = login("agent1");
        String sup = login("supervisor");

        JsonArray mine = call(HttpMethod.GET, "/api/v1/call-records?limit=200", agent1, null).bodyAsJsonObject()
                .getJsonArray("callRecords");
        List<String> ids = mine.stream().map(o -> ((JsonObject) o).getString("callId")).toList();
        assertThat(ids).contains("mine-1").doesNotContain("colleague-1", "other-tenant-1");
        JsonObject m = call(HttpMethod.GET, "/api/v1/call-records/mine-1", agent1, null).bodyAsJsonObject();
        assertThat(m.getString("callerNumber")).isEqualTo("138****8000");
        assertThat(m.getString("calledNumber")).isEqualTo("400***4567");

        assertError(call(HttpMethod.GET, "/api/v1/call-records/colleague-1", agent1, null), 404, "no-such-call");
        assertError(call(HttpMethod.GET, "/api/v1/call-records/other-tenant-1", sup, null), 404, "no-such-call");
        assertError(call(HttpMethod.GET, "/api/v1/call-records/never-was", sup, null), 404, "no-such-call");

        JsonObject s = call(HttpMethod.GET, "/api/v1/call-records/colleague-1", sup, null).bodyAsJsonObject();
        assertThat(s.getString("callerNumber")).isEqualTo("13912345678");
        JsonArray all = call(HttpMethod.GET, "/api/v1/call-records?limit=200&agent=1002", sup, null)
                .bodyAsJsonObject().getJsonArray("callRecords");
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("callId")).toList())
                .contains("colleague-1").doesNotContain("mine-1", "other-tenant-1");
        JsonArray none = call(HttpMethod.GET, "/api/v1/call-records?before=2026-11-22T08:00:00Z", sup, null)
                .bodyAsJsonObject().getJsonArray("callRecords");
        assertThat(none).isEmpty();
    }

    @Test
    void notReadyReasonsAndStatus() throws Exception {
        JsonArray reasons = call(HttpMethod.GET, "/api/v1/not-ready-reasons", login("agent1"), null)
                .bodyAsJsonObject().getJsonArray("reasons");
        assertThat(reasons.stream().map(o -> ((JsonObject) o).getString("code")).toList())
                .contains("break", "meal", "meeting", "training", "no-answer", "device-unavailable", "login");
        assertThat(reasons.stream().map(o -> (JsonObject) o).filter(r -> r.getString("code").equals("break"))
                .findFirst().orElseThrow().getString("labelZh")).isEqualTo("小休");
        HttpResponse<Buffer> st = call(HttpMethod.GET, "/api/v1/status", login("admin"), null);
        assertThat(st.statusCode()).isEqualTo(200);
        assertThat(st.bodyAsJsonObject().getJsonObject("core").getJsonArray("agents")).hasSize(1);
        assertThat(st.bodyAsJsonObject().getJsonObject("web").getJsonObject("recorder").getLong("givenUp")).isZero();
    }
}
