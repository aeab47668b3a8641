package io.zuoxi.ami.connection;

import io.vertx.core.Vertx;
import io.zuoxi.ami.FakeAmiServer;
import org.asteriskjava.manager.event.HangupEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hook Zuoxi uses to notice asterisk-java's AsyncEventPump falling behind (it drops events
 * silently once 20000 are queued), exercised against the real pump: a deliberately slow listener
 * (1 ms per event, the situation the library's issue describes) must trip it, and it must report
 * the drain once the queue is empty again.
 */
class PumpBacklogDetectionIT {

    @Test
    void slowListenerTripsTheBacklogHookAndDrainIsReported() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeAmiServer server = new FakeAmiServer(vertx, "pw");
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        byte[] frames = FakeAmiServer.eventFrames(FakeAmiServer.fixture("04-dialer-originate-outcomes"));
        for (int i = 0; i < 4; i++) {
            many.write(frames); // 4 x 250 events arrive at once
        }
        server.replay = many.toByteArray();
        int port = server.start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(1);
        CountDownLatch sentinel = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        ZuoxiManagerConnection c = new ZuoxiManagerConnection("127.0.0.1", port, "cti", "pw", "ZuoxiCallWaiting", "ZuoxiCallFallback",
                new ZuoxiManagerConnection.BacklogListener() {
                    @Override
                    public void backlogStarted() {
                        started.countDown();
                    }

                    @Override
                    public void backlogDrained() {
                        drained.countDown();
                    }
                });
        c.addEventListener(e -> {
            seen.incrementAndGet();
            if (e instanceof HangupEvent h && "sentinel".equals(h.getUniqueId())) {
                sentinel.countDown();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            c.login();
            c.sendEventGeneratingAction(new org.asteriskjava.manager.action.CoreShowChannelsAction(), 5000);
            assertThat(started.await(10, TimeUnit.SECONDS)).as("backlog detected").isTrue();
            assertThat(sentinel.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(drained.await(5, TimeUnit.SECONDS)).as("drain reported").isTrue();
            assertThat(seen.get()).isGreaterThan(1000);
        } finally {
            try {
                c.logoff();
            } catch (RuntimeException ignored) {
                // already gone
            }
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
