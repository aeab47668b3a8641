package io.zuoxi.core.bus;

/**
 * The event-bus address catalogue. {@code docs/event-bus.md} documents every constant here
 * (a test keeps the two in step). Payloads are JSON objects made from the records named below by
 * {@link BusJson}, so the same addresses work clustered.
 */
public final class Addresses {

    private Addresses() {
    }

    /** publish — {@code PbxEvent}, from every adapter. */
    public static final String PBX_EVENTS = "zuoxi.pbx.events";

    /** request/reply — prefix; {@code zuoxi.pbx.commands.<pbxId>}: {@code PbxCommand} → {@code CommandResult}. */
    public static final String PBX_COMMANDS_PREFIX = "zuoxi.pbx.commands.";

    /** request/reply — prefix; {@code zuoxi.pbx.status.<pbxId>}: empty → adapter status JSON. */
    public static final String PBX_STATUS_PREFIX = "zuoxi.pbx.status.";

    /** request/reply — {@code AgentCommand} → {@code AgentCommandResult}. */
    public static final String AGENT_COMMAND = "zuoxi.core.agent.command";

    /** request/reply — {@code {"queues":[QueueDefinition…]}} → {@code {"ok":true}}; replaces the set. */
    public static final String QUEUE_DEFINE = "zuoxi.core.queue.define";

    /** request/reply — empty → the engines' {@code debugState()} snapshot (agents, queues, calls). */
    public static final String CORE_SNAPSHOT = "zuoxi.core.snapshot";

    /** publish — {@code AgentStateChanged}. */
    public static final String AGENT_STATE = "zuoxi.agent.state";

    /** publish — {@code CallOffered} (screen pop trigger). */
    public static final String CALL_OFFERED = "zuoxi.call.offered";

    /** publish — {@code CallRecord} when the call's last leg is gone. */
    public static final String CALL_ENDED = "zuoxi.call.ended";

    /** publish — {@code CallRecord} again once the agent's wrap-up is over ({@code wrapUpSeconds} set). */
    public static final String CALL_WRAPUP_ENDED = "zuoxi.call.wrapup-ended";

    /** publish — {@code QueueSnapshot}. */
    public static final String QUEUE_UPDATED = "zuoxi.queue.updated";

    public static String pbxCommands(String pbxId) {
        return PBX_COMMANDS_PREFIX + pbxId;
    }

    public static String pbxStatus(String pbxId) {
        return PBX_STATUS_PREFIX + pbxId;
    }
}
