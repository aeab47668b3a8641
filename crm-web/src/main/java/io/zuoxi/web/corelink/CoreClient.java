package io.zuoxi.web.corelink;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentCommandResult;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.web.http.ApiException;

/**
 * Request/reply with cti-core over the event bus. No consumer, a timeout or a failed reply become
 * {@code 503 core-unavailable}.
 */
public final class CoreClient {

    private final Vertx vertx;
    private final long timeoutMillis;

    public CoreClient(Vertx vertx, long timeoutMillis) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
    }

    public Future<AgentCommandResult> command(AgentCommand command) {
        return request(Addresses.AGENT_COMMAND, BusJson.encode(command))
                .map(j -> BusJson.decode(j, AgentCommandResult.class));
    }

    public Future<JsonObject> snapshot() {
        return request(Addresses.CORE_SNAPSHOT, new JsonObject());
    }

    public Future<JsonObject> pbxStatus(String pbxId) {
        return request(Addresses.pbxStatus(pbxId), new JsonObject());
    }

    public Future<JsonObject> request(String address, JsonObject body) {
        return vertx.eventBus().<Object>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMillis))
                .map(m -> m.body() instanceof JsonObject j ? j : new JsonObject())
                .recover(e -> Future.failedFuture(new ApiException(503, "core-unavailable",
                        e instanceof ReplyException r ? "no answer on " + address + " (" + r.failureType() + ")"
                                : "no answer on " + address)));
    }

    /**
     * The agent's entry of a core snapshot. The snapshot's {@code agents} may be an array of objects
     * with {@code agentId} or an object keyed by agent id; both are accepted.
     */
    public static JsonObject agentOf(JsonObject snapshot, String agentId) {
        return entry(snapshot, "agents", "agentId", agentId);
    }

    /** The queue's entry ({@code queues}: array with {@code queue}/{@code name}, or object keyed by name). */
    public static JsonObject queueOf(JsonObject snapshot, String queue) {
        JsonObject q = entry(snapshot, "queues", "queue", queue);
        return q != null ? q : entry(snapshot, "queues", "name", queue);
    }

    private static JsonObject entry(JsonObject snapshot, String key, String idField, String id) {
        if (snapshot == null || id == null) {
            return null;
        }
        Object v = snapshot.getValue(key);
        if (v instanceof JsonObject o) {
            Object e = o.getValue(id);
            return e instanceof JsonObject j ? j : null;
        }
        if (v instanceof JsonArray a) {
            for (Object e : a) {
                if (e instanceof JsonObject j && id.equals(j.getValue(idField))) {
                    return j;
                }
            }
        }
        return null;
    }

    /** The live agent view the API promises: {agentId,state,since,reason,endpoint,queues}. */
    public static JsonObject agentView(JsonObject snapshot, String agentId) {
        JsonObject a = agentOf(snapshot, agentId);
        JsonObject out = new JsonObject().put("agentId", agentId);
        if (a == null) {
            return out.put("state", "LOGGED_OUT").putNull("since").putNull("reason").putNull("endpoint")
                    .put("queues", new JsonArray());
        }
        return out.put("state", a.getValue("state", "LOGGED_OUT"))
                .put("since", a.getValue("since"))
                .put("reason", a.getValue("reason"))
                .put("endpoint", a.getValue("endpoint"))
                .put("queues", a.getValue("queues") instanceof JsonArray q ? q : new JsonArray());
    }
}
