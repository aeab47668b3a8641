package io.zuoxi.esl.connection;

import java.util.List;

/**
 * Settings of one ESL connection (validated by the adapter's config record).
 *
 * @param events event names for {@code event plain ...}; CUSTOM subclasses follow the word CUSTOM
 */
public record EslConnectionOptions(String host, int port, String password, List<String> events,
                                   long reconnectMinMs, long reconnectMaxMs, long requestTimeoutMs, int maxPending,
                                   int maxHeaderBytes, int maxBodyBytes) {

    public EslConnectionOptions {
        events = List.copyOf(events);
    }

    /** Password hidden: records print their fields, and this one ends up in logs. */
    @Override
    public String toString() {
        return "EslConnectionOptions[" + host + ":" + port + ", events=" + events + "]";
    }
}
