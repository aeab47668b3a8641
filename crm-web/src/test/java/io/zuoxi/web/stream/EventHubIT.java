package io.zuoxi.web.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.queue.QueueSnapshot;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.auth.Role;
import io.zuoxi.web.screenpop.CustomerDirectory.Customer;
import io.zuoxi.web.screenpop.CustomerDirectory.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventHubIT {

    static final Principal AGENT_A = new Principal(1, "x", "agent1", "Agent One", Role.AGENT, "1001", false);
    static final Principal AGENT_B = new Principal(2, "x", "agent2", "Agent Two", Role.AGENT, "1002", true);
    static final Principal SUP_X = new Principal(3, "x", "supervisor", "Sup X", Role.SUPERVISOR, null, false);
    static final Principal SUP_Y = new Principal(4, "y", "supy", "Sup Y", Role.ADMIN, null, true);
    static final Principal AGENT_Y = new Principal(5, "y", "agenty", "Agent Y", Role.AGENT, "2001", false);

    Vertx vertx;
    EventHub hub;
    HttpServer server;
    WebSocketClient wsClient;
    int port;
    final FakeAuthenticator auth = new FakeAuthenticator()
            .add("tok-a", AGENT_A).add("tok-b", AGENT_B).add("tok-sx", SUP_X).add("tok-sy", SUP_Y).add("tok-ay", AGENT_Y);
    final FakeCustomers customers = new FakeCustomers()
            .add("x", "13800138000", new Customer(7, "张伟", "Acme", true, "prefers mornings",
                    List.of(new Interaction("c0", Instant.parse("2026-11-20T08:00:00Z"), "support", "1001", "ANSWERED", 95))));
    final FakeScope scope = new FakeScope().agent("1001", "x").agent("1002", "x").agent("2001", "y")
            .queue("support", "x").queue("sales-y", "y");
    final List<Client> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        wsClient = vertx.createWebSocketClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Client c : clients) {
            c.ws.close();
        }
        if (hub != null) {
            await(hub.stop());
        }
        await(vertx.close());
    }

    void startHub(JsonObject config) throws Exception {
        hub = new EventHub(vertx, auth, customers, scope, EventHubConfig.fromJson(config));
        await(hub.start());
        Router router = Router.router(vertx);
        hub.mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        port = server.actualPort();
    }

    void startHub() throws Exception {
        startHub(new JsonObject());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A real WebSocket client recording everything it receives. */
    final class Client {
        final ClientWebSocket ws = wsClient.webSocket();
        final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Short> closed = new CompletableFuture<>();
        volatile String closeReason;

        Client(String query, String cookieToken) throws Exception {
            this(query, cookieToken, null);
        }

        Client(String query, String cookieToken, String origin) throws Exception {
            ws.textMessageHandler(t -> received.add(new JsonObject(t)));
            ws.closeHandler(v -> {
                closeReason = ws.closeReason();
                closed.complete(ws.closeStatusCode());
            });
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setURI(EventHub.PATH + (query == null ? "" : "?" + query));
            if (cookieToken != null) {
                o.addHeader("Cookie", EventHub.SESSION_COOKIE + "=" + cookieToken);
            }
            if (origin != null) {
                o.addHeader("Origin", origin.replace("PORT", String.valueOf(port)));
            }
            await(ws.connect(o));
            clients.add(this);
        }

        void send(String text) throws Exception {
            await(ws.writeTextMessage(text));
        }

        JsonObject next() throws Exception {
            JsonObject m = received.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                fail("no message within 10 s");
            }
            return m;
        }

        JsonObject next(String type) throws Exception {
            JsonObject m = next();
            assertThat(m.getString("type")).as("message %s", m).isEqualTo(type);
            return m;
        }

        /** Everything received before the reply to a ping: the hub handles one link in order, so this is a barrier. */
        List<JsonObject> drain() throws Exception {
            send("{\"type\":\"ping\"}");
            List<JsonObject> out = new ArrayList<>();
            while (true) {
                JsonObject m = next();
                if ("heartbeat".equals(m.getString("type"))) {
                    return out;
                }
                out.add(m);
            }
        }

        /** Connected and past hello + snapshot/replay. */
        Client ready() throws Exception {
            next("hello");
            next("snapshot");
            return this;
        }
    }

    Client cookie(String token) throws Exception {
        return new Client(null, token);
    }

    static void publish(Vertx vertx, String address, Object record) {
        vertx.eventBus().publish(address, BusJson.encode(record));
    }

    void agentState(String agentId, AgentState from, AgentState to) {
        publish(vertx, Addresses.AGENT_STATE, new AgentStateChanged(agentId, from, to, null, null, "PJSIP/" + agentId, Instant.now()));
    }

    CallOffered offer(String callId, String agentId, String number) {
        return new CallOffered(callId, agentId, "support", number, "ZHANG WEI", "4008001234", 12,
                Map.of("orderId", "A-1", "ivr", "billing"), Instant.now().minusSeconds(12), Instant.now());
    }

    /** Waits until the hub's bus consumers have seen everything published so far (they run in order on its context). */
    void settle(Client anyConnected) throws Exception {
        anyConnected.drain();
    }

    // ------------------------------------------------------------------ auth

    @Test
    void cookieAuthGetsHelloThenSnapshot() throws Exception {
        startHub();
        Client c = cookie("tok-a");
        JsonObject hello = c.next("hello");
        assertThat(hello.getJsonObject("data").getJsonObject("user").getString("username")).isEqualTo("agent1");
        assertThat(hello.getJsonObject("data").getString("session")).isNotBlank();
        assertThat(hello.getLong("seq")).isZero();
        assertThat(hello.getString("at")).isNotBlank();
        JsonObject snap = c.next("snapshot");
        assertThat(snap.getJsonObject("data").getString("reason")).isEqualTo("fresh");
    }

    @Test
    void firstMessageAuthWorksWithoutCookie() throws Exception {
        startHub();
        Client c = new Client(null, null);
        c.send(new JsonObject().put("type", "auth").put("token", "tok-sx").encode());
        assertThat(c.next("hello").getJsonObject("data").getJsonObject("user").getString("role")).isEqualTo("SUPERVISOR");
        c.next("snapshot");
    }

    @Test
    void noAuthIsClosedWithAReason() throws Exception {
        startHub(new JsonObject().put("authTimeoutSeconds", 1));
        Client c = new Client(null, null);
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_AUTH_TIMEOUT);
        assertThat(c.closeReason).startsWith("auth-timeout");
        assertThat(c.received).noneMatch(m -> "hello".equals(m.getString("type")));
    }

    @Test
    void badTokenIsClosedUnauthorized() throws Exception {
        startHub();
        Client c = new Client(null, "not-a-session");
        c.send("{\"type\":\"auth\",\"token\":\"stolen\"}");
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_UNAUTHORIZED);
    }

    @Test
    void aCookieFromAnotherSitesPageIsNotEnough() throws Exception {
        startHub(new JsonObject().put("authTimeoutSeconds", 1));
        Client hijack = new Client(null, "tok-a", "http://evil.example");
        assertThat(hijack.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_AUTH_TIMEOUT);
        assertThat(hijack.received).noneMatch(m -> "hello".equals(m.getString("type")));
        // the panel served by this very server is fine
        Client own = new Client(null, "tok-a", "http://127.0.0.1:PORT");
        own.next("hello");
    }

    @Test
    void aFailingAuthenticatorRefusesWithoutBreakingTheHub() throws Exception {
        startHub();
        Client c = new Client(null, null);
        c.send("{\"type\":\"auth\",\"token\":\"boom\"}");
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_UNAUTHORIZED);
        Client noToken = new Client(null, null);
        noToken.send("{\"type\":\"auth\",\"token\":42}");
        assertThat(noToken.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_UNAUTHORIZED);
        cookie("tok-a").ready();
    }

    @Test
    void messagesBeforeAuthAreRefusedButTheLinkWaits() throws Exception {
        startHub();
        Client c = new Client(null, null);
        c.send("{\"type\":\"resume\",\"lastSeq\":3}");
        assertThat(c.next("error").getJsonObject("data").getString("error")).isEqualTo("auth-required");
        c.send("{\"type\":\"auth\",\"token\":\"tok-a\"}");
        c.next("hello");
    }

    @Test
    void badJsonGetsAnErrorAndTheLinkStays() throws Exception {
        startHub();
        Client c = cookie("tok-a").ready();
        c.send("{not json");
        assertThat(c.next("error").getJsonObject("data").getString("error")).isEqualTo("bad-json");
        c.send("[1,2]");
        assertThat(c.next("error").getJsonObject("data").getString("error")).isEqualTo("bad-json");
        c.send("{\"type\":\"resume\",\"lastSeq\":\"x\"}");
        assertThat(c.next("error").getJsonObject("data").getString("error")).isEqualTo("bad-request");
        c.send("{\"type\":\"dance\"}");
        assertThat(c.next("error").getJsonObject("data").getString("error")).isEqualTo("unknown-type");
        assertThat(c.drain()).isEmpty();
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        assertThat(c.next("agent.state").getJsonObject("data").getString("state")).isEqualTo("READY");
        assertThat(c.closed).isNotDone();
    }

    @Test
    void plainHttpIsRefused() throws Exception {
        startHub();
        HttpClient http = vertx.createHttpClient();
        int status = await(http.request(HttpMethod.GET, port, "127.0.0.1", EventHub.PATH)
                .compose(r -> r.send()).map(r -> r.statusCode()));
        assertThat(status).isEqualTo(400);
    }

    // ------------------------------------------------------------------ seq, resume, snapshot, heartbeat

    @Test
    void seqIsPerUserAndMonotonic() throws Exception {
        startHub();
        Client a = cookie("tok-a").ready();
        Client sup = cookie("tok-sx").ready();
        agentState("1002", AgentState.LOGGED_OUT, AgentState.READY); // supervisor only
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY); // both
        agentState("1001", AgentState.READY, AgentState.NOT_READY);  // both
        assertThat(a.next("agent.state").getLong("seq")).isEqualTo(1);
        assertThat(a.next("agent.state").getLong("seq")).isEqualTo(2);
        List<Long> supSeqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            supSeqs.add(sup.next("agent.state").getLong("seq"));
        }
        assertThat(supSeqs).containsExactly(1L, 2L, 3L);
    }

    @Test
    void resumeReplaysExactlyTheMissedMessages() throws Exception {
        startHub();
        Client first = cookie("tok-a").ready();
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        JsonObject one = first.next("agent.state");
        assertThat(one.getLong("seq")).isEqualTo(1);
        await(first.ws.close());
        Client watcher = cookie("tok-sx").ready(); // same tenant supervisor: used as a barrier for bus delivery
        agentState("1001", AgentState.READY, AgentState.NOT_READY);
        agentState("1001", AgentState.NOT_READY, AgentState.READY);
        watcher.next("agent.state");
        watcher.next("agent.state");

        Client again = cookie("tok-a");
        JsonObject hello0 = again.next("hello");
        String session = hello0.getJsonObject("data").getString("session");
        again.next("snapshot");
        await(again.ws.close());

        Client resumed = new Client("lastSeq=1&session=" + session, "tok-a");
        JsonObject hello = resumed.next("hello");
        assertThat(hello.getLong("seq")).isEqualTo(1);
        assertThat(hello.getJsonObject("data").getBoolean("resumed")).isTrue();
        JsonObject two = resumed.next("agent.state");
        JsonObject three = resumed.next("agent.state");
        assertThat(two.getLong("seq")).isEqualTo(2);
        assertThat(two.getJsonObject("data").getString("state")).isEqualTo("NOT_READY");
        assertThat(three.getLong("seq")).isEqualTo(3);
        assertThat(three.getJsonObject("data").getString("state")).isEqualTo("READY");
        assertThat(resumed.drain()).isEmpty();

        // an explicit resume message on a live link replays from that point too
        resumed.send(new JsonObject().put("type", "resume").put("lastSeq", 2).put("session", session).encode());
        resumed.next("hello");
        assertThat(resumed.next("agent.state").getLong("seq")).isEqualTo(3);
        assertThat(resumed.drain()).isEmpty();
    }

    @Test
    void tooOldOrForeignLastSeqGetsASnapshot() throws Exception {
        startHub(new JsonObject().put("replayBufferSize", 2));
        Client a = cookie("tok-a").ready();
        String session;
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        agentState("1001", AgentState.READY, AgentState.NOT_READY);
        agentState("1001", AgentState.NOT_READY, AgentState.READY);
        agentState("1001", AgentState.READY, AgentState.NOT_READY);
        for (int i = 0; i < 4; i++) {
            a.next("agent.state");
        }
        await(a.ws.close());
        Client probe = cookie("tok-a");
        session = probe.next("hello").getJsonObject("data").getString("session");
        probe.next("snapshot");

        Client old = new Client("lastSeq=1&session=" + session, "tok-a");
        JsonObject hello = old.next("hello");
        assertThat(hello.getJsonObject("data").getBoolean("resumed")).isFalse();
        JsonObject snap = old.next("snapshot");
        assertThat(snap.getLong("seq")).isEqualTo(4);
        assertThat(snap.getJsonObject("data").getString("reason")).isEqualTo("gap");
        assertThat(snap.getJsonObject("data").getJsonObject("agent").getString("state")).isEqualTo("NOT_READY");
        assertThat(old.drain()).isEmpty();

        Client foreign = new Client("lastSeq=3&session=another-server", "tok-a");
        foreign.next("hello");
        assertThat(foreign.next("snapshot").getJsonObject("data").getString("reason")).isEqualTo("new-session");

        Client future = new Client("lastSeq=99&session=" + session, "tok-a");
        future.next("hello");
        assertThat(future.next("snapshot").getJsonObject("data").getString("reason")).isEqualTo("gap");

        // within the buffer: replay
        Client ok = new Client("lastSeq=2&session=" + session, "tok-a");
        ok.next("hello");
        assertThat(ok.next("agent.state").getLong("seq")).isEqualTo(3);
        assertThat(ok.next("agent.state").getLong("seq")).isEqualTo(4);
    }

    @Test
    void heartbeatArrivesWithTheLastSeq() throws Exception {
        startHub(new JsonObject().put("heartbeatSeconds", 1));
        Client a = cookie("tok-a").ready();
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        a.next("agent.state");
        JsonObject hb = a.next("heartbeat");
        assertThat(hb.getLong("seq")).isEqualTo(1);
        // the Vert.x client answers the hub's pings, so the link outlives 3 intervals
        long deadline = System.currentTimeMillis() + 3500;
        while (System.currentTimeMillis() < deadline) {
            assertThat(a.next().getString("type")).isEqualTo("heartbeat");
        }
        assertThat(a.closed).isNotDone();
    }

    @Test
    void aLinkThatNeverAnswersIsClosedAfterThreeHeartbeats() throws Exception {
        startHub(new JsonObject().put("heartbeatSeconds", 1));
        // a raw client: does the handshake, then never answers pings nor sends anything
        io.vertx.core.buffer.Buffer in = io.vertx.core.buffer.Buffer.buffer();
        io.vertx.core.net.NetClient netClient = vertx.createNetClient(); // referenced: Vert.x 5 closes collected clients
        io.vertx.core.net.NetSocket socket = await(netClient.connect(port, "127.0.0.1"));
        socket.handler(b -> {
            synchronized (in) {
                in.appendBuffer(b);
            }
        });
        long t0 = System.nanoTime();
        await(socket.write("GET " + EventHub.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Cookie: " + EventHub.SESSION_COOKIE + "=tok-a\r\n\r\n"));
        long deadline = System.currentTimeMillis() + 10_000;
        int closeAt = -1;
        while (closeAt < 0 && System.currentTimeMillis() < deadline) {
            synchronized (in) {
                byte[] bytes = in.getBytes();
                for (int i = 0; i + 3 < bytes.length; i++) {
                    // unmasked close frame whose status code is 4410
                    if ((bytes[i] & 0xff) == 0x88 && (bytes[i + 1] & 0x80) == 0
                            && (((bytes[i + 2] & 0xff) << 8) | (bytes[i + 3] & 0xff)) == EventHub.CLOSE_HEARTBEAT_TIMEOUT) {
                        closeAt = i;
                    }
                }
            }
            if (closeAt < 0) {
                Thread.sleep(50);
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertThat(closeAt).as("close frame 4410 received").isNotNegative();
        assertThat(seconds).as("closed after 3 silent intervals, not before").isGreaterThanOrEqualTo(3);
        String text = in.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 101").contains("\"type\":\"hello\"").contains("\"type\":\"heartbeat\"");
        socket.close();
    }

    // ------------------------------------------------------------------ routing, scope, masking

    @Test
    void screenPopGoesOnlyToTheRungAgentWithCustomerAndMaskedNumber() throws Exception {
        startHub();
        Client a = cookie("tok-a").ready();
        Client b = cookie("tok-b").ready();
        Client sup = cookie("tok-sx").ready();
        long t0 = System.nanoTime();
        publish(vertx, Addresses.CALL_OFFERED, offer("call-1", "1001", "13800138000"));
        JsonObject pop = a.next("screen.pop").getJsonObject("data");
        // the pop must be on the panel while the phone rings: well under a second (grace is 300 ms at most)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(pop.getString("callId")).isEqualTo("call-1");
        assertThat(pop.getString("callerNumber")).isEqualTo("138****8000");
        assertThat(pop.getString("customerStatus")).isEqualTo("found");
        assertThat(pop.getJsonObject("customer").getString("name")).isEqualTo("张伟");
        assertThat(pop.getJsonObject("customer").getBoolean("vip")).isTrue();
        assertThat(pop.getJsonObject("customer").getJsonArray("history")).hasSize(1);
        assertThat(pop.getJsonObject("attachedData").getString("orderId")).isEqualTo("A-1");
        assertThat(pop.getString("queue")).isEqualTo("support");
        assertThat(pop.getLong("waitSeconds")).isEqualTo(12);
        assertThat(b.drain()).isEmpty();
        assertThat(sup.drain()).isEmpty();

        // agent B may reveal numbers: full number
        publish(vertx, Addresses.CALL_OFFERED, offer("call-2", "1002", "13800138000"));
        assertThat(b.next("screen.pop").getJsonObject("data").getString("callerNumber")).isEqualTo("13800138000");
        assertThat(a.drain()).isEmpty();
    }

    @Test
    void reconnectDuringTheCallShowsThePopInTheSnapshot() throws Exception {
        startHub();
        Client a = cookie("tok-a").ready();
        publish(vertx, Addresses.CALL_OFFERED, offer("call-9", "1001", "13800138000"));
        a.next("screen.pop");
        Client again = cookie("tok-a");
        again.next("hello");
        JsonObject call = again.next("snapshot").getJsonObject("data").getJsonObject("call");
        assertThat(call.getString("callId")).isEqualTo("call-9");
        assertThat(call.getString("callerNumber")).isEqualTo("138****8000");
        assertThat(call.getJsonObject("customer").getString("name")).isEqualTo("张伟");

        publish(vertx, Addresses.CALL_ENDED, callEnded("call-9", "1001", "13800138000"));
        JsonObject ended = a.next("call.ended").getJsonObject("data");
        assertThat(ended.getString("callerNumber")).isEqualTo("138****8000");
        Client late = cookie("tok-a");
        late.next("hello");
        assertThat(late.next("snapshot").getJsonObject("data").getValue("call")).isNull();
    }

    @Test
    void slowCustomerLookupPopsAtOnceAndFollowsUp() throws Exception {
        startHub(new JsonObject().put("customerGraceMillis", 50).put("customerTimeoutMillis", 5000));
        CompletableFuture<Optional<Customer>> lookup = new CompletableFuture<>();
        customers.slow.put("02155550101", lookup);
        Client a = cookie("tok-a").ready();
        publish(vertx, Addresses.CALL_OFFERED, offer("call-3", "1001", "02155550101"));
        JsonObject pop = a.next("screen.pop").getJsonObject("data");
        assertThat(pop.getValue("customer")).isNull();
        assertThat(pop.getString("customerStatus")).isEqualTo("pending");
        lookup.complete(Optional.of(new Customer(9, "上海贸易有限公司", "Shanghai Trading Co.", false, null, List.of())));
        JsonObject update = a.next("screen.pop.update").getJsonObject("data");
        assertThat(update.getString("callId")).isEqualTo("call-3");
        assertThat(update.getString("customerStatus")).isEqualTo("found");
        assertThat(update.getJsonObject("customer").getString("name")).isEqualTo("上海贸易有限公司");
    }

    @Test
    void failedLookupStillPops() throws Exception {
        startHub();
        customers.failing.put("4930123456", new IllegalStateException("db down"));
        Client a = cookie("tok-a").ready();
        publish(vertx, Addresses.CALL_OFFERED, offer("call-4", "1001", "4930123456"));
        JsonObject pop = a.next("screen.pop").getJsonObject("data");
        assertThat(pop.getString("customerStatus")).isEqualTo("unavailable");
        assertThat(pop.getString("callerNumber")).isEqualTo("493***3456");
    }

    @Test
    void supervisorsNeverSeeAnotherTenant() throws Exception {
        startHub();
        Client supX = cookie("tok-sx").ready();
        Client supY = cookie("tok-sy").ready();
        Client agentY = cookie("tok-ay").ready();
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        publish(vertx, Addresses.QUEUE_UPDATED, queue("support", "13912345678"));
        publish(vertx, Addresses.QUEUE_UPDATED, queue("unknown-queue", "13912345678"));
        agentState("9999", AgentState.LOGGED_OUT, AgentState.READY); // agent unknown to the scope: nobody's supervisor
        publish(vertx, Addresses.CALL_OFFERED, offer("call-5", "1001", "13800138000"));
        agentState("2001", AgentState.LOGGED_OUT, AgentState.READY);

        assertThat(supX.next("agent.state").getJsonObject("data").getString("agentId")).isEqualTo("1001");
        JsonObject q = supX.next("queue.updated").getJsonObject("data");
        assertThat(q.getString("queue")).isEqualTo("support");
        assertThat(q.getJsonArray("waiting").getJsonObject(0).getString("callerNumber")).isEqualTo("139****5678");
        assertThat(supX.drain()).isEmpty();

        List<JsonObject> ySaw = supY.drain();
        assertThat(ySaw).hasSize(1);
        assertThat(ySaw.get(0).getJsonObject("data").getString("agentId")).isEqualTo("2001");
        assertThat(agentY.drain()).extracting(m -> m.getJsonObject("data").getString("agentId")).containsExactly("2001");

        // the snapshot of a supervisor is scoped too
        Client again = cookie("tok-sy");
        again.next("hello");
        JsonObject snap = again.next("snapshot").getJsonObject("data");
        assertThat(snap.getJsonArray("agents")).hasSize(1);
        assertThat(snap.getJsonArray("agents").getJsonObject(0).getString("agentId")).isEqualTo("2001");
        assertThat(snap.getJsonArray("queues")).isEmpty();
    }

    @Test
    void badBusPayloadsAreIgnored() throws Exception {
        startHub();
        Client a = cookie("tok-a").ready();
        vertx.eventBus().publish(Addresses.AGENT_STATE, new JsonObject().put("agentId", "1001").put("to", "DANCING"));
        vertx.eventBus().publish(Addresses.CALL_OFFERED, new JsonObject().put("callId", "x"));
        agentState("1001", AgentState.LOGGED_OUT, AgentState.READY);
        JsonObject m = a.next("agent.state");
        assertThat(m.getLong("seq")).isEqualTo(1);
        assertThat(await(hub.debugState()).getInteger("badBusMessages")).isEqualTo(2);
    }

    @Test
    void aClientThatDoesNotReadIsDroppedNotBuffered() throws Exception {
        startHub(new JsonObject().put("sendQueueBytes", 4096).put("sendQueueMessages", 50));
        Client slow = cookie("tok-sx").ready();
        Client fast = cookie("tok-sy").ready();
        slow.ws.pause();
        List<QueueSnapshot.WaitingCall> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new QueueSnapshot.WaitingCall("w" + i, "1380013" + String.format("%04d", i), "CALLER " + i, 0,
                    Instant.now(), null));
        }
        QueueSnapshot big = new QueueSnapshot("support", Instant.now(), many, 30, 1, 1, 2, 10, 1, 0);
        long deadline = System.currentTimeMillis() + 10_000;
        boolean dropped = false;
        while (!dropped && System.currentTimeMillis() < deadline) {
            for (int i = 0; i < 50; i++) {
                publish(vertx, Addresses.QUEUE_UPDATED, big);
            }
            JsonObject state = await(hub.debugState());
            dropped = state.getJsonArray("users").stream().map(JsonObject.class::cast)
                    .anyMatch(u -> "supervisor".equals(u.getString("user")) && u.getInteger("links") == 0);
        }
        assertThat(dropped).as("slow link dropped").isTrue();
        // its stream (and replay buffer) survive for the resume; other users are unaffected
        JsonObject state = await(hub.debugState());
        assertThat(state.getJsonArray("users").stream().map(JsonObject.class::cast)
                .filter(u -> "supervisor".equals(u.getString("user"))).findFirst().orElseThrow().getInteger("buffered"))
                .isPositive();
        assertThat(fast.closed).isNotDone();
        assertThat(fast.drain()).isEmpty();
        // once it reads again it finds the close frame behind the backlog
        slow.ws.resume();
        assertThat(slow.closed.get(10, TimeUnit.SECONDS)).isEqualTo(EventHub.CLOSE_TOO_SLOW);
    }

    static QueueSnapshot queue(String name, String waitingNumber) {
        return new QueueSnapshot(name, Instant.now(),
                List.of(new QueueSnapshot.WaitingCall("w1", waitingNumber, "LI NA", 0, Instant.now().minusSeconds(30), null)),
                30, 1, 1, 2, 10, 1, 0);
    }

    static CallRecord callEnded(String callId, String agentId, String number) {
        Instant t = Instant.now();
        return new CallRecord(callId, "asterisk-sim", callId, "INBOUND", number, "ZHANG WEI", "4008001234", "support",
                agentId, "ANSWERED", t.minusSeconds(60), t.minusSeconds(50), t.minusSeconds(40), t.minusSeconds(35), t,
                15, 35, null, 1, false, Map.of(), List.of());
    }
}
