package io.zuoxi.web.agent;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentCommandResult;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.http.ApiException;
import io.zuoxi.web.http.Requests;
import io.zuoxi.web.persistence.AgentEntity;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.persistence.NotReadyReasonEntity;

import java.util.ArrayList;
import java.util.List;

/** The signed-in agent's own state commands, the agent list for supervisors, and not-ready reasons. */
public final class AgentRoutes {

    private final Database db;
    private final CoreClient core;
    private final List<String> pbxIds;

    /** @param pbxIds the configured PBXs; a login on any other is refused (empty = not checked) */
    public AgentRoutes(Database db, CoreClient core, List<String> pbxIds) {
        this.db = db;
        this.core = core;
        this.pbxIds = List.copyOf(pbxIds);
    }

    public void mount(Router router) {
        router.post("/api/v1/agents/me/login").handler(this::login);
        router.post("/api/v1/agents/me/ready").handler(ctx -> send(ctx, new AgentCommand.Ready(Requests.agent(ctx).agentId())));
        router.post("/api/v1/agents/me/not-ready").handler(this::notReady);
        router.post("/api/v1/agents/me/wrap-up/end").handler(ctx -> send(ctx, new AgentCommand.EndWrapUp(Requests.agent(ctx).agentId())));
        router.post("/api/v1/agents/me/logout").handler(ctx -> send(ctx, new AgentCommand.Logout(Requests.agent(ctx).agentId())));
        router.get("/api/v1/not-ready-reasons").handler(this::reasons);
        router.get("/api/v1/agents").handler(this::list);
    }

    private void login(RoutingContext ctx) {
        Principal p = Requests.agent(ctx);
        JsonObject body = Requests.body(ctx);
        Object endpoint = body.getValue("endpoint");
        Object pbx = body.getValue("pbx");
        if ((endpoint != null && !(endpoint instanceof String)) || (pbx != null && !(pbx instanceof String))) {
            throw ApiException.badRequest("endpoint and pbx must be strings");
        }
        db.tx(s -> {
            AgentEntity a = s.find(AgentEntity.class, p.agentId());
            if (a == null || !a.tenant.equals(p.tenant())) {
                return null;
            }
            String ep = endpoint != null ? (String) endpoint : a.defaultEndpoint;
            String pb = pbx != null ? (String) pbx : a.defaultPbx;
            return new AgentCommand.Login(a.agentId, pb, ep, new ArrayList<>(a.queues));
        }).compose(cmd -> {
            if (cmd == null) {
                return Future.failedFuture(ApiException.notFound("no-such-agent", "agent seat " + p.agentId() + " is not configured"));
            }
            if (cmd.endpoint() == null || cmd.endpoint().isBlank() || cmd.pbx() == null) {
                return Future.failedFuture(ApiException.badRequest("no endpoint given and the agent has no default device"));
            }
            if (!pbxIds.isEmpty() && !pbxIds.contains(cmd.pbx())) {
                // an agent READY on a PBX Zuoxi is not connected to would never be offered a call
                return Future.failedFuture(new ApiException(400, "no-such-pbx", "no PBX '" + cmd.pbx()
                        + "' is configured (configured: " + String.join(", ", pbxIds) + ")"));
            }
            return Future.succeededFuture(cmd);
        }).onSuccess(cmd -> send(ctx, cmd)).onFailure(ctx::fail);
    }

    private void notReady(RoutingContext ctx) {
        Principal p = Requests.agent(ctx);
        JsonObject body = Requests.body(ctx);
        if (!(body.getValue("reason") instanceof String reason) || reason.isEmpty()) {
            throw ApiException.badRequest("reason (a not-ready reason code) is required");
        }
        db.tx(s -> s.find(NotReadyReasonEntity.class, reason) != null).onSuccess(known -> {
            if (!known) {
                ctx.fail(new ApiException(400, "bad-request", "unknown not-ready reason: " + reason));
            } else {
                send(ctx, new AgentCommand.NotReady(p.agentId(), reason));
            }
        }).onFailure(ctx::fail);
    }

    private void send(RoutingContext ctx, AgentCommand command) {
        core.command(command).onSuccess(r -> reply(ctx, r)).onFailure(ctx::fail);
    }

    private static void reply(RoutingContext ctx, AgentCommandResult r) {
        if (r.ok()) {
            Requests.json(ctx, 200, new JsonObject().put("state", r.state() == null ? null : r.state().name()));
        } else {
            ctx.fail(new ApiException(409, r.errorId() == null ? "refused" : r.errorId(),
                    r.message() == null ? "refused by the agent engine" : r.message()));
        }
    }

    private void reasons(RoutingContext ctx) {
        Requests.principal(ctx);
        db.tx(s -> s.createSelectionQuery("from NotReadyReasonEntity order by code", NotReadyReasonEntity.class)
                        .getResultList().stream()
                        .map(r -> new JsonObject().put("code", r.code).put("labelZh", r.labelZh).put("labelEn", r.labelEn))
                        .toList())
                .onSuccess(list -> Requests.json(ctx, 200, new JsonObject().put("reasons", new JsonArray(list))))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = Requests.supervisor(ctx);
        db.tx(s -> s.createSelectionQuery("from AgentEntity where tenant = :t order by agentId", AgentEntity.class)
                        .setParameter("t", p.tenant()).getResultList())
                .compose(agents -> core.snapshot().map(snap -> {
                    List<JsonObject> out = new ArrayList<>();
                    for (AgentEntity a : agents) {
                        out.add(new JsonObject().put("agentId", a.agentId).put("name", a.name)
                                .put("defaultPbx", a.defaultPbx).put("defaultEndpoint", a.defaultEndpoint)
                                .put("configuredQueues", new JsonArray(new ArrayList<>(a.queues)))
                                .put("live", CoreClient.agentView(snap, a.agentId)));
                    }
                    return new JsonObject().put("agents", new JsonArray(out));
                }))
                .onSuccess(j -> Requests.json(ctx, 200, j)).onFailure(ctx::fail);
    }
}
