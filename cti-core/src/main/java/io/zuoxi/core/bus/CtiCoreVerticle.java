package io.zuoxi.core.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.agent.AgentCommand;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.clock.TimerPort;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxGateway;
import io.zuoxi.core.queue.QueueDefinition;
import io.zuoxi.core.queue.QueueSnapshot;
import io.zuoxi.core.routing.Acd;
import io.zuoxi.core.routing.CoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Thin wiring: owns the engines on this verticle's single context and connects them to the event
 * bus (addresses: {@code docs/event-bus.md}). Everything the engines see happens on this context.
 */
public final class CtiCoreVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(CtiCoreVerticle.class);

    private final CoreConfig config;
    private final Clock clock;
    private Acd acd;
    private long badMessages;

    public CtiCoreVerticle(CoreConfig config) {
        this(config, Clock.systemDefaultZone());
    }

    public CtiCoreVerticle(CoreConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        Context ctx = context;
        TimerPort timer = (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
            return () -> vertx.cancelTimer(id);
        };
        acd = new Acd(clock, timer, new BusGateway(), new BusPublisher());
        acd.defineQueues(config.queues());
        var bus = vertx.eventBus();
        List<Future<Void>> registered = new ArrayList<>();
        registered.add(bus.<JsonObject>consumer(Addresses.PBX_EVENTS, this::onPbxEvent).completion());
        registered.add(bus.<JsonObject>consumer(Addresses.AGENT_COMMAND, this::onAgentCommand).completion());
        registered.add(bus.<JsonObject>consumer(Addresses.QUEUE_DEFINE, this::onQueueDefine).completion());
        registered.add(bus.<Object>consumer(Addresses.CORE_SNAPSHOT, m -> m.reply(snapshot())).completion());
        log.info("cti-core started on context {}", ctx);
        return Future.all(registered);
    }

    private JsonObject snapshot() {
        JsonObject s = new JsonObject(acd.debugState());
        s.getJsonObject("counters").put("badMessages", badMessages);
        return s;
    }

    private void onPbxEvent(Message<JsonObject> m) {
        PbxEvent event;
        try {
            if (!(m.body() instanceof JsonObject)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            event = BusJson.decode(m.body(), PbxEvent.class);
        } catch (RuntimeException e) {
            badMessages++;
            log.warn("bad PbxEvent on {} ignored: {}", Addresses.PBX_EVENTS, e.getMessage());
            return;
        }
        try {
            acd.handle(event);
        } catch (RuntimeException e) {
            badMessages++;
            log.error("engine failed on {}", event, e);
        }
    }

    private void onAgentCommand(Message<JsonObject> m) {
        AgentCommand command;
        try {
            if (!(m.body() instanceof JsonObject)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            command = BusJson.decode(m.body(), AgentCommand.class);
            if (command.agentId() == null || command.agentId().isBlank()) {
                throw new IllegalArgumentException("agentId is required");
            }
            if (command instanceof AgentCommand.Login l && (l.pbx() == null || l.endpoint() == null)) {
                throw new IllegalArgumentException("Login needs pbx and endpoint");
            }
        } catch (RuntimeException e) {
            badMessages++;
            m.fail(400, "bad AgentCommand: " + e.getMessage());
            return;
        }
        m.reply(BusJson.encode(acd.handle(command)));
    }

    private void onQueueDefine(Message<JsonObject> m) {
        List<QueueDefinition> defs = new ArrayList<>();
        try {
            Object q = m.body() == null ? null : m.body().getValue("queues");
            if (!(q instanceof JsonArray arr)) {
                throw new IllegalArgumentException("queues must be a list");
            }
            for (int i = 0; i < arr.size(); i++) {
                if (!(arr.getValue(i) instanceof JsonObject o)) {
                    throw new IllegalArgumentException("queues[" + i + "] must be an object");
                }
                defs.add(CoreConfig.queue(o, "queues[" + i + "]"));
            }
        } catch (RuntimeException e) {
            badMessages++;
            m.fail(400, "bad queue definitions: " + e.getMessage());
            return;
        }
        acd.defineQueues(defs);
        m.reply(new JsonObject().put("ok", true));
    }

    /** PbxGateway over the bus; replies arrive on this verticle's context (the request was made here). */
    private final class BusGateway implements PbxGateway {
        @Override
        public CompletionStage<CommandResult> send(PbxCommand command) {
            CompletableFuture<CommandResult> result = new CompletableFuture<>();
            DeliveryOptions opts = new DeliveryOptions().setSendTimeout(config.commandTimeoutMs());
            vertx.eventBus().<JsonObject>request(Addresses.pbxCommands(command.pbx()), BusJson.encode(command), opts)
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            try {
                                result.complete(BusJson.decode(ar.result().body(), CommandResult.class));
                            } catch (RuntimeException e) {
                                result.complete(CommandResult.failure("pbx-rejected", "bad reply: " + e.getMessage()));
                            }
                        } else if (ar.cause() instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
                            result.complete(CommandResult.failure("pbx-disconnected", "no adapter for " + command.pbx()));
                        } else if (ar.cause() instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
                            result.complete(CommandResult.failure("pbx-timeout", "no reply in "
                                    + Duration.ofMillis(config.commandTimeoutMs())));
                        } else {
                            result.complete(CommandResult.failure("pbx-rejected", String.valueOf(ar.cause().getMessage())));
                        }
                    });
            return result;
        }
    }

    private final class BusPublisher implements CoreListener {
        @Override
        public void agentStateChanged(AgentStateChanged e) {
            vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(e));
        }

        @Override
        public void callOffered(CallOffered e) {
            vertx.eventBus().publish(Addresses.CALL_OFFERED, BusJson.encode(e));
        }

        @Override
        public void callEnded(CallRecord r) {
            vertx.eventBus().publish(Addresses.CALL_ENDED, BusJson.encode(r));
        }

        @Override
        public void callWrapUpEnded(CallRecord r) {
            vertx.eventBus().publish(Addresses.CALL_WRAPUP_ENDED, BusJson.encode(r));
        }

        @Override
        public void queueUpdated(QueueSnapshot s) {
            vertx.eventBus().publish(Addresses.QUEUE_UPDATED, BusJson.encode(s));
        }
    }
}
