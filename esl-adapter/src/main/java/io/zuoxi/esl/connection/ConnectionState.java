package io.zuoxi.esl.connection;

/** Life of one ESL connection as reported in the adapter status JSON ({@link #wire()}). */
public enum ConnectionState {
    CONNECTING("connecting"),
    CONNECTED("connected"),
    AUTH_FAILED("auth-failed"),
    DISCONNECTED("disconnected");

    private final String wire;

    ConnectionState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
