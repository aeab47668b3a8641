package io.zuoxi.web.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallRecord;
import org.hibernate.Session;

import java.util.List;
import java.util.Map;

/** Writes call records and agent state history; each method runs inside the caller's transaction. */
public final class CallRecordStore {

    private CallRecordStore() {
    }

    /** Inserts the record unless its call id is already stored; returns true if it inserted. */
    public static boolean insertIfAbsent(Session s, CallRecord r) {
        if (find(s, r.callId()) != null) {
            return false;
        }
        CallRecordEntity e = new CallRecordEntity();
        e.callId = r.callId();
        e.tenant = tenantOf(s, r.queue(), r.agentId());
        e.pbx = r.pbx();
        e.linkedId = r.linkedId();
        e.direction = r.direction();
        e.callerNumber = r.callerNumber();
        e.callerName = r.callerName();
        e.calledNumber = r.calledNumber();
        e.queue = r.queue();
        e.agentId = r.agentId();
        e.outcome = r.outcome();
        e.startedAt = r.startedAt();
        e.enqueuedAt = r.enqueuedAt();
        e.offeredAt = r.offeredAt();
        e.answeredAt = r.answeredAt();
        e.endedAt = r.endedAt();
        e.waitSeconds = r.waitSeconds();
        e.talkSeconds = r.talkSeconds();
        e.wrapUpSeconds = r.wrapUpSeconds();
        e.offers = r.offers();
        e.reconciled = r.reconciled();
        e.attachedData = json(r.attachedData());
        s.persist(e);
        s.flush();
        for (CallRecord.LegRecord leg : r.legs()) {
            CallLegEntity l = new CallLegEntity();
            l.callRecordId = e.id;
            l.legId = leg.legId();
            l.role = leg.role();
            l.channel = leg.channel();
            l.agentId = leg.agentId();
            l.createdAt = leg.createdAt();
            l.answeredAt = leg.answeredAt();
            l.endedAt = leg.endedAt();
            l.hangupCause = leg.hangupCause();
            s.persist(l);
        }
        return true;
    }

    /** Sets the wrap-up seconds; inserts the whole record if CALL_ENDED never arrived. */
    public static void wrapUpEnded(Session s, CallRecord r) {
        CallRecordEntity e = find(s, r.callId());
        if (e == null) {
            insertIfAbsent(s, r);
            return;
        }
        e.wrapUpSeconds = r.wrapUpSeconds();
    }

    public static void insertHistory(Session s, AgentStateChanged c) {
        AgentStateHistoryEntity h = new AgentStateHistoryEntity();
        h.agentId = c.agentId();
        h.fromState = c.from() == null ? null : c.from().name();
        h.toState = c.to().name();
        h.reason = c.reason();
        h.callId = c.callId();
        h.endpoint = c.endpoint();
        h.at = c.at();
        s.persist(h);
    }

    public static CallRecordEntity find(Session s, String callId) {
        List<CallRecordEntity> found = s.createSelectionQuery(
                        "from CallRecordEntity where callId = :id", CallRecordEntity.class)
                .setParameter("id", callId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public static List<CallLegEntity> legs(Session s, long callRecordId) {
        return s.createSelectionQuery("from CallLegEntity where callRecordId = :id order by id", CallLegEntity.class)
                .setParameter("id", callRecordId).getResultList();
    }

    private static String tenantOf(Session s, String queue, String agentId) {
        if (queue != null) {
            QueueEntity q = s.find(QueueEntity.class, queue);
            if (q != null) {
                return q.tenant;
            }
        }
        if (agentId != null) {
            AgentEntity a = s.find(AgentEntity.class, agentId);
            if (a != null) {
                return a.tenant;
            }
        }
        return null;
    }

    private static String json(Map<String, String> data) {
        try {
            return BusJson.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
