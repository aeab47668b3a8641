package io.zuoxi.core.agent;

/**
 * Reply to an {@link AgentCommand}.
 *
 * @param errorId stable id when refused: {@code not-logged-in}, {@code already-logged-in},
 *                {@code illegal-transition}, {@code endpoint-in-use}, {@code no-such-queue}
 * @param state   the agent's state after the command
 */
public record AgentCommandResult(boolean ok, String errorId, String message, AgentState state) {

    public static AgentCommandResult ok(AgentState state) {
        return new AgentCommandResult(true, null, null, state);
    }

    public static AgentCommandResult refused(String errorId, String message, AgentState state) {
        return new AgentCommandResult(false, errorId, message, state);
    }
}
