package io.zuoxi.esl;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.esl.codec.EslEvent;
import io.zuoxi.esl.connection.EslConnection;
import io.zuoxi.esl.connection.EslConnectionOptions;
import io.zuoxi.esl.connection.EslRequestException;
import io.zuoxi.esl.connection.Resync;
import io.zuoxi.esl.translate.EslCommands;
import io.zuoxi.esl.translate.EslEventTranslator;
import io.zuoxi.esl.translate.EslRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Thin wiring for one FreeSWITCH: the ESL connection, the translator and the bus. Same bus
 * contract as the AMI adapter: publishes {@link PbxEvent}s on {@link Addresses#PBX_EVENTS},
 * answers {@link PbxCommand}s on {@link Addresses#pbxCommands(String)} with a
 * {@link CommandResult}, and its status JSON on {@link Addresses#pbxStatus(String)}.
 */
public final class EslAdapterVerticle extends VerticleBase {

    /**
     * What Zuoxi subscribes to, nothing more: the leg life cycle, DTMF, bgapi results and the
     * hand-off event. CHANNEL_HANGUP_COMPLETE (not CHANNEL_HANGUP) because it is the last event of
     * a leg and carries the final cause; CHANNEL_STATE/CALLSTATE/EXECUTE/CODEC — over 60 % of the
     * recorded traffic — carry nothing the engines use.
     */
    public static List<String> subscribedEvents(String handoffSubclass, String fallbackSubclass) {
        return List.of("CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER",
                "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_HANGUP_COMPLETE", "DTMF", "BACKGROUND_JOB",
                "CUSTOM", handoffSubclass, fallbackSubclass);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EslAdapterVerticle.class);

    private final EslConfig config;
    private final Clock clock;
    private EslConnection connection;
    private EslEventTranslator translator;
    private MessageConsumer<JsonObject> commands;
    private MessageConsumer<Object> status;
    private long published;
    private String pbxVersion = "";
    private long commandsOk;
    private long commandsFailed;
    private long resyncs;
    private long resyncFailures;
    private long heartbeats;
    private long heartbeatFailures;
    private long heartbeatTimer = -1;

    public EslAdapterVerticle(EslConfig config) {
        this(config, Clock.systemUTC());
    }

    public EslAdapterVerticle(EslConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        translator = new EslEventTranslator(config.id(), config.handoffSubclass(), config.fallbackSubclass(),
                config.defaultQueue(), clock);
        connection = new EslConnection(vertx, new EslConnectionOptions(config.host(), config.port(), config.password(),
                subscribedEvents(config.handoffSubclass(), config.fallbackSubclass()), config.reconnectMinMs(), config.reconnectMaxMs(),
                config.requestTimeoutMs(), config.maxPending(), config.maxHeaderBytes(), config.maxBodyBytes()),
                new EslConnection.Listener() {
                    @Override
                    public void connected(String version) {
                        pbxVersion = version;
                        publish(new PbxEvent.PbxConnected(config.id(), clock.instant(), version));
                        resync();
                        startHeartbeat();
                    }

                    @Override
                    public void event(EslEvent event) {
                        for (PbxEvent e : translator.translate(event)) {
                            publish(e);
                        }
                    }

                    @Override
                    public boolean wants(String eventName) {
                        return translator.handles(eventName);
                    }

                    @Override
                    public void skipped(String eventName) {
                        translator.skipped(eventName);
                    }

                    @Override
                    public void disconnected(String reason) {
                        vertx.cancelTimer(heartbeatTimer);
                        publish(new PbxEvent.PbxDisconnected(config.id(), clock.instant(), reason));
                    }
                });
        commands = vertx.eventBus().consumer(Addresses.pbxCommands(config.id()), this::command);
        status = vertx.eventBus().consumer(Addresses.pbxStatus(config.id()), m -> m.reply(status()));
        connection.start();
        return Future.all(commands.completion(), status.completion());
    }

    /**
     * The include's "is Zuoxi alive?" check (zuoxi_handoff.xml): global zuoxi_heartbeat = epoch seconds,
     * refreshed every {@code heartbeatSeconds} while connected; when it grows older than
     * zuoxi_heartbeat_max_age new callers go to the fallback at once.
     */
    private void startHeartbeat() {
        vertx.cancelTimer(heartbeatTimer);
        if (config.heartbeatSeconds() <= 0) {
            return;
        }
        heartbeat();
        heartbeatTimer = vertx.setPeriodic(config.heartbeatSeconds() * 1000L, t -> heartbeat());
    }

    private void heartbeat() {
        connection.api("global_setvar zuoxi_heartbeat=" + clock.instant().getEpochSecond()).onComplete(ar -> {
            if (ar.succeeded()) {
                heartbeats++;
            } else {
                heartbeatFailures++;
                LOG.warn("ESL {}: cannot refresh zuoxi_heartbeat ({}): callers may go to the fallback as if Zuoxi "
                        + "were down", config.id(), ar.cause().getMessage());
            }
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        Future<Void> a = commands != null ? commands.unregister() : Future.succeededFuture();
        Future<Void> b = status != null ? status.unregister() : Future.succeededFuture();
        Future<Void> c = connection != null ? connection.stop() : Future.succeededFuture();
        return Future.all(a, b, c);
    }

    private void publish(PbxEvent event) {
        published++;
        vertx.eventBus().publish(Addresses.PBX_EVENTS, BusJson.encode(event));
    }

    private void resync() {
        resyncs++;
        Resync.run(config.id(), connection::api, clock, config.defaultQueue())
                .onSuccess(this::publish)
                .onFailure(t -> {
                    resyncFailures++;
                    LOG.warn("ESL resync of {} failed: {}", config.id(), t.getMessage());
                });
    }

    private void command(Message<JsonObject> message) {
        PbxCommand command;
        try {
            command = BusJson.decode(message.body(), PbxCommand.class);
        } catch (IllegalArgumentException | NullPointerException e) {
            reply(message, CommandResult.failure("bad-command", e.getMessage()));
            return;
        }
        if (!config.id().equals(command.pbx())) {
            reply(message, CommandResult.failure("no-such-pbx", "this adapter is " + config.id()));
            return;
        }
        Future<String> done;
        if (command instanceof PbxCommand.ResyncLegs) {
            resyncs++;
            done = Resync.run(config.id(), connection::api, clock, config.defaultQueue())
                    .map(synced -> {
                        publish(synced);
                        return synced.legs().size() + " legs";
                    });
        } else {
            EslRequest request;
            try {
                request = EslCommands.toEsl(command);
            } catch (IllegalArgumentException e) {
                reply(message, CommandResult.failure("bad-command", e.getMessage()));
                return;
            }
            if (request.background()) {
                long ring = command instanceof PbxCommand.OriginateLeg o ? o.ringTimeout().toMillis() : 0;
                EslConnection.BackgroundJob job = connection.bgapi(request.command(),
                        ring + config.originateResultTimeoutMs());
                // the outcome arrives as channel events / OriginateFailed; log only what nobody else sees
                job.result().onFailure(t -> {
                    if (t instanceof EslRequestException e && e.errorId().equals("pbx-timeout")) {
                        LOG.warn("ESL job {} ({}) never reported a result", job.jobUuid(), commandName(command));
                    }
                });
                done = job.accepted();
            } else {
                done = connection.api(request.command());
            }
        }
        done.onComplete(ar -> {
            if (ar.succeeded()) {
                commandsOk++;
                reply(message, CommandResult.success(ar.result().trim()));
            } else {
                Throwable t = ar.cause();
                String id = t instanceof EslRequestException e ? e.errorId() : "pbx-rejected";
                if (command instanceof PbxCommand.HangupLeg && "pbx-rejected".equals(id)
                        && String.valueOf(t.getMessage()).contains("No such channel")) {
                    // uuid_kill of a leg that is already gone: "-ERR No such channel!" (mod_commands.c)
                    id = "no-such-leg";
                } else {
                    commandsFailed++;
                }
                reply(message, CommandResult.failure(id, t.getMessage()));
            }
        });
    }

    private static String commandName(PbxCommand command) {
        return command.getClass().getSimpleName();
    }

    private static void reply(Message<JsonObject> message, CommandResult result) {
        message.reply(BusJson.encode(result));
    }

    private JsonObject status() {
        JsonObject counters = connection.counters()
                .put("eventsPublished", published)
                .put("pbxEventsTranslated", translator.translatedCount())
                .put("eslEventsIgnored", translator.ignoredCount())
                .put("commandsOk", commandsOk)
                .put("commandsFailed", commandsFailed)
                .put("resyncs", resyncs)
                .put("heartbeats", heartbeats)
                .put("heartbeatFailures", heartbeatFailures)
                .put("resyncFailures", resyncFailures);
        JsonObject untranslated = new JsonObject();
        translator.ignoredByName().forEach(untranslated::put);
        counters.put("untranslatedByName", untranslated);
        // same top-level keys as the AMI adapter's status, plus "type"
        return new JsonObject()
                .put("pbx", config.id())
                .put("id", config.id())
                .put("type", "freeswitch")
                .put("state", connection.state().wire())
                .put("since", connection.since().toString())
                .put("host", config.host())
                .put("port", config.port())
                .put("freeswitchVersion", pbxVersion)
                .put("counters", counters);
    }
}
