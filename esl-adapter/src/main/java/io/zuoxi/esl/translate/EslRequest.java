package io.zuoxi.esl.translate;

/**
 * One ESL command to send: {@code api <command>} (reply in order, api/response) or
 * {@code bgapi <command>} (accepted at once, result later in BACKGROUND_JOB).
 */
public record EslRequest(boolean background, String command) {

    public static EslRequest api(String command) {
        return new EslRequest(false, command);
    }

    public static EslRequest bgapi(String command) {
        return new EslRequest(true, command);
    }
}
