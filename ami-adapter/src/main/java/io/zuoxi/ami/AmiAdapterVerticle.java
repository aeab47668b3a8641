package io.zuoxi.ami;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.connection.AmiConnection;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;

import java.time.Clock;

/**
 * Thin wiring for one Asterisk: publishes PbxEvents on {@link Addresses#PBX_EVENTS}, answers
 * PbxCommands on {@code zuoxi.pbx.commands.<id>} and status on {@code zuoxi.pbx.status.<id>}.
 */
public final class AmiAdapterVerticle extends VerticleBase {

    private final AmiConfig config;
    private AmiConnection connection;

    public AmiAdapterVerticle(AmiConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        connection = new AmiConnection(vertx, context, config,
                event -> vertx.eventBus().publish(Addresses.PBX_EVENTS, BusJson.encode(event)), Clock.systemUTC());
        vertx.eventBus().<JsonObject>consumer(Addresses.pbxCommands(config.id()), msg -> {
            PbxCommand command;
            try {
                command = BusJson.decode(msg.body(), PbxCommand.class);
            } catch (RuntimeException e) {
                msg.reply(BusJson.encode(CommandResult.failure("bad-command", "not a PbxCommand: " + e.getMessage())));
                return;
            }
            if (command == null) {
                msg.reply(BusJson.encode(CommandResult.failure("bad-command", "empty command")));
                return;
            }
            connection.execute(command).onComplete(r -> msg.reply(BusJson.encode(
                    r.succeeded() ? r.result() : CommandResult.failure("pbx-rejected", String.valueOf(r.cause())))));
        });
        vertx.eventBus().consumer(Addresses.pbxStatus(config.id()), msg -> msg.reply(connection.status()));
        connection.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return connection == null ? Future.succeededFuture() : connection.stop();
    }
}
