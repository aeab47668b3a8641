package io.zuoxi.esl.connection;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.zuoxi.esl.codec.EslDecodeException;
import io.zuoxi.esl.codec.EslEvent;
import io.zuoxi.esl.codec.EslFrame;
import io.zuoxi.esl.codec.EslFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One inbound ESL connection to FreeSWITCH: connect, {@code auth}, subscribe, correlate replies,
 * reconnect with exponential back-off. Everything runs on the Vert.x context that called
 * {@link #start()}; listeners are called there too.
 *
 * <p>Correlation: FreeSWITCH answers every command on a connection in order (command/reply or
 * api/response), so one FIFO serves auth, event, api and bgapi. A request that times out stays in
 * the FIFO (marked) so that its late reply is matched and dropped instead of shifting every later
 * reply. {@code bgapi} results are matched by the {@code Job-UUID} header we supply (FreeSWITCH
 * echoes a client Job-UUID, fixture a) in the BACKGROUND_JOB event. Pending requests are bounded
 * ({@code maxPending}) and all fail at once with {@code pbx-disconnected} when the socket goes.
 *
 * <p>Auth: on {@code auth/request} we send {@code auth <password>}; {@code -ERR invalid} → state
 * auth-failed, one clear log line (never the password), and the next try waits the maximum
 * back-off. A malformed or oversized frame closes the socket (nothing after garbage can be framed
 * reliably); the reconnect and its resync repair what was lost.
 */
public final class EslConnection {

    /** Callbacks, on the connection's context. */
    public interface Listener {
        /** Authenticated and subscribed; {@code version} is FreeSWITCH's {@code api version} answer. */
        void connected(String version);

        void event(EslEvent event);

        void disconnected(String reason);

        /**
         * Whether events of this name are wanted at all; unwanted ones are counted and dropped
         * before their headers are parsed. BACKGROUND_JOB is always parsed (job matching).
         */
        default boolean wants(String eventName) {
            return true;
        }

        /** An event dropped because {@link #wants} said no. */
        default void skipped(String eventName) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EslConnection.class);

    private final Vertx vertx;
    private final EslConnectionOptions options;
    private final Listener listener;
    private final NetClient client;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Map<String, Job> jobs = new HashMap<>();

    private NetSocket socket;
    private EslFrameDecoder decoder;
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private java.time.Instant since = java.time.Instant.now();
    private boolean stopped;
    private boolean authenticated;
    private int attempt;
    private long reconnectTimer = -1;
    private String lastError = "";

    private long connects;
    private long framesReceived;
    private long eventsReceived;
    private long decodeFailures;
    private long requestsSent;
    private long timeouts;

    public EslConnection(Vertx vertx, EslConnectionOptions options, Listener listener) {
        this.vertx = vertx;
        this.options = options;
        this.listener = listener;
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
    }

    public void start() {
        stopped = false;
        connect();
    }

    public Future<Void> stop() {
        stopped = true;
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
        NetSocket s = socket;
        Future<Void> closed = s != null ? s.close().recover(t -> Future.succeededFuture()) : Future.succeededFuture();
        return closed.compose(v -> client.close());
    }

    public ConnectionState state() {
        return state;
    }

    /** When the state last changed. */
    public java.time.Instant since() {
        return since;
    }

    private void setState(ConnectionState next) {
        if (next != state) {
            state = next;
            since = java.time.Instant.now();
        }
    }

    /** {@code api <command>}; completes with the api/response body ({@code -ERR ...} fails with pbx-rejected). */
    public Future<String> api(String command) {
        return send("api " + command, null).map(EslFrame::bodyText).compose(EslConnection::checkOk);
    }

    /**
     * {@code bgapi <command>}: {@code accepted} completes when FreeSWITCH took the job,
     * {@code result} with the BACKGROUND_JOB body ({@code +OK ...}; {@code -ERR ...} fails it).
     * The result waits at most {@code resultTimeoutMs}.
     */
    public BackgroundJob bgapi(String command, long resultTimeoutMs) {
        String jobUuid = UUID.randomUUID().toString();
        Promise<String> result = Promise.promise();
        Future<EslFrame> reply = send("bgapi " + command + "\nJob-UUID: " + jobUuid, null);
        Future<String> accepted = reply.map(EslFrame::replyText).compose(EslConnection::checkOk);
        accepted.onSuccess(ok -> {
            long timer = vertx.setTimer(Math.max(1, resultTimeoutMs), id -> {
                Job job = jobs.remove(jobUuid);
                if (job != null) {
                    timeouts++;
                    job.result.tryFail(new EslRequestException("pbx-timeout", "no BACKGROUND_JOB for " + jobUuid));
                }
            });
            jobs.put(jobUuid, new Job(result, timer));
        }).onFailure(result::tryFail);
        return new BackgroundJob(jobUuid, accepted, result.future());
    }

    /** Accepted and result futures of one {@code bgapi}. */
    public record BackgroundJob(String jobUuid, Future<String> accepted, Future<String> result) {}

    public JsonObject counters() {
        return new JsonObject()
                .put("connects", connects)
                .put("framesReceived", framesReceived)
                .put("eventsReceived", eventsReceived)
                .put("decodeFailures", decodeFailures)
                .put("requestsSent", requestsSent)
                .put("requestTimeouts", timeouts)
                .put("pendingRequests", pending.size())
                .put("pendingJobs", jobs.size())
                .put("lastError", lastError);
    }

    private static Future<String> checkOk(String text) {
        if (text.startsWith("-ERR") || text.startsWith("-USAGE")) {
            return Future.failedFuture(new EslRequestException("pbx-rejected", text.trim()));
        }
        return Future.succeededFuture(text);
    }

    private void connect() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        if (state != ConnectionState.AUTH_FAILED) {
            setState(ConnectionState.CONNECTING);
        }
        client.connect(options.port(), options.host()).onComplete(ar -> {
            if (ar.failed()) {
                lastError = "connect: " + ar.cause().getMessage();
                LOG.warn("ESL connect to {}:{} failed: {}", options.host(), options.port(), ar.cause().getMessage());
                scheduleReconnect();
                return;
            }
            if (stopped) {
                ar.result().close();
                return;
            }
            attach(ar.result());
        });
    }

    private void attach(NetSocket s) {
        socket = s;
        authenticated = false;
        decoder = new EslFrameDecoder(options.maxHeaderBytes(), options.maxBodyBytes(), this::frame);
        s.handler(this::bytes);
        s.closeHandler(v -> closed(s));
        s.exceptionHandler(t -> lastError = "socket: " + t.getMessage());
        // a peer that accepts TCP but never says auth/request (wrong port, stuck FreeSWITCH) must not hang us
        vertx.setTimer(options.requestTimeoutMs() * 2, id -> {
            if (socket == s && state != ConnectionState.CONNECTED) {
                fail("no ESL handshake within " + options.requestTimeoutMs() * 2 + " ms");
            }
        });
    }

    private void bytes(Buffer chunk) {
        if (decoder == null) {
            return;
        }
        try {
            decoder.feed(chunk);
        } catch (EslDecodeException e) {
            decodeFailures++;
            fail("malformed ESL input: " + e.getMessage());
        }
    }

    /** Drops the connection after a protocol error; closed() does the rest. */
    private void fail(String reason) {
        lastError = reason;
        LOG.warn("ESL {}:{} closing: {}", options.host(), options.port(), reason);
        decoder = null;
        if (socket != null) {
            socket.close();
        }
    }

    private void frame(EslFrame frame) {
        framesReceived++;
        switch (frame.contentType()) {
            case EslFrame.AUTH_REQUEST -> authenticate();
            case EslFrame.COMMAND_REPLY, EslFrame.API_RESPONSE -> reply(frame);
            case EslFrame.EVENT_PLAIN, EslFrame.EVENT_JSON -> event(frame);
            case EslFrame.DISCONNECT_NOTICE -> lastError = "FreeSWITCH said goodbye";
            default -> LOG.debug("ignored ESL frame {}", frame.contentType());
        }
    }

    private void authenticate() {
        // bypasses send(): the password must not end up in any log or pending label
        Pending p = new Pending(Promise.promise(), "auth", -1);
        pending.addLast(p);
        socket.write(Buffer.buffer("auth " + options.password() + "\n\n", StandardCharsets.UTF_8.name()));
        p.promise.future().onComplete(ar -> {
            if (ar.succeeded() && ar.result().replyText().startsWith("+OK")) {
                authenticated = true;
                subscribe();
            } else {
                setState(ConnectionState.AUTH_FAILED);
                lastError = "auth-failed";
                LOG.error("ESL authentication to {}:{} refused (wrong password in the esl config?); retrying in {} ms",
                        options.host(), options.port(), options.reconnectMaxMs());
                if (socket != null) {
                    socket.close();
                }
            }
        });
    }

    private void subscribe() {
        send("event plain " + String.join(" ", options.events()), null)
                .map(EslFrame::replyText).compose(EslConnection::checkOk)
                .compose(ok -> api("version").recover(t -> Future.succeededFuture("")))
                .onSuccess(version -> {
                    setState(ConnectionState.CONNECTED);
                    attempt = 0;
                    connects++;
                    lastError = "";
                    LOG.info("ESL connected to {}:{} ({})", options.host(), options.port(), version.trim());
                    listener.connected(version.trim());
                })
                .onFailure(t -> fail("subscription failed: " + t.getMessage()));
    }

    private void reply(EslFrame frame) {
        Pending p = pending.pollFirst();
        if (p == null) {
            LOG.warn("ESL reply with nothing pending: {}", frame.replyText());
            return;
        }
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
        }
        p.promise.tryComplete(frame); // no-op when it already timed out
    }

    private void event(EslFrame frame) {
        String peeked = EslEvent.peekName(frame);
        if (peeked != null && !peeked.equals("BACKGROUND_JOB") && !listener.wants(peeked)) {
            eventsReceived++;
            listener.skipped(peeked);
            return;
        }
        EslEvent event;
        try {
            event = EslEvent.parse(frame);
        } catch (EslDecodeException e) {
            decodeFailures++;
            fail("malformed event: " + e.getMessage());
            return;
        }
        eventsReceived++;
        if ("BACKGROUND_JOB".equals(event.name())) {
            Job job = jobs.remove(event.header("Job-UUID", ""));
            if (job != null) {
                vertx.cancelTimer(job.timer);
                String body = event.body();
                if (body.startsWith("-ERR")) {
                    job.result.tryFail(new EslRequestException("pbx-rejected", body.trim()));
                } else {
                    job.result.tryComplete(body.trim());
                }
            }
        }
        listener.event(event);
    }

    private Future<EslFrame> send(String command, String label) {
        if (socket == null || !authenticated) {
            return Future.failedFuture(new EslRequestException("pbx-disconnected", "not connected to FreeSWITCH"));
        }
        if (pending.size() >= options.maxPending()) {
            return Future.failedFuture(new EslRequestException("pbx-overloaded",
                    pending.size() + " requests already pending"));
        }
        Promise<EslFrame> promise = Promise.promise();
        String what = label != null ? label : firstWords(command);
        long timer = vertx.setTimer(options.requestTimeoutMs(), id -> {
            timeouts++;
            promise.tryFail(new EslRequestException("pbx-timeout", "no reply to " + what + " within "
                    + options.requestTimeoutMs() + " ms"));
        });
        pending.addLast(new Pending(promise, what, timer));
        requestsSent++;
        socket.write(Buffer.buffer(command + "\n\n", StandardCharsets.UTF_8.name()));
        return promise.future();
    }

    private static String firstWords(String command) {
        int nl = command.indexOf('\n');
        String line = nl < 0 ? command : command.substring(0, nl);
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    private void closed(NetSocket s) {
        if (s != socket) {
            return;
        }
        socket = null;
        decoder = null;
        boolean wasUp = authenticated;
        authenticated = false;
        EslRequestException gone = new EslRequestException("pbx-disconnected", "connection to FreeSWITCH closed");
        while (!pending.isEmpty()) {
            Pending p = pending.pollFirst();
            if (p.timer >= 0) {
                vertx.cancelTimer(p.timer);
            }
            p.promise.tryFail(gone);
        }
        jobs.values().forEach(j -> {
            vertx.cancelTimer(j.timer);
            j.result.tryFail(gone);
        });
        jobs.clear();
        if (state != ConnectionState.AUTH_FAILED) {
            setState(ConnectionState.DISCONNECTED);
        }
        if (wasUp && stopped) {
            LOG.info("ESL connection to {}:{} closed (adapter stopping)", options.host(), options.port());
            listener.disconnected("adapter stopping");
        } else if (wasUp) {
            LOG.warn("ESL connection to {}:{} lost: {}", options.host(), options.port(),
                    lastError.isEmpty() ? "closed by peer" : lastError);
            listener.disconnected(lastError.isEmpty() ? "closed by peer" : lastError);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopped || reconnectTimer >= 0) {
            return;
        }
        long delay;
        if (state == ConnectionState.AUTH_FAILED) {
            delay = options.reconnectMaxMs();
        } else {
            delay = Math.min(options.reconnectMaxMs(), options.reconnectMinMs() << Math.min(attempt, 20));
            attempt++;
        }
        if (state != ConnectionState.AUTH_FAILED) {
            setState(ConnectionState.DISCONNECTED);
        }
        reconnectTimer = vertx.setTimer(Math.max(1, delay), id -> connect());
    }

    private record Pending(Promise<EslFrame> promise, String label, long timer) {}

    private record Job(Promise<String> result, long timer) {}
}
