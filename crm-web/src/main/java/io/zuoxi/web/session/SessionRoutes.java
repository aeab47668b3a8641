package io.zuoxi.web.session;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.web.auth.LoginService;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.auth.SessionStore;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.http.ApiException;
import io.zuoxi.web.http.Requests;
import io.zuoxi.web.persistence.AgentEntity;
import io.zuoxi.web.persistence.Database;

/** POST/DELETE /api/v1/session and GET /api/v1/me. */
public final class SessionRoutes {

    private final LoginService login;
    private final SessionStore sessions;
    private final CoreClient core;
    private final Database db;

    public SessionRoutes(LoginService login, SessionStore sessions, CoreClient core, Database db) {
        this.login = login;
        this.sessions = sessions;
        this.core = core;
        this.db = db;
    }

    public void mount(Router router) {
        router.post("/api/v1/session").handler(this::create);
        router.delete("/api/v1/session").handler(this::delete);
        router.get("/api/v1/me").handler(this::me);
    }

    public static JsonObject userJson(Principal p) {
        return new JsonObject().put("username", p.username()).put("displayName", p.displayName())
                .put("role", p.role().name()).put("agentId", p.agentId()).put("tenant", p.tenant())
                .put("revealNumbers", p.revealNumbers());
    }

    private void create(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        if (!(body.getValue("username") instanceof String u) || !(body.getValue("password") instanceof String pw)
                || u.isEmpty()) {
            throw ApiException.badRequest("username and password (strings) are required");
        }
        login.login(u, pw).onSuccess(in -> {
            ctx.response().addCookie(Cookie.cookie(Requests.SESSION_COOKIE, in.token()).setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setPath("/"));
            Requests.json(ctx, 200, new JsonObject().put("token", in.token()).put("user", userJson(in.principal())));
        }).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Requests.principal(ctx);
        sessions.invalidate(Requests.token(ctx));
        ctx.response().addCookie(Cookie.cookie(Requests.SESSION_COOKIE, "").setMaxAge(0).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setPath("/"));
        ctx.response().setStatusCode(204).end();
    }

    private void me(RoutingContext ctx) {
        Principal p = Requests.principal(ctx);
        JsonObject out = new JsonObject().put("user", userJson(p));
        if (p.agentId() == null) {
            out.putNull("agent");
            Requests.json(ctx, 200, out);
            return;
        }
        // The seat's configured PBX and device: what the panel suggests for "log in".
        Future<JsonObject> seat = db.tx(session -> {
            AgentEntity a = session.find(AgentEntity.class, p.agentId());
            return a == null || !a.tenant.equals(p.tenant()) ? null
                    : new JsonObject().put("agentId", a.agentId).put("defaultPbx", a.defaultPbx)
                    .put("defaultEndpoint", a.defaultEndpoint);
        });
        seat.onComplete(seatResult -> core.snapshot().onComplete(ar -> {
            out.put("seat", seatResult.succeeded() ? seatResult.result() : null);
            if (ar.succeeded()) {
                out.put("agent", CoreClient.agentView(ar.result(), p.agentId())).put("coreAvailable", true);
            } else {
                // The user is still signed in while the core restarts; the panel shows "unknown".
                out.putNull("agent").put("coreAvailable", false);
            }
            Requests.json(ctx, 200, out);
        }));
    }
}
