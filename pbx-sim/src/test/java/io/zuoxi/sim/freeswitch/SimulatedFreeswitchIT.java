package io.zuoxi.sim.freeswitch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated event socket seen by a raw TCP client: frame shapes and replies as in the transcripts. */
class SimulatedFreeswitchIT {

    private Vertx vertx;
    private SimulatedFreeswitch sim;
    private NetSocket socket;
    private io.vertx.core.net.NetClient netClient;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** headers of the outer block, body text; for events, inner = the event's own headers (decoded). */
    record Frame(Map<String, String> headers, String body) {
        String type() {
            return headers.getOrDefault("Content-Type", "");
        }

        Map<String, String> event() {
            Map<String, String> e = new LinkedHashMap<>();
            for (String line : body.split("\n")) {
                int c = line.indexOf(": ");
                if (c > 0) {
                    e.put(line.substring(0, c), java.net.URLDecoder.decode(line.substring(c + 2), StandardCharsets.UTF_8));
                }
                if (line.isEmpty()) {
                    break;
                }
            }
            return e;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        sim = new SimulatedFreeswitch(vertx, SimulatedFreeswitchConfig.defaults("pw-123"));
        await(sim.start());
        // handlers must be in place before the first read: install them on the socket's own event loop
        io.vertx.core.Promise<NetSocket> connected = io.vertx.core.Promise.promise();
        netClient = vertx.createNetClient(); // a field: Vert.x 5 closes a client that is garbage collected
        vertx.getOrCreateContext().runOnContext(x -> netClient.connect(sim.port(), "127.0.0.1")
                .onSuccess(s -> {
            Buffer[] acc = {Buffer.buffer()};
            s.handler(b -> {
                acc[0].appendBuffer(b);
                while (true) {
                    byte[] all = acc[0].getBytes();
                    String text = new String(all, StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\n\n");
                    if (end < 0) {
                        return;
                    }
                    Map<String, String> h = new LinkedHashMap<>();
                    for (String line : text.substring(0, end).split("\n")) {
                        h.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
                    }
                    int len = Integer.parseInt(h.getOrDefault("Content-Length", "0"));
                    if (all.length < end + 2 + len) {
                        return;
                    }
                    frames.add(new Frame(h, new String(all, end + 2, len, StandardCharsets.UTF_8)));
                    acc[0] = acc[0].getBuffer(end + 2 + len, all.length);
                }
            });
            s.closeHandler(v -> closed = true);
                })
                .onComplete(connected));
        socket = await(connected.future());
        waitForFrame(f -> f.type().equals("auth/request"));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    @Test
    void commandsBeforeAuthAreRefusedAndTheSocketStaysOpen() throws Exception {
        send("api status");
        assertThat(waitForFrame(f -> f.type().equals("command/reply")).headers())
                .containsEntry("Reply-Text", "-ERR command not found");
        assertThat(closed).isFalse();
        assertThat(sim.loggedInClients()).isZero();
    }

    @Test
    void wrongPasswordGetsErrInvalidADisconnectNoticeAndClose() throws Exception {
        send("auth nope");
        assertThat(waitForFrame(f -> f.type().equals("command/reply")).headers()).containsEntry("Reply-Text", "-ERR invalid");
        assertThat(waitForFrame(f -> f.type().equals("text/disconnect-notice")).body()).startsWith("Disconnected, goodbye.");
        waitUntil(() -> closed);
    }

    @Test
    void handOffOriginateBridgeAndHangupAsPlainEvents() throws Exception {
        login();
        send("event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP_COMPLETE "
                + "BACKGROUND_JOB CUSTOM zuoxi::call_waiting");
        assertThat(waitForFrame(f -> "+OK event listener enabled plain".equals(f.headers().get("Reply-Text")))).isNotNull();

        String caller = sim.placeInboundCall(new SimulatedPbx.InboundCall("13800138000", "张伟", "4008", "support", 2,
                Map.of("order", "A&B")));
        Map<String, String> handoff = waitForEvent("CUSTOM").event();
        assertThat(handoff).containsEntry("Event-Subclass", "zuoxi::call_waiting").containsEntry("Unique-ID", caller)
                .containsEntry("zuoxi_queue", "support").containsEntry("zuoxi_priority", "2")
                .containsEntry("zuoxi_data", "order=A%26B").containsEntry("Caller-Caller-ID-Name", "张伟");

        send("bgapi originate {origination_uuid=agent-1,originate_timeout=5,origination_caller_id_name='Zhang Wei'}"
                + "user/1001 &park()\nJob-UUID: job-1");
        assertThat(waitForFrame(f -> "job-1".equals(f.headers().get("Job-UUID"))).headers())
                .containsEntry("Reply-Text", "+OK Job-UUID: job-1");
        Frame job = waitForEvent("BACKGROUND_JOB");
        assertThat(job.body()).endsWith("\n\n+OK agent-1\n");
        assertThat(job.event()).containsEntry("Job-Command", "originate")
                .containsEntry("Job-Command-Arg", "{origination_uuid=agent-1,originate_timeout=5,"
                        + "origination_caller_id_name='Zhang Wei'}user/1001 &park()");

        send("api uuid_bridge " + caller + " agent-1");
        assertThat(waitForFrame(f -> f.type().equals("api/response") && f.body().startsWith("+OK")).body())
                .isEqualTo("+OK agent-1\n");
        assertThat(waitForEvent("CHANNEL_BRIDGE").event()).containsEntry("Bridge-A-Unique-ID", caller)
                .containsEntry("Bridge-B-Unique-ID", "agent-1");

        send("api uuid_kill agent-1");
        waitUntil(() -> sim.liveLegs().isEmpty());
        waitForEvent("CHANNEL_UNBRIDGE");
        waitForFrame(f -> f.type().equals("text/event-plain") && caller.equals(f.event().get("Unique-ID"))
                && "CHANNEL_HANGUP_COMPLETE".equals(f.event().get("Event-Name")));
        List<String> tail = frames.stream().filter(f -> f.type().equals("text/event-plain"))
                .map(f -> f.event().get("Event-Name") + " " + f.event().get("Unique-ID"))
                .filter(s -> s.startsWith("CHANNEL_HANGUP") || s.startsWith("CHANNEL_UNBRIDGE")).toList();
        assertThat(tail).containsExactly("CHANNEL_HANGUP_COMPLETE agent-1", "CHANNEL_UNBRIDGE " + caller,
                "CHANNEL_HANGUP_COMPLETE " + caller);
    }

    @Test
    void busyAndNoAnswerPhonesFailTheJob() throws Exception {
        login();
        send("event json BACKGROUND_JOB");
        sim.setPhone("user/1002", PhoneBehaviour.busy());
        sim.setPhone("user/1003", PhoneBehaviour.noAnswer());
        send("bgapi originate {origination_uuid=b}user/1002 &park()");
        send("bgapi originate {origination_uuid=n,originate_timeout=1}user/1003 &park()");
        waitUntil(() -> frames.stream().filter(f -> f.type().equals("text/event-json")).count() == 2);
        assertThat(frames.stream().filter(f -> f.type().equals("text/event-json")).map(Frame::body).toList())
                .anySatisfy(b -> assertThat(b).contains("\"_body\":\"-ERR USER_BUSY\\n\""))
                .anySatisfy(b -> assertThat(b).contains("\"_body\":\"-ERR NO_ANSWER\\n\""));
    }

    @Test
    void apiVariablesChannelListAndGarbage() throws Exception {
        login();
        String caller = sim.placeInboundCall(new SimulatedPbx.InboundCall("1", "", "2", "sales", 0, Map.of()));
        send("api uuid_getvar " + caller + " zuoxi_queue");
        assertThat(waitForFrame(f -> f.type().equals("api/response")).body()).isEqualTo("sales");
        frames.clear();
        send("api show channels as json");
        assertThat(waitForFrame(f -> f.type().equals("api/response")).body()).contains("\"row_count\":1", caller);
        frames.clear();
        send("api uuid_kill nosuch");
        assertThat(waitForFrame(f -> f.type().equals("api/response")).body()).startsWith("-ERR");
        frames.clear();
        socket.write(Buffer.buffer(new byte[] {0, (byte) 0xff, ' ', 'x', '\n', '\n'}));
        assertThat(waitForFrame(f -> f.type().equals("command/reply")).headers())
                .containsEntry("Reply-Text", "-ERR command parse error.");
        waitUntil(() -> closed);
        assertThat(sim.liveLegs()).containsExactly(caller);
    }

    private void login() throws Exception {
        send("auth pw-123");
        waitForFrame(f -> "+OK accepted".equals(f.headers().get("Reply-Text")));
        waitUntil(() -> sim.loggedInClients() == 1);
    }

    private void send(String command) throws Exception {
        await(socket.write(command + "\n\n"));
    }

    private Frame waitForEvent(String name) throws InterruptedException {
        return waitForFrame(f -> f.type().equals("text/event-plain") && name.equals(f.event().get("Event-Name")));
    }

    private Frame waitForFrame(Predicate<Frame> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Frame f : frames) {
                if (p.test(f)) {
                    return f;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such frame within 10 s; got " + frames);
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
