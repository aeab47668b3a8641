package io.zuoxi.core.pbx;

import java.util.concurrent.CompletionStage;

/**
 * The port through which engines command a PBX. In production it is the event bus (request/reply
 * to the adapter that owns the PBX, see {@code docs/event-bus.md}); in tests a fake records the
 * commands. The stage completes on the caller's context; it never completes exceptionally —
 * failures are {@link CommandResult}s with an error id.
 */
public interface PbxGateway {

    CompletionStage<CommandResult> send(PbxCommand command);
}
