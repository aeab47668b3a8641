package io.zuoxi.web.stream;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.ConfigSection;

import java.util.Set;

/**
 * Settings of the WebSocket event hub, parsed once from the {@code events} object of the web config.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>replayBufferSize</td><td>1000</td><td>messages kept per user for resume (count)</td></tr>
 *   <tr><td>heartbeatSeconds</td><td>15</td><td>heartbeat period; links silent for 3 periods are closed</td></tr>
 *   <tr><td>authTimeoutSeconds</td><td>5</td><td>time a link without session cookie has to send its auth message</td></tr>
 *   <tr><td>sendQueueMessages</td><td>1000</td><td>messages written but not yet flushed per link before it is dropped as too slow</td></tr>
 *   <tr><td>sendQueueBytes</td><td>1048576</td><td>socket write-queue high-water mark per link (bytes)</td></tr>
 *   <tr><td>maxClientMessageBytes</td><td>8192</td><td>largest client message accepted (bytes)</td></tr>
 *   <tr><td>customerGraceMillis</td><td>300</td><td>how long the screen pop waits for the customer record before popping without it</td></tr>
 *   <tr><td>customerTimeoutMillis</td><td>3000</td><td>after this the customer lookup is given up (screen.pop.update with status unavailable)</td></tr>
 *   <tr><td>streamRetentionSeconds</td><td>900</td><td>how long a user's replay buffer is kept with no link open</td></tr>
 * </table>
 */
public record EventHubConfig(int replayBufferSize, int heartbeatSeconds, int authTimeoutSeconds,
                             int sendQueueMessages, int sendQueueBytes, int maxClientMessageBytes,
                             long customerGraceMillis, long customerTimeoutMillis, int streamRetentionSeconds) {

    public EventHubConfig {
        positive("replayBufferSize", replayBufferSize);
        positive("heartbeatSeconds", heartbeatSeconds);
        positive("authTimeoutSeconds", authTimeoutSeconds);
        positive("sendQueueMessages", sendQueueMessages);
        positive("sendQueueBytes", sendQueueBytes);
        positive("maxClientMessageBytes", maxClientMessageBytes);
        if (customerGraceMillis < 0) {
            throw new IllegalArgumentException("events.customerGraceMillis must be >= 0, got " + customerGraceMillis);
        }
        if (customerTimeoutMillis < customerGraceMillis) {
            throw new IllegalArgumentException("events.customerTimeoutMillis must be >= customerGraceMillis");
        }
        positive("streamRetentionSeconds", streamRetentionSeconds);
    }

    private static final Set<String> KEYS = Set.of("replayBufferSize", "heartbeatSeconds", "authTimeoutSeconds",
            "sendQueueMessages", "sendQueueBytes", "maxClientMessageBytes", "customerGraceMillis",
            "customerTimeoutMillis", "streamRetentionSeconds");

    public static EventHubConfig defaults() {
        return fromJson(new JsonObject());
    }

    public static EventHubConfig fromJson(JsonObject json) {
        ConfigSection c = ConfigSection.of(json, "web.events", KEYS);
        return new EventHubConfig(c.integer("replayBufferSize", 1000), c.integer("heartbeatSeconds", 15),
                c.integer("authTimeoutSeconds", 5), c.integer("sendQueueMessages", 1000),
                c.integer("sendQueueBytes", 1 << 20), c.integer("maxClientMessageBytes", 8192),
                c.longValue("customerGraceMillis", 300L), c.longValue("customerTimeoutMillis", 3000L),
                c.integer("streamRetentionSeconds", 900));
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("events." + key + " must be > 0, got " + value);
        }
    }
}
