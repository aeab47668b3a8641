package io.zuoxi.core.routing;

import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.queue.QueueSnapshot;

/** What the engine announces; the bus wiring publishes each on its address. */
public interface CoreListener {
    void agentStateChanged(AgentStateChanged event);

    void callOffered(CallOffered event);

    void callEnded(CallRecord record);

    void callWrapUpEnded(CallRecord record);

    void queueUpdated(QueueSnapshot snapshot);
}
