package io.zuoxi.core.routing;

import io.zuoxi.core.pbx.CommandResult;
import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records commands; the test completes each (or lets autoSucceed do it at once). */
final class FakeGateway implements PbxGateway {
    record Sent(PbxCommand command, CompletableFuture<CommandResult> reply) {}

    final List<Sent> sent = new ArrayList<>();
    boolean autoSucceed = true;

    @Override
    public CompletionStage<CommandResult> send(PbxCommand command) {
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        sent.add(new Sent(command, f));
        if (autoSucceed) {
            f.complete(CommandResult.success());
        }
        return f;
    }

    <T extends PbxCommand> List<T> of(Class<T> type) {
        return sent.stream().map(Sent::command).filter(type::isInstance).map(type::cast).toList();
    }

    <T extends PbxCommand> T last(Class<T> type) {
        List<T> l = of(type);
        if (l.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " sent; sent: " + sent);
        }
        return l.get(l.size() - 1);
    }
}
