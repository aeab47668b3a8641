package io.zuoxi.core.routing;

import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.core.queue.QueueSnapshot;

import java.util.ArrayList;
import java.util.List;

final class RecordingListener implements CoreListener {
    final List<AgentStateChanged> states = new ArrayList<>();
    final List<CallOffered> offered = new ArrayList<>();
    final List<CallRecord> ended = new ArrayList<>();
    final List<CallRecord> wrapUpEnded = new ArrayList<>();
    final List<QueueSnapshot> queues = new ArrayList<>();

    @Override public void agentStateChanged(AgentStateChanged e) { states.add(e); }
    @Override public void callOffered(CallOffered e) { offered.add(e); }
    @Override public void callEnded(CallRecord r) { ended.add(r); }
    @Override public void callWrapUpEnded(CallRecord r) { wrapUpEnded.add(r); }
    @Override public void queueUpdated(QueueSnapshot s) { queues.add(s); }
}
