package io.zuoxi.ami.connection;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.AmiConfig;
import io.zuoxi.ami.translate.AmiTranslator;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The life of one AMI connection: login (blocking in asterisk-java, so on a dedicated thread),
 * reconnect with exponential back-off, initial sync (CoreShowChannels + Getvar of the hand-off
 * variables) emitting {@link PbxEvent.PbxSynced}, bounded pending actions with timeouts, failed at
 * once on disconnect.
 *
 * <p>Threading: every field below is touched only on {@code context} (the verticle's), except the
 * inbox and the flags documented as cross-thread. asterisk-java callbacks (reader / pump / reconnect
 * threads) only offer to the bounded inbox or {@code runOnContext}; blocking library calls run on
 * {@code blocking}, a single thread per connection so actions keep their order on the wire.
 */
public final class AmiConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AmiConnection.class);
    private static final int INBOX_CAPACITY = 50_000;
    /** Global, epoch seconds: Zuoxi is alive (extensions_zuoxi.conf, ZUOXI_HEARTBEAT_MAX_AGE). */
    static final String HEARTBEAT_VAR = "ZUOXI_HEARTBEAT";
    /** Set on the caller right before Bridge (extensions_zuoxi.conf: the bridge ended, hang up). */
    static final String AGENT_LEG_VAR = "ZUOXI_AGENT_LEG";
    /** Read back after ZUOXI_STATE=waiting (extensions_zuoxi.conf) to re-queue a caller after a restart. */
    private static final String[] HANDOFF_VARS = {"ZUOXI_QUEUE", "ZUOXI_PRIORITY", "ZUOXI_DATA", "ZUOXI_WAIT_START",
        "ZUOXI_CALLED"};

    private final Vertx vertx;
    private final Context context;
    private final AmiConfig config;
    private final Consumer<PbxEvent> sink;
    private final Clock clock;
    private final AmiTranslator translator;
    private final ExecutorService blocking;

    /** Cross-thread: filled by asterisk-java's pump thread, drained on the context. */
    private final ArrayBlockingQueue<ManagerEvent> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean inboxOverflowed = new AtomicBoolean();

    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long nextToken;
    private long generation;
    private ZuoxiManagerConnection connection;
    private String state = "disconnected";
    private Instant since;
    private String version;
    private int failedAttempts;
    private long reconnectTimer = -1;
    private boolean stopped;
    private boolean syncing;
    private boolean syncAgain;
    private boolean lossPending;

    private long eventsReceived;
    private long commandsSent;
    private long commandsFailed;
    private long commandsTimedOut;
    private long reconnects;
    private long resyncs;
    private long heartbeats;
    /** What Asterisk answered to the last refused login ("Authentication failed", "Login Already In Use"). */
    private String lastLoginError;
    private long heartbeatFailures;
    private long heartbeatTimer = -1;
    private long dropDetections;
    private long connects;

    private record Pending(long timer, String originateActionId, Promise<CommandResult> promise) {}

    public AmiConnection(Vertx vertx, Context context, AmiConfig config, Consumer<PbxEvent> sink, Clock clock) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.translator = new AmiTranslator(config.id(), config.handoffEvent(), config.defaultQueue(), clock);
        this.blocking = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zuoxi-ami-" + config.id());
            t.setDaemon(true);
            return t;
        });
        this.since = clock.instant();
    }

    /** Starts connecting; must be called on the context. */
    public void start() {
        connect();
    }

    public Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(heartbeatTimer);
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
        }
        failAll("pbx-disconnected", "adapter stopping");
        ZuoxiManagerConnection c = connection;
        connection = null;
        generation++;
        Promise<Void> done = Promise.promise();
        try {
            blocking.execute(() -> {
                quietLogoff(c);
                done.complete();
            });
        } catch (RejectedExecutionException e) {
            done.complete();
        }
        return done.future().onComplete(x -> blocking.shutdownNow());
    }

    // ---------------------------------------------------------------- connection life

    private void connect() {
        if (stopped) {
            return;
        }
        reconnectTimer = -1;
        setState(failedAttempts > 0 && "auth-failed".equals(state) ? "auth-failed" : "connecting");
        long gen = ++generation;
        ZuoxiManagerConnection c = new ZuoxiManagerConnection(config.host(), config.port(), config.username(),
                config.secret(), config.handoffEvent(), config.fallbackEvent(), new ZuoxiManagerConnection.BacklogListener() {
                    @Override
                    public void backlogStarted() {
                        context.runOnContext(v -> onBacklogStarted(gen));
                    }

                    @Override
                    public void backlogDrained() {
                        context.runOnContext(v -> onBacklogDrained(gen));
                    }
                });
        c.setDefaultResponseTimeout(config.actionTimeoutMs());
        c.addEventListener(event -> onManagerEvent(gen, event));
        blocking.execute(() -> {
            try {
                c.login();
                String v = c.getVersion() == null ? null : c.getVersion().toString();
                context.runOnContext(x -> onLoggedIn(gen, c, v));
            } catch (AuthenticationFailedException e) {
                context.runOnContext(x -> onLoginFailed(gen, true, e.getMessage()));
            } catch (Exception e) {
                context.runOnContext(x -> onLoginFailed(gen, false, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    private void onLoggedIn(long gen, ZuoxiManagerConnection c, String v) {
        if (gen != generation || stopped) {
            blocking.execute(() -> quietLogoff(c));
            return;
        }
        connection = c;
        version = v;
        failedAttempts = 0;
        lastLoginError = null;
        connects++;
        if (connects > 1) {
            reconnects++;
        }
        setState("connected");
        LOG.info("AMI {} logged in to {}:{} (Asterisk {})", config.id(), config.host(), config.port(), v);
        sink.accept(new PbxEvent.PbxConnected(config.id(), clock.instant(), v));
        runSync();
        startHeartbeat(gen);
    }

    /**
     * The include's "is Zuoxi alive?" check (extensions_zuoxi.conf): global ZUOXI_HEARTBEAT = epoch seconds,
     * refreshed every {@code heartbeatSeconds} while connected. When Zuoxi is gone it grows stale and new
     * callers go to the fallback at once instead of waiting on music for nobody.
     */
    private void startHeartbeat(long gen) {
        if (config.heartbeatSeconds() <= 0) {
            return;
        }
        heartbeat(gen);
        heartbeatTimer = vertx.setPeriodic(config.heartbeatSeconds() * 1000L, t -> {
            if (gen != generation || stopped) {
                vertx.cancelTimer(t);
                return;
            }
            heartbeat(gen);
        });
    }

    private void heartbeat(long gen) {
        ZuoxiManagerConnection c = connection;
        if (c == null || gen != generation) {
            return;
        }
        String now = Long.toString(clock.instant().getEpochSecond());
        send(c, null, new SetVarAction(HEARTBEAT_VAR, now), null).onSuccess(r -> {
            if (r.ok()) {
                heartbeats++;
            } else {
                heartbeatFailures++;
                LOG.warn("AMI {}: cannot refresh {} ({} {}): callers may go to the fallback as if Zuoxi were down",
                        config.id(), HEARTBEAT_VAR, r.errorId(), r.message());
            }
        });
    }

    private void onLoginFailed(long gen, boolean auth, String why) {
        if (gen != generation || stopped) {
            return;
        }
        failedAttempts++;
        lastLoginError = why;
        long delay;
        if (auth) {
            // Wrong user/secret: retrying fast only fills Asterisk's security log; retry at the cap.
            delay = config.reconnectMaxMs();
            // Asterisk says why: "Authentication failed" (user, secret or permit/deny) or "Login Already In Use"
            // (allowmultiplelogin = no, and another client, e.g. a second Zuoxi, is logged in as this user)
            String hint = why != null && why.toLowerCase(java.util.Locale.ROOT).contains("already in use")
                    ? "another client is logged in as this user and manager.conf has allowmultiplelogin = no"
                    : "check username, secret and the user's permit/deny in manager.conf";
            LOG.error("AMI {} login to {}:{} as '{}' refused: {} ({}); retrying in {} ms", config.id(), config.host(),
                    config.port(), config.username(), why, hint, delay);
            setState("auth-failed");
        } else {
            delay = backoff();
            LOG.warn("AMI {} cannot connect to {}:{}: {}; retrying in {} ms", config.id(), config.host(),
                    config.port(), why, delay);
            setState("disconnected");
        }
        scheduleReconnect(delay);
    }

    private long backoff() {
        return backoff(failedAttempts, config.reconnectMinMs(), config.reconnectMaxMs());
    }

    /** Delay before attempt number {@code failedAttempts + 1}: min, 2·min, 4·min … capped at max. */
    static long backoff(int failedAttempts, long min, long max) {
        long d = min;
        for (int i = 1; i < failedAttempts && d < max; i++) {
            d *= 2;
        }
        return Math.min(d, max);
    }

    private void scheduleReconnect(long delay) {
        if (!stopped) {
            reconnectTimer = vertx.setTimer(delay, t -> connect());
        }
    }

    private void onDisconnected(long gen, String reason) {
        if (gen != generation || stopped || connection == null) {
            return;
        }
        ZuoxiManagerConnection c = connection;
        connection = null;
        generation++;
        vertx.cancelTimer(heartbeatTimer);
        // stop asterisk-java's own reconnect thread (it loops while the state is RECONNECTING)
        blocking.execute(() -> quietLogoff(c));
        failAll("pbx-disconnected", reason);
        // accepted originates whose OriginateResponse never came: their legs show up (or not) in the next sync
        translator.forgetAllOriginates();
        syncing = false;
        syncAgain = false;
        setState("disconnected");
        LOG.warn("AMI {} disconnected: {}", config.id(), reason);
        sink.accept(new PbxEvent.PbxDisconnected(config.id(), clock.instant(), reason));
        failedAttempts = 1;
        scheduleReconnect(config.reconnectMinMs());
    }

    private static void quietLogoff(ZuoxiManagerConnection c) {
        if (c == null) {
            return;
        }
        try {
            c.logoff();
        } catch (RuntimeException e) {
            // already disconnected: nothing to do
        }
    }

    // ---------------------------------------------------------------- events

    /** asterisk-java pump thread: offer and leave; never block, never translate here. */
    private void onManagerEvent(long gen, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            context.runOnContext(v -> onDisconnected(gen, "connection closed"));
            return;
        }
        if (event instanceof ConnectEvent) {
            return;
        }
        if (!inbox.offer(event)) {
            inboxOverflowed.set(true);
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain(gen));
        }
    }

    private void drain(long gen) {
        drainScheduled.set(false);
        ManagerEvent e;
        int n = 0;
        while ((e = inbox.poll()) != null) {
            n++;
            eventsReceived++;
            if (e instanceof ResponseEvent && gen == generation && e instanceof CoreShowChannelEvent) {
                continue; // sync list items are collected by the sync itself
            }
            try {
                for (PbxEvent pe : translator.translate(e)) {
                    sink.accept(pe);
                }
            } catch (RuntimeException ex) {
                LOG.warn("AMI {} could not translate {}: {}", config.id(), e.getClass().getSimpleName(), ex.toString());
            }
            if (n >= 1000 && !inbox.isEmpty()) {
                // yield the event loop; continue in a later turn
                if (drainScheduled.compareAndSet(false, true)) {
                    context.runOnContext(v -> drain(gen));
                }
                break;
            }
        }
        if (inboxOverflowed.getAndSet(false)) {
            dropDetections++;
            LOG.error("AMI {}: event hand-off queue overflowed ({} events); events lost, resyncing",
                    config.id(), INBOX_CAPACITY);
            runSync();
        }
    }

    /** The pump-backlog hook's entry on the context; package-private so a test can drive it. */
    void onPumpBacklog(long gen, boolean started) {
        if (started) {
            onBacklogStarted(gen);
        } else {
            onBacklogDrained(gen);
        }
    }

    long generation() {
        return generation;
    }

    private void onBacklogStarted(long gen) {
        if (gen != generation) {
            return;
        }
        dropDetections++;
        lossPending = true;
        LOG.error("AMI {}: asterisk-java's event pump is more than 500 events behind; it silently drops events "
                + "at 20000, so a resync follows once it has drained", config.id());
    }

    private void onBacklogDrained(long gen) {
        if (gen != generation || !lossPending) {
            return;
        }
        lossPending = false;
        runSync();
    }

    // ---------------------------------------------------------------- sync

    private void runSync() {
        ZuoxiManagerConnection c = connection;
        if (c == null) {
            return;
        }
        if (syncing) {
            syncAgain = true;
            return;
        }
        syncing = true;
        long gen = generation;
        String handoffContext = config.handoffContext();
        long timeout = config.actionTimeoutMs();
        blocking.execute(() -> {
            try {
                ResponseEvents r = c.sendEventGeneratingAction(new CoreShowChannelsAction(), timeout);
                List<CoreShowChannelEvent> channels = new ArrayList<>();
                for (ResponseEvent e : r.getEvents()) {
                    if (e instanceof CoreShowChannelEvent ch) {
                        channels.add(ch);
                    }
                }
                Map<String, PbxEvent.Handoff> handoffs = new HashMap<>();
                for (CoreShowChannelEvent ch : channels) {
                    String bridge = ch.getBridgeid();
                    if (handoffContext.equals(ch.getContext()) && ch.getUniqueid() != null
                            && (bridge == null || bridge.isEmpty())
                            && "waiting".equals(getvar(c, ch.getChannel(), "ZUOXI_STATE", timeout))
                            && getvar(c, ch.getChannel(), AGENT_LEG_VAR, timeout) == null) {
                        // only callers still waiting: not talking (a bridge, or the marker Zuoxi set before
                        // its Bridge: ZUOXI_STATE stays "waiting" for the whole conversation), and not in the
                        // fallback part of the context (ZUOXI_STATE=fallback)
                        String[] values = new String[HANDOFF_VARS.length];
                        for (int i = 0; i < HANDOFF_VARS.length; i++) {
                            values[i] = getvar(c, ch.getChannel(), HANDOFF_VARS[i], timeout);
                        }
                        String queue = values[0] == null || values[0].isBlank() ? config.defaultQueue() : values[0];
                        handoffs.put(ch.getUniqueid(), new PbxEvent.Handoff(queue, AmiTranslator.priority(values[1]),
                                AmiTranslator.attachedData(values[2]), AmiTranslator.epochSeconds(values[3]),
                                values[4]));
                    }
                }
                context.runOnContext(v -> onSynced(gen, channels, handoffs));
            } catch (Exception e) {
                context.runOnContext(v -> onSyncFailed(gen, e));
            }
        });
    }

    /** Getvar on the blocking thread; null when unset or the channel is gone. */
    private static String getvar(ZuoxiManagerConnection c, String channel, String variable, long timeout)
            throws Exception {
        ManagerResponse resp = c.sendAction(new GetVarAction(channel, variable), timeout);
        String value = resp instanceof ManagerError ? null : resp.getAttribute("Value");
        return value == null || value.isEmpty() ? null : value;
    }

    private void onSynced(long gen, List<CoreShowChannelEvent> channels, Map<String, PbxEvent.Handoff> handoffs) {
        if (gen != generation) {
            return;
        }
        syncing = false;
        resyncs++;
        sink.accept(translator.synced(channels, handoffs));
        if (syncAgain) {
            syncAgain = false;
            runSync();
        }
    }

    private void onSyncFailed(long gen, Exception e) {
        if (gen != generation) {
            return;
        }
        syncing = false;
        LOG.warn("AMI {} sync failed: {}; retrying", config.id(), e.toString());
        // a failure while connected is retried once the connection proves alive; a disconnect resyncs anyway
        vertx.setTimer(config.reconnectMinMs(), t -> {
            if (gen == generation) {
                runSync();
            }
        });
    }

    // ---------------------------------------------------------------- commands

    public Future<CommandResult> execute(PbxCommand command) {
        ZuoxiManagerConnection c = connection;
        if (c == null) {
            return Future.succeededFuture(fail("pbx-disconnected", "not connected (" + state + ")"));
        }
        if (command instanceof PbxCommand.ResyncLegs) {
            runSync();
            return Future.succeededFuture(CommandResult.success("resync started"));
        }
        if (pending.size() >= config.maxPendingActions()) {
            return Future.succeededFuture(fail("pbx-overloaded", pending.size() + " actions pending"));
        }
        ManagerAction action;
        String originateActionId = null;
        if (command instanceof PbxCommand.OriginateLeg o) {
            OriginateAction a = translator.originate(o, config.agentContext());
            // asterisk-java sends "<internal>#<ours>" and strips the internal part again from the
            // OriginateResponse event, so our ActionID ties the response back to the leg id.
            originateActionId = "zuoxi-orig-" + o.legId();
            a.setActionId(originateActionId);
            translator.expectOriginate(originateActionId, o.legId());
            action = a;
        } else if (command instanceof PbxCommand.BridgeLegs b) {
            return bridge(c, b);
        } else if (command instanceof PbxCommand.HangupLeg h) {
            action = translator.hangup(h);
        } else if (command instanceof PbxCommand.SetLegVariable s) {
            action = translator.setVariable(s);
        } else {
            action = null;
        }
        if (action == null) {
            return Future.succeededFuture(fail("no-such-leg", "leg not known to this adapter"));
        }
        return send(c, command, action, originateActionId);
    }

    /**
     * The hand-off include's contract (ivr-dialplans/README.md): Setvar ZUOXI_AGENT_LEG on the caller right
     * before the Bridge, so that when the bridge ends the caller is hung up instead of falling through to
     * the fallback; cleared again if the Bridge fails, so the caller still reaches the fallback at its
     * maximum wait.
     */
    private Future<CommandResult> bridge(ZuoxiManagerConnection c, PbxCommand.BridgeLegs b) {
        ManagerAction bridge = translator.bridge(b);
        ManagerAction mark = translator.setVariable(new PbxCommand.SetLegVariable(b.pbx(), b.legA(), AGENT_LEG_VAR,
                b.legB()));
        if (bridge == null || mark == null) {
            return Future.succeededFuture(fail("no-such-leg", "leg not known to this adapter"));
        }
        return send(c, b, mark, null).compose(marked -> {
            if (!marked.ok()) {
                return Future.succeededFuture(marked);
            }
            return send(c, b, bridge, null).compose(bridged -> {
                if (bridged.ok()) {
                    return Future.succeededFuture(bridged);
                }
                ManagerAction clear = translator.setVariable(new PbxCommand.SetLegVariable(b.pbx(), b.legA(),
                        AGENT_LEG_VAR, ""));
                return (clear == null ? Future.succeededFuture(bridged) : send(c, b, clear, null)).map(x -> bridged);
            });
        });
    }

    /** Sends one action with a timeout, counted among the pending ones. */
    private Future<CommandResult> send(ZuoxiManagerConnection c, PbxCommand command, ManagerAction action,
                                       String originateActionId) {
        if (pending.size() >= config.maxPendingActions()) {
            return Future.succeededFuture(fail("pbx-overloaded", pending.size() + " actions pending"));
        }
        long token = ++nextToken;
        Promise<CommandResult> promise = Promise.promise();
        long timer = vertx.setTimer(config.actionTimeoutMs(), t -> {
            Pending p = pending.remove(token);
            if (p != null) {
                commandsTimedOut++;
                forgetOriginate(p);
                p.promise().tryComplete(fail("pbx-timeout", "no response within " + config.actionTimeoutMs() + " ms"));
            }
        });
        pending.put(token, new Pending(timer, originateActionId, promise));
        commandsSent++;
        ManagerAction toSend = action;
        blocking.execute(() -> {
            try {
                c.sendAction(toSend, response -> context.runOnContext(v -> onResponse(token, command, response)));
            } catch (Exception e) {
                context.runOnContext(v -> complete(token, fail("pbx-disconnected", e.toString())));
            }
        });
        return promise.future();
    }

    private void onResponse(long token, PbxCommand command, ManagerResponse response) {
        if (response instanceof ManagerError && command instanceof PbxCommand.HangupLeg
                && "No such channel".equalsIgnoreCase(String.valueOf(response.getMessage()).trim())) {
            // manager.c action_hangup: the channel is already gone (typically hung up by its bridge partner)
            complete(token, fail("no-such-leg", response.getMessage()));
        } else if (response instanceof ManagerError) {
            complete(token, fail("pbx-rejected", response.getMessage()));
        } else {
            complete(token, CommandResult.success(response.getMessage()));
        }
    }

    private void complete(long token, CommandResult result) {
        Pending p = pending.remove(token);
        if (p == null) {
            return; // timed out or failed on disconnect already
        }
        vertx.cancelTimer(p.timer());
        if (!result.ok()) {
            forgetOriginate(p);
        }
        p.promise().tryComplete(result);
    }

    private void forgetOriginate(Pending p) {
        if (p.originateActionId() != null) {
            translator.forgetOriginate(p.originateActionId());
        }
    }

    private CommandResult fail(String id, String message) {
        commandsFailed++;
        return CommandResult.failure(id, message);
    }

    private void failAll(String id, String reason) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            vertx.cancelTimer(p.timer());
            forgetOriginate(p);
            p.promise().tryComplete(fail(id, reason));
        }
    }

    /**
     * Ties an OriginateResponse with this ActionID to {@code legId}. Used by replay tests of real
     * transcripts (whose ActionIDs the capture client chose); on the context only.
     */
    public void expectOriginate(String actionId, String legId) {
        translator.expectOriginate(actionId, legId);
    }

    // ---------------------------------------------------------------- status

    private void setState(String s) {
        if (!s.equals(state)) {
            state = s;
            since = clock.instant();
        }
    }

    public String state() {
        return state;
    }

    /** Status JSON for {@code zuoxi.pbx.status.<id>}; never contains the secret. */
    public JsonObject status() {
        JsonObject unknown = new JsonObject();
        translator.ignoredCounts().forEach(unknown::put);
        return new JsonObject()
                .put("pbx", config.id())
                .put("state", state)
                .put("since", since.toString())
                .put("host", config.host())
                .put("port", config.port())
                .put("asteriskVersion", version)
                .put("lastLoginError", lastLoginError)
                .put("counters", new JsonObject()
                        .put("eventsReceived", eventsReceived)
                        .put("translated", translator.translatedCount())
                        .put("untranslatedByName", unknown)
                        .put("commandsSent", commandsSent)
                        .put("commandsFailed", commandsFailed)
                        .put("commandsTimedOut", commandsTimedOut)
                        .put("pendingActions", pending.size())
                        .put("reconnects", reconnects)
                        .put("resyncs", resyncs)
                        .put("droppedEventDetections", dropDetections)
                        .put("heartbeats", heartbeats)
                        .put("heartbeatFailures", heartbeatFailures));
    }
}
