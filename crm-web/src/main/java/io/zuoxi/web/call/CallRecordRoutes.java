package io.zuoxi.web.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.web.auth.NumberMasking;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.http.ApiException;
import io.zuoxi.web.http.Requests;
import io.zuoxi.web.persistence.CallLegEntity;
import io.zuoxi.web.persistence.CallRecordEntity;
import io.zuoxi.web.persistence.CallRecordStore;
import io.zuoxi.web.persistence.Database;
import org.hibernate.query.SelectionQuery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Call records: agents see only their own calls, supervisors their tenant's; numbers are masked
 * for viewers without the reveal permission. Another tenant's or a colleague's call is 404, not
 * 403, so ids cannot be probed.
 */
public final class CallRecordRoutes {

    private static final int MAX_LIMIT = 200;

    private final Database db;

    public CallRecordRoutes(Database db) {
        this.db = db;
    }

    public void mount(Router router) {
        router.get("/api/v1/call-records").handler(this::list);
        router.get("/api/v1/call-records/:callId").handler(this::one);
    }

    private void list(RoutingContext ctx) {
        Principal p = Requests.principal(ctx);
        int limit = 50;
        String l = ctx.request().getParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be an integer");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be 1.." + MAX_LIMIT);
            }
        }
        Instant before = null;
        String b = ctx.request().getParam("before");
        if (b != null) {
            try {
                before = Instant.parse(b);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("before must be an ISO-8601 instant, e.g. 2026-01-31T08:00:00Z");
            }
        }
        String queue = ctx.request().getParam("queue");
        String agent = p.isSupervisor() ? ctx.request().getParam("agent") : p.agentId();
        if (!p.isSupervisor() && agent == null) {
            Requests.json(ctx, 200, new JsonObject().put("callRecords", new JsonArray()));
            return;
        }
        final int max = limit;
        final Instant until = before;
        db.tx(s -> {
            StringBuilder hql = new StringBuilder("from CallRecordEntity where tenant = :t");
            if (until != null) {
                hql.append(" and endedAt < :before");
            }
            if (queue != null) {
                hql.append(" and queue = :q");
            }
            if (agent != null) {
                hql.append(" and agentId = :a");
            }
            hql.append(" order by endedAt desc, id desc");
            SelectionQuery<CallRecordEntity> q = s.createSelectionQuery(hql.toString(), CallRecordEntity.class)
                    .setParameter("t", p.tenant());
            if (until != null) {
                q.setParameter("before", until);
            }
            if (queue != null) {
                q.setParameter("q", queue);
            }
            if (agent != null) {
                q.setParameter("a", agent);
            }
            return q.setMaxResults(max).getResultList().stream().map(r -> json(r, p, null)).toList();
        }).onSuccess(list -> Requests.json(ctx, 200, new JsonObject().put("callRecords", new JsonArray(list))))
                .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        Principal p = Requests.principal(ctx);
        String callId = ctx.pathParam("callId");
        db.tx(s -> {
            CallRecordEntity r = CallRecordStore.find(s, callId);
            if (r == null || !p.tenant().equals(r.tenant)
                    || (!p.isSupervisor() && (p.agentId() == null || !p.agentId().equals(r.agentId)))) {
                return null;
            }
            return json(r, p, CallRecordStore.legs(s, r.id));
        }).onSuccess(j -> {
            if (j == null) {
                ctx.fail(ApiException.notFound("no-such-call", "no call record " + callId));
            } else {
                Requests.json(ctx, 200, j);
            }
        }).onFailure(ctx::fail);
    }

    static JsonObject json(CallRecordEntity r, Principal viewer, List<CallLegEntity> legs) {
        JsonObject j = new JsonObject().put("callId", r.callId).put("pbx", r.pbx).put("direction", r.direction)
                .put("callerNumber", NumberMasking.apply(viewer, r.callerNumber)).put("callerName", r.callerName)
                .put("calledNumber", NumberMasking.apply(viewer, r.calledNumber)).put("queue", r.queue)
                .put("agentId", r.agentId).put("outcome", r.outcome)
                .put("startedAt", iso(r.startedAt)).put("enqueuedAt", iso(r.enqueuedAt))
                .put("offeredAt", iso(r.offeredAt)).put("answeredAt", iso(r.answeredAt)).put("endedAt", iso(r.endedAt))
                .put("waitSeconds", r.waitSeconds).put("talkSeconds", r.talkSeconds)
                .put("wrapUpSeconds", r.wrapUpSeconds).put("offers", r.offers).put("reconciled", r.reconciled)
                .put("attachedData", r.attachedData == null ? new JsonObject() : new JsonObject(r.attachedData));
        if (legs != null) {
            JsonArray a = new JsonArray();
            for (CallLegEntity l : legs) {
                a.add(new JsonObject().put("legId", l.legId).put("role", l.role).put("channel", l.channel)
                        .put("agentId", l.agentId).put("createdAt", iso(l.createdAt))
                        .put("answeredAt", iso(l.answeredAt)).put("endedAt", iso(l.endedAt))
                        .put("hangupCause", l.hangupCause));
            }
            j.put("legs", a);
        }
        return j;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
