package io.zuoxi.web.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.queue.QueueSnapshot;
import io.zuoxi.web.auth.Authenticator;
import io.zuoxi.web.auth.NumberMasking;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.screenpop.CustomerDirectory;
import io.zuoxi.web.screenpop.ScreenPopBuilder;
import io.zuoxi.web.screenpop.ScreenPopBuilder.Lookup;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resumable WebSocket event API ({@code /api/v1/events}, see docs/api.md "WebSocket events").
 *
 * <p>Every user has one stream: a per-user monotonic {@code seq} and a bounded replay buffer, so a
 * client that reconnects with {@code lastSeq} gets exactly what it missed, or a snapshot when that
 * is no longer possible. Events come from the bus (they carry no tenant); {@link TenantScope} decides
 * which supervisors may see them, and {@link NumberMasking} is applied per recipient.
 *
 * <p>All hub state lives on the context that called {@link #start()}; WebSocket callbacks hop onto it.
 */
public final class EventHub {

    public static final String PATH = "/api/v1/events";
    public static final String SESSION_COOKIE = "ZUOXI_SESSION";

    /** Close codes (application range 4000-4999), documented in docs/api.md. */
    public static final short CLOSE_UNAUTHORIZED = 4401;
    public static final short CLOSE_AUTH_TIMEOUT = 4408;
    public static final short CLOSE_HEARTBEAT_TIMEOUT = 4410;
    public static final short CLOSE_TOO_SLOW = 4429;
    public static final short CLOSE_GOING_AWAY = 1001;

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final Vertx vertx;
    private final Authenticator auth;
    private final TenantScope scope;
    private final EventHubConfig config;
    private final ScreenPopBuilder pops;
    private final Clock clock;
    /** Identifies this hub's seq space; a client resuming with another session id gets a snapshot. */
    private final String sessionId = UUID.randomUUID().toString();

    private final Map<Long, UserStream> streams = new HashMap<>();
    private final Set<Link> links = new LinkedHashSet<>();
    private final Map<String, AgentStateChanged> agentStates = new LinkedHashMap<>();
    private final Map<String, QueueSnapshot> queues = new LinkedHashMap<>();
    private final Map<String, CallOffered> offers = new HashMap<>();
    private final Map<String, Lookup> popLookups = new HashMap<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final AtomicInteger badBusMessages = new AtomicInteger();

    private Context context;
    private long heartbeatTimer = -1;

    public EventHub(Vertx vertx, Authenticator auth, CustomerDirectory customers, TenantScope scope,
                    EventHubConfig config) {
        this(vertx, auth, customers, scope, config, Clock.systemUTC());
    }

    public EventHub(Vertx vertx, Authenticator auth, CustomerDirectory customers, TenantScope scope,
                    EventHubConfig config, Clock clock) {
        this.vertx = vertx;
        this.auth = auth;
        this.scope = scope;
        this.config = config;
        this.pops = new ScreenPopBuilder(customers);
        this.clock = clock;
    }

    /** Subscribes to the bus and starts the heartbeat; the hub lives on the calling (or a new) context. */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> {
            consumers.add(subscribe(Addresses.AGENT_STATE, this::onAgentState));
            consumers.add(subscribe(Addresses.CALL_OFFERED, this::onCallOffered));
            consumers.add(subscribe(Addresses.QUEUE_UPDATED, this::onQueueUpdated));
            consumers.add(subscribe(Addresses.CALL_ENDED, this::onCallEnded));
            heartbeatTimer = vertx.setPeriodic(config.heartbeatSeconds() * 1000L, t -> heartbeat());
            Future.all(consumers.stream().map(MessageConsumer::completion).toList())
                    .<Void>mapEmpty().onComplete(started);
        });
        return started.future();
    }

    public Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            vertx.cancelTimer(heartbeatTimer);
            for (Link link : List.copyOf(links)) {
                link.close(CLOSE_GOING_AWAY, "server stopping, reconnect and resume");
            }
            Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
                    .<Void>mapEmpty().onComplete(stopped);
        });
        return stopped.future();
    }

    /** Mounts the WebSocket endpoint; mount it before any BodyHandler so the upgrade request is untouched. */
    public void mount(Router router) {
        router.get(PATH).handler(this::upgrade);
    }

    /** For the status endpoint (DESIGN §6.11). */
    public Future<JsonObject> debugState() {
        if (context == null) {
            return Future.succeededFuture(new JsonObject().put("started", false));
        }
        Promise<JsonObject> p = Promise.promise();
        context.runOnContext(v -> {
            JsonArray users = new JsonArray();
            streams.values().forEach(u -> users.add(new JsonObject().put("user", u.principal.username())
                    .put("seq", u.seq).put("buffered", u.buffer.size()).put("links", u.links.size())));
            p.complete(new JsonObject().put("session", sessionId).put("links", links.size()).put("users", users)
                    .put("agents", agentStates.size()).put("queues", queues.size()).put("offers", offers.size())
                    .put("badBusMessages", badBusMessages.get()));
        });
        return p.future();
    }

    // ---------------------------------------------------------------- connection handling

    private void upgrade(RoutingContext rc) {
        var request = rc.request();
        if (!request.canUpgradeToWebSocket()) {
            rc.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "websocket-required")
                            .put("message", "this endpoint only accepts WebSocket upgrades").encode());
            return;
        }
        Cookie cookie = request.getCookie(SESSION_COOKIE);
        String cookieToken = cookie == null ? null : cookie.getValue();
        if (cookieToken != null && !sameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
            // cross-site WebSocket hijacking: another site's page would ride on the user's cookie.
            // Such links must authenticate with the auth message (a token that site cannot know).
            LOG.info("ignoring session cookie on a cross-origin event link (Origin {})", request.getHeader("Origin"));
            cookieToken = null;
        }
        String token = cookieToken;
        Long lastSeq = parseLong(request.getParam("lastSeq"));
        String session = request.getParam("session");
        request.toWebSocket().onSuccess(ws -> {
            ws.setWriteQueueMaxSize(config.sendQueueBytes());
            Link link = new Link(ws);
            ws.textMessageHandler(text -> context.runOnContext(v -> onText(link, text)));
            ws.binaryMessageHandler(b -> context.runOnContext(v -> link.sendControl("error",
                    error("bad-request", "binary messages are not supported; send JSON text"))));
            ws.pongHandler(b -> link.lastHeard = millis());
            ws.closeHandler(v -> context.runOnContext(x -> onClosed(link)));
            ws.exceptionHandler(e -> LOG.debug("websocket error from {}: {}", ws.remoteAddress(), e.toString()));
            context.runOnContext(v -> accept(link, token, lastSeq, session));
        }).onFailure(e -> LOG.warn("websocket upgrade from {} failed: {}", request.remoteAddress(), e.toString()));
    }

    /** Browsers always send Origin; non-browser clients may omit it (they cannot be tricked into sending a cookie). */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            java.net.URI uri = java.net.URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort();
            String scheme = uri.getScheme();
            String originHost = uri.getHost() + (port < 0 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443) ? "" : ":" + port);
            String plainHost = host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host;
            return originHost.equalsIgnoreCase(plainHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void accept(Link link, String cookieToken, Long lastSeq, String session) {
        links.add(link);
        if (link.closed) {
            onClosed(link);
            return;
        }
        // the deadline runs from the upgrade, whichever way the link authenticates
        link.authTimer = vertx.setTimer(config.authTimeoutSeconds() * 1000L, t -> {
            if (link.user == null && !link.closed) {
                link.close(CLOSE_AUTH_TIMEOUT, "auth-timeout: send {\"type\":\"auth\",\"token\":...} within "
                        + config.authTimeoutSeconds() + " s or connect with the session cookie");
            }
        });
        if (cookieToken != null) {
            authenticate(link, cookieToken, lastSeq, session, false);
        }
        // else: no cookie, the client must authenticate with its first message
    }

    /**
     * Resolves the token on a worker thread (an Authenticator may consult the database) and continues
     * on the hub's context. A bad cookie leaves the link waiting for an auth message; a bad auth
     * message closes it.
     */
    private void authenticate(Link link, String token, Long lastSeq, String session, boolean closeIfInvalid) {
        link.authenticating = true;
        vertx.<Optional<Principal>>executeBlocking(() -> token.isBlank() ? Optional.empty() : auth.authenticate(token), false)
                .recover(e -> {
                    LOG.warn("authenticator failed: {}", e.toString());
                    return Future.succeededFuture(Optional.empty());
                })
                .onComplete(ar -> context.runOnContext(v -> {
                    link.authenticating = false;
                    if (link.closed || link.user != null) {
                        return;
                    }
                    Optional<Principal> principal = ar.result() == null ? Optional.empty() : ar.result();
                    if (principal.isPresent()) {
                        vertx.cancelTimer(link.authTimer);
                        authenticated(link, principal.get(), lastSeq, session);
                    } else if (closeIfInvalid) {
                        link.close(CLOSE_UNAUTHORIZED, "unauthorized: invalid or expired session token");
                    }
                }));
    }

    private void onText(Link link, String text) {
        if (link.closed) {
            return;
        }
        link.lastHeard = millis();
        if (text.length() > config.maxClientMessageBytes()) {
            link.sendControl("error", error("too-large", "message larger than " + config.maxClientMessageBytes() + " bytes"));
            return;
        }
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            link.sendControl("error", error("bad-json", "message is not a JSON object"));
            return;
        }
        String type = msg.getValue("type") instanceof String s ? s : null;
        Long lastSeq;
        try {
            lastSeq = lastSeq(msg);
        } catch (IllegalArgumentException e) {
            link.sendControl("error", error("bad-request", e.getMessage()));
            return;
        }
        String session = msg.getValue("session") instanceof String s ? s : null;
        if (link.user == null) {
            if (!"auth".equals(type) && link.authenticating) {
                link.sendControl("error", error("auth-in-progress", "wait for hello before sending " + type));
                return;
            }
            if (!"auth".equals(type)) {
                link.sendControl("error", error("auth-required", "authenticate first: {\"type\":\"auth\",\"token\":...}"));
                return;
            }
            if (link.authenticating) {
                link.sendControl("error", error("auth-in-progress", "authentication already under way"));
                return;
            }
            if (!(msg.getValue("token") instanceof String token)) {
                link.close(CLOSE_UNAUTHORIZED, "unauthorized: auth message without token");
                return;
            }
            authenticate(link, token, lastSeq, session, true);
            return;
        }
        switch (type == null ? "" : type) {
            case "resume" -> sync(link, lastSeq, session);
            case "ping" -> link.sendControl("heartbeat", new JsonObject());
            case "pong", "heartbeat" -> {
                // liveness only: lastHeard was updated above
            }
            case "auth" -> link.sendControl("error", error("already-authenticated", "this link is already authenticated"));
            default -> link.sendControl("error", error("unknown-type", "unknown message type: " + type));
        }
    }

    private static Long lastSeq(JsonObject msg) {
        Object v = msg.getValue("lastSeq");
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new IllegalArgumentException("lastSeq must be a non-negative integer");
    }

    private void authenticated(Link link, Principal principal, Long lastSeq, String session) {
        UserStream user = streams.computeIfAbsent(principal.userId(), id -> new UserStream(principal));
        user.principal = principal;
        user.links.add(link);
        link.user = user;
        link.lastHeard = millis();
        LOG.info("event link {} authenticated as {} ({} links)", link.ws.remoteAddress(), principal.username(), user.links.size());
        sync(link, lastSeq, session);
    }

    /** Sends hello, then either the missed messages or a snapshot. */
    private void sync(Link link, Long lastSeq, String session) {
        UserStream user = link.user;
        long oldest = user.buffer.isEmpty() ? user.seq + 1 : user.buffer.peekFirst().seq();
        boolean sameSession = session == null || session.equals(sessionId);
        boolean replayable = lastSeq != null && sameSession && lastSeq <= user.seq && lastSeq >= oldest - 1;
        Principal p = user.principal;
        JsonObject hello = new JsonObject()
                .put("user", new JsonObject().put("username", p.username()).put("displayName", p.displayName())
                        .put("role", p.role().name()).put("agentId", p.agentId()).put("tenant", p.tenant())
                        .put("revealNumbers", p.revealNumbers()))
                .put("session", sessionId)
                .put("lastSeq", user.seq)
                .put("resumed", replayable)
                .put("heartbeatSeconds", config.heartbeatSeconds());
        if (replayable) {
            link.send(envelope(lastSeq, "hello", hello));
            for (Sent m : user.buffer) {
                if (m.seq() > lastSeq) {
                    link.send(m.text());
                }
            }
        } else {
            link.send(envelope(user.seq, "hello", hello));
            String reason = lastSeq == null ? "fresh" : !sameSession ? "new-session" : "gap";
            link.send(envelope(user.seq, "snapshot", snapshot(p, reason)));
        }
    }

    private void onClosed(Link link) {
        links.remove(link);
        link.closed = true;
        vertx.cancelTimer(link.authTimer);
        if (link.user != null) {
            link.user.links.remove(link);
            if (link.user.links.isEmpty()) {
                link.user.idleSinceMillis = millis();
            }
        }
    }

    private void heartbeat() {
        long now = millis();
        long deadline = 3L * config.heartbeatSeconds() * 1000L;
        for (Link link : List.copyOf(links)) {
            if (link.user == null || link.closed) {
                continue;
            }
            if (now - link.lastHeard > deadline) {
                link.close(CLOSE_HEARTBEAT_TIMEOUT, "heartbeat-timeout: nothing heard for " + deadline / 1000 + " s");
                continue;
            }
            link.sendControl("heartbeat", new JsonObject());
            // browsers answer pings with pongs on their own, which keeps a quiet but healthy page alive
            link.ws.writePing(Buffer.buffer("hb"));
        }
        long retention = config.streamRetentionSeconds() * 1000L;
        streams.values().removeIf(u -> u.links.isEmpty() && now - u.idleSinceMillis > retention);
    }

    // ---------------------------------------------------------------- bus events

    private MessageConsumer<JsonObject> subscribe(String address, Consumer<JsonObject> handler) {
        return vertx.eventBus().<JsonObject>consumer(address, (Message<JsonObject> m) -> {
            try {
                handler.accept(m.body());
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                badBusMessages.incrementAndGet();
                LOG.warn("ignored bad message on {}: {}", address, e.toString());
            }
        });
    }

    private void onAgentState(JsonObject json) {
        AgentStateChanged e = BusJson.decode(json, AgentStateChanged.class);
        if (e.agentId() == null || e.to() == null) {
            throw new IllegalArgumentException("agentId and to are required");
        }
        agentStates.put(e.agentId(), e);
        if (e.to() == AgentState.READY || e.to() == AgentState.NOT_READY || e.to() == AgentState.LOGGED_OUT) {
            CallOffered gone = offers.remove(e.agentId());
            if (gone != null) {
                popLookups.remove(gone.callId());
            }
        }
        String tenant = scope.tenantOfAgent(e.agentId());
        JsonObject data = agentJson(e);
        for (UserStream u : List.copyOf(streams.values())) {
            if (owns(u.principal, e.agentId(), tenant) || supervises(u.principal, tenant)) {
                publish(u, "agent.state", data.copy());
            }
        }
    }

    private void onQueueUpdated(JsonObject json) {
        QueueSnapshot q = BusJson.decode(json, QueueSnapshot.class);
        if (q.queue() == null) {
            throw new IllegalArgumentException("queue is required");
        }
        queues.put(q.queue(), q);
        String tenant = scope.tenantOfQueue(q.queue());
        for (UserStream u : List.copyOf(streams.values())) {
            if (supervises(u.principal, tenant)) {
                publish(u, "queue.updated", queueJson(u.principal, q));
            }
        }
    }

    private void onCallOffered(JsonObject json) {
        CallOffered offer = BusJson.decode(json, CallOffered.class);
        if (offer.agentId() == null || offer.callId() == null) {
            throw new IllegalArgumentException("agentId and callId are required");
        }
        offers.put(offer.agentId(), offer);
        popLookups.put(offer.callId(), new Lookup(null, ScreenPopBuilder.PENDING));
        String tenant = scope.tenantOfAgent(offer.agentId());
        if (tenant == null) {
            tenant = owners(offer.agentId(), null).stream().map(u -> u.principal.tenant()).findFirst().orElse(null);
        }
        if (tenant == null) {
            // nobody can see it and we cannot tell whose customer it is: keep the offer for a later snapshot only
            popLookups.put(offer.callId(), new Lookup(null, ScreenPopBuilder.UNKNOWN));
            return;
        }
        String agentTenant = scope.tenantOfAgent(offer.agentId());
        pops.lookup(vertx, context, tenant, offer.callerNumber(), config.customerGraceMillis(), config.customerTimeoutMillis(),
                result -> {
                    if (!isCurrent(offer)) {
                        return;
                    }
                    popLookups.put(offer.callId(), result);
                    for (UserStream u : owners(offer.agentId(), agentTenant)) {
                        publish(u, "screen.pop", ScreenPopBuilder.pop(u.principal, offer, result.customer(), result.status()));
                    }
                },
                result -> {
                    if (!isCurrent(offer)) {
                        return;
                    }
                    popLookups.put(offer.callId(), result);
                    for (UserStream u : owners(offer.agentId(), agentTenant)) {
                        publish(u, "screen.pop.update", ScreenPopBuilder.update(offer.callId(), result.customer(), result.status()));
                    }
                });
    }

    private boolean isCurrent(CallOffered offer) {
        CallOffered current = offers.get(offer.agentId());
        return current != null && current.callId().equals(offer.callId());
    }

    private void onCallEnded(JsonObject json) {
        CallRecord r = BusJson.decode(json, CallRecord.class);
        if (r.callId() == null) {
            throw new IllegalArgumentException("callId is required");
        }
        popLookups.remove(r.callId());
        if (r.agentId() == null) {
            return;
        }
        CallOffered current = offers.get(r.agentId());
        if (current != null && current.callId().equals(r.callId())) {
            offers.remove(r.agentId());
        }
        for (UserStream u : owners(r.agentId(), scope.tenantOfAgent(r.agentId()))) {
            Principal p = u.principal;
            publish(u, "call.ended", new JsonObject()
                    .put("callId", r.callId())
                    .put("direction", r.direction())
                    .put("queue", r.queue())
                    .put("agentId", r.agentId())
                    .put("outcome", r.outcome())
                    .put("callerNumber", NumberMasking.apply(p, r.callerNumber()))
                    .put("callerName", r.callerName())
                    .put("calledNumber", NumberMasking.apply(p, r.calledNumber()))
                    .put("startedAt", iso(r.startedAt()))
                    .put("answeredAt", iso(r.answeredAt()))
                    .put("endedAt", iso(r.endedAt()))
                    .put("waitSeconds", r.waitSeconds())
                    .put("talkSeconds", r.talkSeconds()));
        }
    }

    // ---------------------------------------------------------------- routing and payloads

    /** The agent's own events; never across tenants when the scope knows the agent's tenant. */
    private static boolean owns(Principal p, String agentId, String agentTenant) {
        return agentId.equals(p.agentId()) && (agentTenant == null || agentTenant.equals(p.tenant()));
    }

    /** Supervisors and admins see their own tenant only; unknown tenant means nobody. */
    private static boolean supervises(Principal p, String tenant) {
        return p.isSupervisor() && tenant != null && tenant.equals(p.tenant());
    }

    private List<UserStream> owners(String agentId, String agentTenant) {
        List<UserStream> out = new ArrayList<>();
        for (UserStream u : streams.values()) {
            if (owns(u.principal, agentId, agentTenant)) {
                out.add(u);
            }
        }
        return out;
    }

    private JsonObject snapshot(Principal p, String reason) {
        JsonObject agent = null;
        JsonObject call = null;
        if (p.agentId() != null) {
            String tenant = scope.tenantOfAgent(p.agentId());
            if (tenant == null || tenant.equals(p.tenant())) {
                AgentStateChanged s = agentStates.get(p.agentId());
                agent = s == null ? null : agentJson(s);
                CallOffered offer = offers.get(p.agentId());
                if (offer != null) {
                    Lookup l = popLookups.getOrDefault(offer.callId(), new Lookup(null, ScreenPopBuilder.PENDING));
                    call = ScreenPopBuilder.pop(p, offer, l.customer(), l.status());
                }
            }
        }
        JsonArray agents = new JsonArray();
        JsonArray queueList = new JsonArray();
        if (p.isSupervisor()) {
            agentStates.values().stream().filter(s -> supervises(p, scope.tenantOfAgent(s.agentId())))
                    .forEach(s -> agents.add(agentJson(s)));
            queues.values().stream().filter(q -> supervises(p, scope.tenantOfQueue(q.queue())))
                    .forEach(q -> queueList.add(queueJson(p, q)));
        }
        return new JsonObject().put("reason", reason).put("agent", agent).put("call", call)
                .put("agents", agents).put("queues", queueList);
    }

    private static JsonObject agentJson(AgentStateChanged e) {
        return new JsonObject()
                .put("agentId", e.agentId())
                .put("from", e.from() == null ? null : e.from().name())
                .put("state", e.to().name())
                .put("since", iso(e.at()))
                .put("reason", e.reason())
                .put("callId", e.callId())
                .put("endpoint", e.endpoint());
    }

    private static JsonObject queueJson(Principal viewer, QueueSnapshot q) {
        JsonArray waiting = new JsonArray();
        for (QueueSnapshot.WaitingCall w : q.waiting()) {
            waiting.add(new JsonObject()
                    .put("callId", w.callId())
                    .put("callerNumber", NumberMasking.apply(viewer, w.callerNumber()))
                    .put("callerName", w.callerName())
                    .put("priority", w.priority())
                    .put("enqueuedAt", iso(w.enqueuedAt()))
                    .put("offeredTo", w.offeredTo()));
        }
        return new JsonObject()
                .put("queue", q.queue())
                .put("at", iso(q.at()))
                .put("waiting", waiting)
                .put("waitingCount", q.waiting().size())
                .put("longestWaitSeconds", q.longestWaitSeconds())
                .put("agentsReady", q.agentsReady())
                .put("agentsBusy", q.agentsBusy())
                .put("agentsLoggedIn", q.agentsLoggedIn())
                .put("answeredToday", q.answeredToday())
                .put("abandonedToday", q.abandonedToday())
                .put("overflowedToday", q.overflowedToday());
    }

    private void publish(UserStream user, String type, JsonObject data) {
        long seq = ++user.seq;
        String text = envelope(seq, type, data);
        user.buffer.addLast(new Sent(seq, text));
        while (user.buffer.size() > config.replayBufferSize()) {
            user.buffer.removeFirst();
        }
        for (Link link : List.copyOf(user.links)) {
            link.send(text);
        }
    }

    private String envelope(long seq, String type, JsonObject data) {
        return new JsonObject().put("seq", seq).put("type", type).put("at", clock.instant().toString())
                .put("data", data).encode();
    }

    private static JsonObject error(String id, String message) {
        return new JsonObject().put("error", id).put("message", message);
    }

    private static String iso(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    private static Long parseLong(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(s.trim());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long millis() {
        return System.nanoTime() / 1_000_000L;
    }

    private record Sent(long seq, String text) {}

    /** One user's seq space and replay buffer, shared by all the user's open links (tabs). */
    private static final class UserStream {
        Principal principal;
        long seq;
        final ArrayDeque<Sent> buffer = new ArrayDeque<>();
        final Set<Link> links = new LinkedHashSet<>();
        long idleSinceMillis = millis();

        UserStream(Principal principal) {
            this.principal = principal;
        }
    }

    /** One WebSocket. Writes are counted so a client that does not read is dropped instead of buffered forever. */
    private final class Link {
        final ServerWebSocket ws;
        final AtomicInteger inFlight = new AtomicInteger();
        UserStream user;
        long authTimer = -1;
        boolean authenticating;
        volatile long lastHeard = millis();
        boolean closed;

        Link(ServerWebSocket ws) {
            this.ws = ws;
        }

        void sendControl(String type, JsonObject data) {
            send(envelope(user == null ? 0 : user.seq, type, data));
        }

        void send(String text) {
            if (closed) {
                return;
            }
            if (inFlight.get() >= config.sendQueueMessages() || ws.writeQueueFull()) {
                LOG.warn("dropping slow event link {} of {}", ws.remoteAddress(),
                        user == null ? "?" : user.principal.username());
                close(CLOSE_TOO_SLOW, "too-slow: send queue full, reconnect with lastSeq to resume");
                return;
            }
            inFlight.incrementAndGet();
            ws.writeTextMessage(text).onComplete(ar -> inFlight.decrementAndGet());
        }

        void close(short code, String reason) {
            if (closed) {
                return;
            }
            closed = true;
            vertx.cancelTimer(authTimer);
            ws.close(code, reason);
            onClosed(this);
        }
    }
}
