package io.zuoxi.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.sim.asterisk.SimulatedAsterisk;
import io.zuoxi.sim.asterisk.SimulatedAsteriskConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo traffic against the simulated Asterisk: calls arrive, impatient callers abandon, stop stops. */
class DemoTrafficIT {

    @Test
    void placesCallsAndCallersGiveUp() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SimulatedAsterisk sim = new SimulatedAsterisk(vertx, SimulatedAsteriskConfig.defaults("pw"));
            sim.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            DemoTraffic traffic = new DemoTraffic(vertx, sim, DemoTrafficConfig.fromJson(new JsonObject()
                    .put("callsPerMinute", 1200).put("patienceMinMs", 100).put("patienceMaxMs", 200)
                    .put("agentEndpoints", new JsonArray().add("PJSIP/1001")).put("seed", 3)));
            traffic.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (traffic.callsAbandoned() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            traffic.stop();
            assertThat(traffic.running()).isFalse();
            assertThat(traffic.callsPlaced()).isGreaterThanOrEqualTo(3);
            assertThat(traffic.callsAbandoned()).isGreaterThanOrEqualTo(3);
            long placed = traffic.callsPlaced();
            // nobody bridges these callers: after stop every one of them gives up
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!sim.liveLegs().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sim.liveLegs()).isEmpty();
            assertThat(traffic.callsPlaced()).isEqualTo(placed);
            assertThat(traffic.callsAbandoned()).isEqualTo(placed);
            sim.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
