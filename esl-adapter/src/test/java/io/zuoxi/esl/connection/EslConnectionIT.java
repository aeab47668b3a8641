package io.zuoxi.esl.connection;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.zuoxi.esl.codec.EslEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request correlation against a scripted ESL server that answers only what the test tells it to:
 * timeouts, late replies, bounded pending, disconnect with requests in flight, bgapi by Job-UUID.
 */
class EslConnectionIT {

    private Vertx vertx;
    /** One context for the connection and every call into it, as the verticle would have. */
    private io.vertx.core.Context context;
    private NetServer server;
    private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> lifecycle = new CopyOnWriteArrayList<>();
    private EslConnection connection;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        server = vertx.createNetServer().connectHandler(s -> {
            sockets.add(s);
            StringBuilder buf = new StringBuilder();
            s.handler(b -> {
                buf.append(b.toString(StandardCharsets.UTF_8));
                int end;
                while ((end = buf.indexOf("\n\n")) >= 0) {
                    String cmd = buf.substring(0, end);
                    buf.delete(0, end + 2);
                    received.add(cmd);
                    // the handshake is answered; everything else waits for the test
                    if (cmd.startsWith("auth ") || cmd.startsWith("event plain")) {
                        s.write("Content-Type: command/reply\nReply-Text: +OK\n\n");
                    } else if (cmd.equals("api version")) {
                        apiResponse(s, "FreeSWITCH Version test");
                    }
                }
            });
            s.write("Content-Type: auth/request\n\n");
        });
        await(server.listen(0, "127.0.0.1"));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    private void connect(int maxPending) throws Exception {
        EslConnectionOptions options = new EslConnectionOptions("127.0.0.1", server.actualPort(), "pw",
                List.of("CHANNEL_CREATE", "BACKGROUND_JOB"), 50, 200, 500, maxPending, 4096, 65536);
        Promise<Void> up = Promise.promise();
        context.runOnContext(v -> {
            connection = new EslConnection(vertx, options, new EslConnection.Listener() {
                @Override
                public void connected(String version) {
                    lifecycle.add("connected " + version);
                    up.tryComplete();
                }

                @Override
                public void event(EslEvent event) {
                    lifecycle.add("event " + event.name());
                }

                @Override
                public void disconnected(String reason) {
                    lifecycle.add("disconnected");
                }
            });
            connection.start();
        });
        await(up.future());
        assertThat(received).contains("auth pw", "event plain CHANNEL_CREATE BACKGROUND_JOB");
    }

    @Test
    void aTimedOutRequestKeepsItsPlaceSoLaterRepliesStillMatch() throws Exception {
        connect(10);
        Future<String> first = onContext(() -> connection.api("status"));
        assertThatThrownBy(() -> await(first)).hasRootCauseMessage("no reply to api status within 500 ms");
        Future<String> second = onContext(() -> connection.api("hostname"));
        waitFor(() -> received.contains("api hostname"));

        apiResponse(sockets.get(0), "UP late");     // belongs to the timed-out 'status'
        apiResponse(sockets.get(0), "vm");

        assertThat(await(second)).isEqualTo("vm");
    }

    @Test
    void pendingRequestsAreBoundedAndAllFailAtOnceOnDisconnect() throws Exception {
        connect(2);
        Future<String> a = onContext(() -> connection.api("a"));
        Future<String> b = onContext(() -> connection.api("b"));
        Future<String> c = onContext(() -> connection.api("c"));
        assertThat(cause(c).errorId()).isEqualTo("pbx-overloaded");

        sockets.get(0).close();

        assertThat(cause(a).errorId()).isEqualTo("pbx-disconnected");
        assertThat(cause(b).errorId()).isEqualTo("pbx-disconnected");
        waitFor(() -> lifecycle.contains("disconnected") && sockets.size() == 2);
        waitFor(() -> lifecycle.stream().filter(l -> l.startsWith("connected")).count() == 2);
    }

    @Test
    void bgapiResultIsMatchedByJobUuidAndErrIsARejection() throws Exception {
        connect(10);
        EslConnection.BackgroundJob ok = onContextSync(() -> connection.bgapi("originate x", 5000));
        EslConnection.BackgroundJob bad = onContextSync(() -> connection.bgapi("originate y", 5000));
        waitFor(() -> received.stream().filter(r -> r.startsWith("bgapi")).count() == 2);
        assertThat(received).anyMatch(r -> r.equals("bgapi originate x\nJob-UUID: " + ok.jobUuid()));
        NetSocket s = sockets.get(0);
        s.write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + ok.jobUuid() + "\n\n");
        s.write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + bad.jobUuid() + "\n\n");
        await(ok.accepted());
        await(bad.accepted());

        backgroundJob(s, bad.jobUuid(), "-ERR USER_BUSY\n");
        backgroundJob(s, ok.jobUuid(), "+OK 1234\n");

        assertThat(await(ok.result())).isEqualTo("+OK 1234");
        assertThat(cause(bad.result()).errorId()).isEqualTo("pbx-rejected");
        waitFor(() -> lifecycle.stream().filter(l -> l.equals("event BACKGROUND_JOB")).count() == 2);
    }

    @Test
    void oversizedFrameClosesTheConnectionAndItComesBack() throws Exception {
        connect(10);
        sockets.get(0).write("Content-Type: api/response\nContent-Length: 999999\n\n");
        waitFor(() -> lifecycle.contains("disconnected"));
        waitFor(() -> lifecycle.stream().filter(l -> l.startsWith("connected")).count() == 2);
        assertThat(onContextSync(() -> connection.counters()).getLong("decodeFailures")).isEqualTo(1);
    }

    private static void backgroundJob(NetSocket s, String job, String result) {
        String inner = "Event-Name: BACKGROUND_JOB\nJob-UUID: " + job + "\nJob-Command: originate\nContent-Length: "
                + result.length() + "\n\n" + result;
        s.write("Content-Length: " + inner.length() + "\nContent-Type: text/event-plain\n\n" + inner);
    }

    private static void apiResponse(NetSocket s, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        s.write("Content-Type: api/response\nContent-Length: " + b.length + "\n\n" + body);
    }

    private static EslRequestException cause(Future<?> f) throws Exception {
        try {
            await(f);
        } catch (ExecutionException e) {
            return (EslRequestException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> call) throws Exception {
        Promise<Future<T>> p = Promise.promise();
        context.runOnContext(v -> p.complete(call.get()));
        return await(p.future());
    }

    private <T> T onContextSync(java.util.function.Supplier<T> call) throws Exception {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> p.complete(call.get()));
        return await(p.future());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
