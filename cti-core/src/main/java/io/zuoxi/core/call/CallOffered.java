package io.zuoxi.core.call;

import java.time.Instant;
import java.util.Map;

/**
 * The ACD offered a queued call to an agent and is ringing the agent's device: the screen pop
 * (来电弹屏) trigger, published on {@code zuoxi.call.offered}. crm-web adds the customer record and
 * history and masks the number for agents not allowed to see it.
 *
 * @param waitSeconds how long the caller had waited when the offer was made
 */
public record CallOffered(String callId, String agentId, String queue, String callerNumber, String callerName,
                          String calledNumber, long waitSeconds, Map<String, String> attachedData,
                          Instant enqueuedAt, Instant offeredAt) {
    public CallOffered {
        attachedData = Map.copyOf(attachedData);
    }
}
