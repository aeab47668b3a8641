package io.zuoxi.web.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.web.auth.Authenticator;
import io.zuoxi.web.auth.Principal;

/** Authentication, role checks and body parsing shared by every REST resource. */
public final class Requests {

    public static final String SESSION_COOKIE = "ZUOXI_SESSION";
    private static final String PRINCIPAL = "zuoxi.principal";

    private Requests() {
    }

    /** The session token from {@code Authorization: Bearer} or the session cookie, or null. */
    public static String token(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        Cookie c = ctx.request().getCookie(SESSION_COOKIE);
        return c == null ? null : c.getValue();
    }

    /** Handler resolving the principal of every API request (sessions are in memory: no blocking). */
    public static io.vertx.core.Handler<RoutingContext> authenticate(Authenticator auth) {
        return ctx -> {
            String token = token(ctx);
            if (token != null) {
                auth.authenticate(token).ifPresent(p -> ctx.put(PRINCIPAL, p));
            }
            ctx.next();
        };
    }

    /** The signed-in user; 401 unauthenticated otherwise. */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw new ApiException(401, "unauthenticated", "sign in first (POST /api/v1/session)");
        }
        return p;
    }

    /** Supervisors and admins only; 403 forbidden otherwise. */
    public static Principal supervisor(RoutingContext ctx) {
        Principal p = principal(ctx);
        if (!p.isSupervisor()) {
            throw ApiException.forbidden("supervisor or admin role required");
        }
        return p;
    }

    /** A user that works as an agent seat; 403 otherwise. */
    public static Principal agent(RoutingContext ctx) {
        Principal p = principal(ctx);
        if (p.agentId() == null) {
            throw ApiException.forbidden("this user has no agent seat");
        }
        return p;
    }

    /** The JSON body; an empty body is an empty object; 400 bad-json when not a JSON object. */
    public static JsonObject body(RoutingContext ctx) {
        String s = ctx.body() == null ? null : ctx.body().asString();
        if (s == null || s.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(s);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiException(400, "bad-json", "the request body is not a JSON object");
        }
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        String text = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(text);
    }
}
