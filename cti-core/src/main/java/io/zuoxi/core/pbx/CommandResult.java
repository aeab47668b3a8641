package io.zuoxi.core.pbx;

/**
 * The reply to a {@link PbxCommand}.
 *
 * @param errorId stable id when {@code ok} is false: {@code pbx-disconnected}, {@code pbx-timeout},
 *                {@code pbx-rejected} (the PBX answered with an error; {@code message} has its text),
 *                {@code pbx-overloaded} (too many pending requests), {@code no-such-pbx},
 *                {@code no-such-leg} (the leg does not exist (any more) on the PBX: a hang-up that raced
 *                with the PBX's own is not a failure)
 */
public record CommandResult(boolean ok, String errorId, String message) {

    public static CommandResult success() {
        return new CommandResult(true, null, null);
    }

    public static CommandResult success(String message) {
        return new CommandResult(true, null, message);
    }

    public static CommandResult failure(String errorId, String message) {
        return new CommandResult(false, errorId, message);
    }
}
