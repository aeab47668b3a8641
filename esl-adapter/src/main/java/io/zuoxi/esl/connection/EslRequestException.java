package io.zuoxi.esl.connection;

/**
 * A request that did not get a positive answer. {@link #errorId()} is one of the stable ids of
 * {@code CommandResult}: {@code pbx-disconnected}, {@code pbx-timeout}, {@code pbx-overloaded},
 * {@code pbx-rejected} (FreeSWITCH answered {@code -ERR ...}; the message has its text).
 */
public final class EslRequestException extends RuntimeException {

    private final String errorId;

    public EslRequestException(String errorId, String message) {
        super(message, null, false, false);
        this.errorId = errorId;
    }

    public String errorId() {
        return errorId;
    }
}
