package io.zuoxi.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.zuoxi.web.agent.AgentRoutes;
import io.zuoxi.web.auth.LoginService;
import io.zuoxi.web.auth.LoginThrottle;
import io.zuoxi.web.auth.SessionStore;
import io.zuoxi.web.call.CallRecordRoutes;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.http.ApiException;
import io.zuoxi.web.http.FailureHandler;
import io.zuoxi.web.http.Requests;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.persistence.DbCustomerDirectory;
import io.zuoxi.web.persistence.DbTenantScope;
import io.zuoxi.web.persistence.EventRecorder;
import io.zuoxi.web.persistence.Seeder;
import io.zuoxi.web.queue.QueuePublisher;
import io.zuoxi.web.queue.QueueRoutes;
import io.zuoxi.web.session.SessionRoutes;
import io.zuoxi.web.status.StatusRoutes;
import io.zuoxi.web.stream.EventHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The web tier: migrates and opens the database, stores call records and agent history from the
 * bus, serves REST under {@code /api/v1}, the event WebSocket at {@code /api/v1/events} and the
 * agent panel (classpath {@code webroot}) at {@code /}.
 */
public final class WebVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(WebVerticle.class);

    private final WebConfig config;
    private Database db;
    private EventRecorder recorder;
    private EventHub hub;
    private QueuePublisher queues;
    private HttpServer server;
    private SessionStore sessions;
    private DbTenantScope scope;
    private long purgeTimer = -1;
    private long scopeTimer = -1;

    public WebVerticle(WebConfig config) {
        this.config = config;
    }

    /** The bound port (useful with {@code http.port = 0}); -1 before start. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> start() {
        return Database.open(vertx, config.database()).compose(d -> {
            db = d;
            return db.tx(s -> {
                if (config.demoData()) {
                    Seeder.seedDemo(s, config.demoPbx(), config.demoDevicePrefix());
                }
                Seeder.ensureAdmin(s);
                return null;
            });
        }).compose(v -> {
            scope = new DbTenantScope(db);
            sessions = new SessionStore(Duration.ofMinutes(config.sessionTtlMinutes()), Clock.systemUTC());
            CoreClient core = new CoreClient(vertx, config.coreTimeoutMillis());
            LoginService login = new LoginService(db, sessions,
                    new LoginThrottle(config.loginMaxFailures(), Duration.ofMinutes(config.loginWindowMinutes()),
                            Clock.systemUTC()));
            recorder = new EventRecorder(vertx, db);
            hub = new EventHub(vertx, sessions, new DbCustomerDirectory(db), scope, config.events());
            queues = new QueuePublisher(vertx, db, core, 2000);

            Router router = Router.router(vertx);
            // The WebSocket upgrade must see the request before any BodyHandler.
            hub.mount(router);
            router.route("/api/*").handler(BodyHandler.create().setBodyLimit(config.maxBodyBytes()));
            router.route("/api/*").handler(Requests.authenticate(sessions));
            new StatusRoutes(core, config.pbxIds(), this::debugState).mount(router);
            new SessionRoutes(login, sessions, core, db).mount(router);
            new AgentRoutes(db, core, config.pbxIds()).mount(router);
            new QueueRoutes(db, core).mount(router);
            new CallRecordRoutes(db).mount(router);
            router.route("/api/*").handler(ctx -> ctx.fail(ApiException.notFound("not-found", "no such endpoint")));
            router.route("/api/*").failureHandler(new FailureHandler());
            router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));

            purgeTimer = vertx.setPeriodic(60_000, t -> sessions.purgeExpired());
            // Agents and queues may be edited in the database directly; the hub's scope follows within a minute.
            scopeTimer = vertx.setPeriodic(60_000, t -> scope.refresh()
                    .onFailure(e -> log.warn("tenant scope refresh failed: {}", e.toString())));
            return scope.refresh()
                    .compose(x -> recorder.start())
                    .compose(x -> hub.start())
                    .compose(x -> vertx.createHttpServer().requestHandler(router)
                            .listen(config.httpPort(), config.httpHost()))
                    .onSuccess(s -> {
                        server = s;
                        log.info("web tier listening on http://{}:{}/ (database {})", config.httpHost(),
                                s.actualPort(), db.dialect());
                        queues.publish();
                    });
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(purgeTimer);
        vertx.cancelTimer(scopeTimer);
        if (queues != null) {
            queues.stop();
        }
        Future<?> h = hub == null ? Future.succeededFuture() : hub.stop();
        return h.eventually(() -> server == null ? Future.succeededFuture() : server.close())
                .eventually(() -> recorder == null ? Future.succeededFuture() : recorder.stop())
                .eventually(() -> db == null ? Future.succeededFuture() : db.close());
    }

    /**
     * Call after agents or queues were changed in the database: reloads the tenant scope and sends
     * the queue definitions to the core again (retrying until it answers). Call on this verticle's context.
     */
    public Future<Void> configurationChanged() {
        queues.publish();
        return scope.refresh();
    }

    /** For {@code /api/v1/status}: the hub and the recorder (DESIGN §6.11). */
    public Future<JsonObject> debugState() {
        JsonObject out = new JsonObject().put("sessions", sessions == null ? 0 : sessions.size())
                .put("recorder", recorder == null ? null : recorder.debugState());
        return hub == null ? Future.succeededFuture(out) : hub.debugState().map(h -> out.put("events", h));
    }
}
