package io.zuoxi.web.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallRecord;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stores what the core publishes: {@code CALL_ENDED} (call record + legs, idempotent on call id),
 * {@code CALL_WRAPUP_ENDED} (wrap-up seconds) and {@code AGENT_STATE} (history row). Writes are
 * queued in arrival order (bounded) and written one at a time on the database workers; a failed
 * write is retried with exponential back-off, and only after {@code maxAttempts} is it given up —
 * logged at ERROR with its full payload, never dropped silently. Runs on the context that called
 * {@link #start()}.
 */
public final class EventRecorder {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final Vertx vertx;
    private final Database db;
    private final int capacity;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final int maxAttempts;
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private boolean writing;
    private long written;
    private long failedWrites;
    private long givenUp;

    private record Write(String what, JsonObject payload, Consumer<Session> work) {}

    public EventRecorder(Vertx vertx, Database db) {
        this(vertx, db, 10_000, 200, 30_000, 10);
    }

    public EventRecorder(Vertx vertx, Database db, int capacity, long baseDelayMillis, long maxDelayMillis,
                         int maxAttempts) {
        this.vertx = vertx;
        this.db = db;
        this.capacity = capacity;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.maxAttempts = maxAttempts;
    }

    /** Subscribes on the caller's context (or a new one); all queue handling stays on that one context. */
    public Future<Void> start() {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        io.vertx.core.Promise<Void> started = io.vertx.core.Promise.promise();
        context.runOnContext(v -> subscribe().onComplete(started));
        return started.future();
    }

    private Future<Void> subscribe() {
        consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CALL_ENDED, m -> {
            CallRecord r = decode(m.body(), CallRecord.class, Addresses.CALL_ENDED);
            if (r != null) {
                enqueue(new Write("call ended " + r.callId(), m.body(), s -> CallRecordStore.insertIfAbsent(s, r)));
            }
        }));
        consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CALL_WRAPUP_ENDED, m -> {
            CallRecord r = decode(m.body(), CallRecord.class, Addresses.CALL_WRAPUP_ENDED);
            if (r != null) {
                enqueue(new Write("wrap-up ended " + r.callId(), m.body(), s -> CallRecordStore.wrapUpEnded(s, r)));
            }
        }));
        consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.AGENT_STATE, m -> {
            AgentStateChanged c = decode(m.body(), AgentStateChanged.class, Addresses.AGENT_STATE);
            if (c != null) {
                enqueue(new Write("agent state " + c.agentId(), m.body(), s -> CallRecordStore.insertHistory(s, c)));
            }
        }));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    public Future<Void> stop() {
        if (!queue.isEmpty()) {
            log.error("stopping with {} unwritten events: {}", queue.size(),
                    queue.stream().map(w -> w.payload().encode()).toList());
        }
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    /** Read on the recorder's context for an exact picture; elsewhere the counters may lag. */
    public JsonObject debugState() {
        return new JsonObject().put("queued", queue.size()).put("capacity", capacity).put("written", written)
                .put("failedWrites", failedWrites).put("givenUp", givenUp);
    }

    private <T> T decode(JsonObject body, Class<T> type, String address) {
        try {
            return BusJson.decode(body, type);
        } catch (RuntimeException e) {
            log.warn("unreadable message on {} not stored: {} ({})", address, e.getMessage(), body);
            return null;
        }
    }

    private void enqueue(Write w) {
        if (queue.size() >= capacity) {
            givenUp++;
            log.error("write queue full ({}), not stored: {} {}", capacity, w.what(), w.payload().encode());
            return;
        }
        queue.addLast(w);
        if (!writing) {
            next(1);
        }
    }

    private void next(int attempt) {
        Write w = queue.peekFirst();
        if (w == null) {
            writing = false;
            return;
        }
        writing = true;
        db.tx(s -> {
            w.work().accept(s);
            return null;
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                written++;
                queue.pollFirst();
                next(1);
                return;
            }
            failedWrites++;
            if (attempt >= maxAttempts) {
                givenUp++;
                queue.pollFirst();
                log.error("giving up on {} after {} attempts: {}; payload {}", w.what(), attempt,
                        ar.cause().toString(), w.payload().encode());
                next(1);
                return;
            }
            long delay = Math.min(maxDelayMillis, baseDelayMillis << Math.min(attempt - 1, 20));
            log.warn("storing {} failed (attempt {}), retrying in {} ms: {}", w.what(), attempt, delay,
                    ar.cause().toString());
            vertx.setTimer(delay, t -> next(attempt + 1));
        });
    }
}
