package io.zuoxi.ami.connection;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.AmiConfig;
import io.zuoxi.ami.FakeAmiServer;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A pump backlog (events possibly lost inside asterisk-java) ends in a counted detection and a fresh PbxSynced. */
class BacklogResyncIT {

    @Test
    void backlogThenDrainCountsADetectionAndResyncs() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeAmiServer server = new FakeAmiServer(vertx, "pw");
        int port = server.start();
        Context ctx = vertx.getOrCreateContext();
        List<PbxEvent> events = new CopyOnWriteArrayList<>();
        AmiConfig cfg = AmiConfig.fromJson(new JsonObject().put("id", "b").put("port", port).put("username", "cti")
                .put("secret", "pw"));
        AmiConnection[] conn = new AmiConnection[1];
        try {
            on(ctx, () -> {
                conn[0] = new AmiConnection(vertx, ctx, cfg, events::add, Clock.systemUTC());
                conn[0].start();
                return null;
            });
            await(() -> events.stream().filter(e -> e instanceof PbxEvent.PbxSynced).count() == 1);
            on(ctx, () -> {
                conn[0].onPumpBacklog(conn[0].generation(), true);
                return null;
            });
            // no resync while the backlog lasts: the list would be stale again at once
            assertThat(on(ctx, () -> conn[0].status()).getJsonObject("counters").getLong("droppedEventDetections"))
                    .isEqualTo(1L);
            assertThat(events.stream().filter(e -> e instanceof PbxEvent.PbxSynced).count()).isEqualTo(1);
            on(ctx, () -> {
                conn[0].onPumpBacklog(conn[0].generation(), false);
                return null;
            });
            await(() -> events.stream().filter(e -> e instanceof PbxEvent.PbxSynced).count() == 2);
            assertThat(on(ctx, () -> conn[0].status()).getJsonObject("counters").getLong("resyncs")).isEqualTo(2L);
        } finally {
            on(ctx, () -> conn[0].stop()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    static <T> T on(Context ctx, Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("deadline").isLessThan(end);
            Thread.sleep(10);
        }
    }
}
