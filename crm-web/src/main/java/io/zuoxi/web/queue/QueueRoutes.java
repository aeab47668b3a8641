package io.zuoxi.web.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.web.auth.NumberMasking;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.http.Requests;
import io.zuoxi.web.persistence.AgentEntity;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.persistence.QueueEntity;

import java.util.ArrayList;
import java.util.List;

/** GET /api/v1/queues: definitions + the live snapshot; agents see the queues they serve. */
public final class QueueRoutes {

    private final Database db;
    private final CoreClient core;

    public QueueRoutes(Database db, CoreClient core) {
        this.db = db;
        this.core = core;
    }

    public void mount(Router router) {
        router.get("/api/v1/queues").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Principal p = Requests.principal(ctx);
        db.tx(s -> {
            List<QueueEntity> all = s.createSelectionQuery("from QueueEntity where tenant = :t order by name", QueueEntity.class)
                    .setParameter("t", p.tenant()).getResultList();
            if (p.isSupervisor()) {
                return all;
            }
            AgentEntity a = p.agentId() == null ? null : s.find(AgentEntity.class, p.agentId());
            return all.stream().filter(q -> a != null && a.queues.contains(q.name)).toList();
        }).compose(queues -> core.snapshot().map(snap -> {
            List<JsonObject> out = new ArrayList<>();
            for (QueueEntity q : queues) {
                JsonObject live = masked(CoreClient.queueOf(snap, q.name), p);
                out.add(new JsonObject().put("name", q.name).put("displayName", q.displayName)
                        .put("ringTimeoutSeconds", q.ringTimeoutSeconds).put("wrapUpSeconds", q.wrapUpSeconds)
                        .put("serviceLevelSeconds", q.serviceLevelSeconds).put("strategy", q.strategy)
                        .put("live", live));
            }
            return new JsonObject().put("queues", new JsonArray(out));
        })).onSuccess(j -> Requests.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    /** Waiting callers' numbers follow the one masking policy; the offer traces are for /status, not here. */
    private static JsonObject masked(JsonObject live, Principal viewer) {
        if (live == null) {
            return null;
        }
        JsonObject out = live.copy();
        out.remove("definition");
        JsonArray waiting = new JsonArray();
        for (Object o : out.getJsonArray("waiting", new JsonArray())) {
            if (o instanceof JsonObject w) {
                JsonObject copy = w.copy();
                copy.remove("offers");
                copy.put("callerNumber", NumberMasking.apply(viewer, w.getString("callerNumber")));
                waiting.add(copy);
            }
        }
        return out.put("waiting", waiting);
    }
}
