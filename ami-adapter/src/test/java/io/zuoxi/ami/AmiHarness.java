package io.zuoxi.ami;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.connection.AmiConnection;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** An AmiConnection on its own Vert.x context, with its events collected, for ITs. */
final class AmiHarness implements AutoCloseable {

    final Vertx vertx;
    final Context context;
    final List<PbxEvent> events = new CopyOnWriteArrayList<>();
    AmiConnection connection;

    AmiHarness(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    static JsonObject config(int port, String secret) {
        return new JsonObject().put("id", "ast-test").put("port", port).put("username", "cti").put("secret", secret)
                .put("reconnectMinMs", 100).put("reconnectMaxMs", 400).put("actionTimeoutMs", 3000)
                .put("heartbeatSeconds", 0); // AmiConnectionIT tests it on its own

    }

    AmiHarness start(AmiConfig config, Runnable beforeStart) {
        onContext(() -> {
            connection = new AmiConnection(vertx, context, config, events::add, Clock.systemUTC());
            beforeStart.run();
            connection.start();
            return null;
        });
        return this;
    }

    <T> T onContext(Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<CommandResult> execute(PbxCommand c) {
        Future<CommandResult> f = onContext(() -> connection.execute(c));
        return f.toCompletionStage().toCompletableFuture();
    }

    JsonObject status() {
        return onContext(() -> connection.status());
    }

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    <T extends PbxEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Compact text form matching src/test/resources/expected/*.txt. */
    static String brief(PbxEvent e) {
        if (e instanceof PbxEvent.LegCreated x) {
            return "LegCreated " + x.legId() + " " + x.channel();
        } else if (e instanceof PbxEvent.LegRinging x) {
            return "LegRinging " + x.legId();
        } else if (e instanceof PbxEvent.LegAnswered x) {
            return "LegAnswered " + x.legId();
        } else if (e instanceof PbxEvent.LegBridged x) {
            return "LegBridged " + x.legId() + " " + x.bridgeId();
        } else if (e instanceof PbxEvent.LegUnbridged x) {
            return "LegUnbridged " + x.legId() + " " + x.bridgeId();
        } else if (e instanceof PbxEvent.LegHungUp x) {
            return "LegHungUp " + x.legId() + " " + x.cause() + " " + x.causeText();
        } else if (e instanceof PbxEvent.CallHandedOff x) {
            return "CallHandedOff " + x.legId();
        } else if (e instanceof PbxEvent.OriginateFailed x) {
            return "OriginateFailed " + x.legId() + " " + x.outcome();
        } else if (e instanceof PbxEvent.DtmfReceived x) {
            return "DtmfReceived " + x.legId() + " " + x.digit();
        }
        return e.getClass().getSimpleName();
    }

    List<String> callEvents() {
        return events.stream().filter(e -> !(e instanceof PbxEvent.PbxConnected || e instanceof PbxEvent.PbxSynced
                || e instanceof PbxEvent.PbxDisconnected)).map(AmiHarness::brief).toList();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                onContext(() -> connection.stop()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
