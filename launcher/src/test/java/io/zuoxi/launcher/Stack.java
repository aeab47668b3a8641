package io.zuoxi.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.sim.SimulatedPbx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A whole Zuoxi (simulated PBX over real TCP, engines, adapter, web tier on real HTTP, H2 in a
 * temp dir) plus the clients a person or an integrator would use against it.
 */
final class Stack implements AutoCloseable {

    enum Kind {
        ASTERISK("asterisk", "asterisk-sim", "PJSIP/"),
        FREESWITCH("freeswitch", "freeswitch-sim", "user/");

        final String kind;
        final String pbxId;
        final String devicePrefix;

        Kind(String kind, String pbxId, String devicePrefix) {
            this.kind = kind;
            this.pbxId = pbxId;
            this.devicePrefix = devicePrefix;
        }
    }

    final Kind kind;
    final Vertx vertx;
    final Zuoxi zuoxi;
    final WebClient http;
    /** Vert.x 5 shuts a client down when it is garbage collected, open WebSockets included. */
    private final List<WebSocketClient> wsClients = new CopyOnWriteArrayList<>();

    private Stack(Kind kind, Vertx vertx, Zuoxi zuoxi) {
        this.kind = kind;
        this.vertx = vertx;
        this.zuoxi = zuoxi;
        this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(zuoxi.webPort()));
    }

    static Stack start(Kind kind, Path dataDir, int ringTimeoutSeconds) {
        JsonObject pbx = new JsonObject().put("id", kind.pbxId).put("kind", kind.kind)
                .put("defaultQueue", "support");
        if (kind == Kind.ASTERISK) {
            pbx.put("username", "zuoxi");
        }
        JsonObject config = ConfigFile.readResource(ConfigFile.DEFAULT_RESOURCE)
                .put("pbx", new JsonArray().add(pbx))
                .put("simulator", new JsonObject().put("enabled", true).put("kind", kind.kind).put("pbx", kind.pbxId)
                        .put(kind.kind, new JsonObject().put("port", 0))
                        .put("traffic", new JsonObject().put("enabled", false)))
                .put("web", new JsonObject()
                        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
                        .put("database", new JsonObject().put("url", "jdbc:h2:file:" + dataDir.resolve("zuoxi")))
                        .put("demoData", true)
                        .put("demoPbx", kind.pbxId)
                        .put("demoDevicePrefix", kind.devicePrefix));
        Vertx vertx = Vertx.vertx();
        Zuoxi zuoxi = await(Zuoxi.start(vertx, config));
        Stack stack = new Stack(kind, vertx, zuoxi);
        // Short ring timeout for the no-answer cases; a legit use of the queue-definition address. The web
        // tier sends the database's definitions once at start: wait for them, or they would replace ours.
        eventually(() -> queueDefinition(vertx, "sales"), Duration.ofSeconds(15), "the web tier never defined its queues");
        JsonObject support = new JsonObject().put("name", "support").put("displayName", "support")
                .put("ringTimeoutSeconds", ringTimeoutSeconds).put("wrapUpSeconds", 0)
                .put("serviceLevelSeconds", 20).put("strategy", "longest-idle");
        await(vertx.eventBus().request(Addresses.QUEUE_DEFINE,
                new JsonObject().put("queues", new JsonArray().add(support))));
        JsonObject defined = queueDefinition(vertx, "support");
        if (defined == null || defined.getInteger("ringTimeoutSeconds") != ringTimeoutSeconds) {
            throw new AssertionError("support queue not redefined: " + defined);
        }
        return stack;
    }

    /** The core's definition of a queue, or null if it has none. */
    private static JsonObject queueDefinition(Vertx vertx, String queue) {
        JsonObject snapshot = await(vertx.eventBus().<JsonObject>request(Addresses.CORE_SNAPSHOT, new JsonObject())).body();
        return snapshot.getJsonArray("queues").stream().map(JsonObject.class::cast)
                .map(q -> q.getJsonObject("definition"))
                .filter(d -> queue.equals(d.getString("name"))).findFirst().orElse(null);
    }

    SimulatedPbx pbx() {
        return zuoxi.simulator();
    }

    String device(int extension) {
        return kind.devicePrefix + extension;
    }

    /** Signs in over REST and returns the session token. */
    String signIn(String user) {
        HttpResponse<Buffer> r = await(http.post("/api/v1/session")
                .sendJsonObject(new JsonObject().put("username", user).put("password", "demo")));
        if (r.statusCode() != 200) {
            throw new AssertionError("sign-in " + user + ": " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("token");
    }

    HttpResponse<Buffer> post(String token, String path, JsonObject body) {
        return await(http.post(path).bearerTokenAuthentication(token).sendJsonObject(body));
    }

    HttpResponse<Buffer> get(String token, String path) {
        return await(http.get(path).bearerTokenAuthentication(token).send());
    }

    /** Signs the user in, logs the agent in on its device and makes it ready. */
    String readyAgent(String user, int extension) {
        String token = signIn(user);
        loginAndReady(token, extension);
        return token;
    }

    /** Logs the signed-in agent in on its device and makes it ready, as the panel's buttons do. */
    void loginAndReady(String token, int extension) {
        expectOk(post(token, "/api/v1/agents/me/login",
                new JsonObject().put("endpoint", device(extension)).put("pbx", kind.pbxId)));
        expectOk(post(token, "/api/v1/agents/me/ready", new JsonObject()));
    }

    static void expectOk(HttpResponse<Buffer> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.bodyAsString());
        }
    }

    /** The agent's live state according to GET /api/v1/me. */
    String agentState(String token) {
        JsonObject me = get(token, "/api/v1/me").bodyAsJsonObject();
        JsonObject agent = me.getJsonObject("agent");
        return agent == null ? null : agent.getString("state");
    }

    /** An authenticated WebSocket on /api/v1/events collecting every message it receives. */
    Events events(String token) {
        WebSocketClient client = vertx.createWebSocketClient();
        wsClients.add(client);
        WebSocket ws = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(zuoxi.webPort()).setURI("/api/v1/events")));
        Events events = new Events(ws);
        ws.textMessageHandler(text -> events.received.add(new JsonObject(text)));
        ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
        return events;
    }

    static final class Events {
        final WebSocket ws;
        final List<JsonObject> received = new CopyOnWriteArrayList<>();

        Events(WebSocket ws) {
            this.ws = ws;
        }

        JsonObject await(String type, Predicate<JsonObject> data, Duration within) {
            try {
                return eventually(() -> received.stream()
                        .filter(m -> type.equals(m.getString("type")))
                        .filter(m -> data.test(m.getJsonObject("data", new JsonObject())))
                        .findFirst().orElse(null), within, "no '" + type + "' message");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; got " + received, e);
            }
        }
    }

    /** Polls until the supplier returns non-null (no fixed sleeps: a deadline). */
    static <T> T eventually(Supplier<T> probe, Duration within, String failure) {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(failure + (last == null ? "" : " (last error: " + last + ")"));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future failed: " + e, e);
        }
    }

    @Override
    public void close() {
        await(zuoxi.stop());
        await(vertx.close());
    }
}
