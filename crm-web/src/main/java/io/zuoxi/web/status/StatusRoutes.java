package io.zuoxi.web.status;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.http.Requests;

import java.util.List;
import java.util.function.Supplier;

/** GET /api/v1/health (no auth) and GET /api/v1/status (supervisors: adapters, core, web tier). */
public final class StatusRoutes {

    private final CoreClient core;
    private final List<String> pbxIds;
    private final Supplier<Future<JsonObject>> webState;

    public StatusRoutes(CoreClient core, List<String> pbxIds, Supplier<Future<JsonObject>> webState) {
        this.core = core;
        this.pbxIds = List.copyOf(pbxIds);
        this.webState = webState;
    }

    public void mount(Router router) {
        router.get("/api/v1/health").handler(ctx -> Requests.json(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/api/v1/status").handler(this::status);
    }

    private void status(RoutingContext ctx) {
        Requests.supervisor(ctx);
        JsonObject pbx = new JsonObject();
        List<Future<Void>> parts = pbxIds.stream().map(id -> core.pbxStatus(id)
                .map(s -> pbx.put(id, s))
                .recover(e -> Future.succeededFuture(pbx.put(id, new JsonObject().put("error", "unavailable")
                        .put("message", e.getMessage()))))
                .<Void>mapEmpty()).toList();
        JsonObject out = new JsonObject().put("pbx", pbx);
        Future<Void> coreState = core.snapshot().map(s -> out.put("core", s))
                .recover(e -> Future.succeededFuture(out.put("core", new JsonObject().put("error", "core-unavailable"))))
                .mapEmpty();
        Future<Void> web = webState.get().map(w -> out.put("web", w)).<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
        Future.join(List.of(Future.join(parts), coreState, web))
                .onComplete(ar -> Requests.json(ctx, 200, out));
    }
}
