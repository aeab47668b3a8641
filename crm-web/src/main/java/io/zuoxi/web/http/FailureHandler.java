package io.zuoxi.web.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place errors become HTTP: {@code {"error":"<stable-id>","message":"..."}} + status. */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable t = ctx.failure();
        int status;
        String id;
        String message;
        if (t instanceof ApiException e) {
            status = e.status();
            id = e.errorId();
            message = e.getMessage();
        } else if (t instanceof DecodeException) {
            status = 400;
            id = "bad-json";
            message = "the request body is not valid JSON";
        } else if (t instanceof HttpException e) {
            status = e.getStatusCode();
            id = idFor(status);
            message = e.getPayload() != null ? e.getPayload() : id;
        } else if (t == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            id = idFor(status);
            message = id;
        } else {
            status = 500;
            id = "internal";
            message = "internal error";
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
        }
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", id).put("message", message).encode());
    }

    private static String idFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            case 503 -> "core-unavailable";
            default -> status >= 500 ? "internal" : "bad-request";
        };
    }
}
