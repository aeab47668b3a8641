package io.zuoxi.web.queue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.web.corelink.CoreClient;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.persistence.QueueEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the queue definitions to the core on {@code QUEUE_DEFINE}, retrying until it answers. */
public final class QueuePublisher {

    private static final Logger log = LoggerFactory.getLogger(QueuePublisher.class);

    private final Vertx vertx;
    private final Database db;
    private final CoreClient core;
    private final long retryMillis;
    private long generation;
    private boolean stopped;

    public QueuePublisher(Vertx vertx, Database db, CoreClient core, long retryMillis) {
        this.vertx = vertx;
        this.db = db;
        this.core = core;
        this.retryMillis = retryMillis;
    }

    /** Call at start and whenever queues change; a newer call supersedes pending retries. */
    public void publish() {
        long gen = ++generation;
        attempt(gen, 1);
    }

    public void stop() {
        stopped = true;
    }

    private void attempt(long gen, int n) {
        if (stopped || gen != generation) {
            return;
        }
        db.tx(s -> s.createSelectionQuery("from QueueEntity order by name", QueueEntity.class).getResultList().stream()
                        .map(q -> BusJson.encode(q.toDefinition())).toList())
                .compose(defs -> core.request(Addresses.QUEUE_DEFINE, new JsonObject().put("queues", new JsonArray(defs)))
                        .map(defs.size()))
                .onSuccess(count -> log.info("{} queue definitions sent to the core", count))
                .onFailure(e -> {
                    if (n == 1 || n % 30 == 0) {
                        log.warn("queue definitions not accepted yet (attempt {}), retrying: {}", n, e.getMessage());
                    }
                    vertx.setTimer(retryMillis, t -> attempt(gen, n + 1));
                });
    }

}
