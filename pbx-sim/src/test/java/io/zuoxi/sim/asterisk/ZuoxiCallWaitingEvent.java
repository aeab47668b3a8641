package io.zuoxi.sim.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/** asterisk-java maps "UserEvent: ZuoxiCallWaiting" to a class named ZuoxiCallWaitingEvent once registered. */
public class ZuoxiCallWaitingEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String zuoxiQueue;
    private String zuoxiPriority;
    private String zuoxiData;

    public ZuoxiCallWaitingEvent(Object source) {
        super(source);
    }

    public String getZuoxiQueue() {
        return zuoxiQueue;
    }

    public void setZuoxiQueue(String v) {
        zuoxiQueue = v;
    }

    public String getZuoxiPriority() {
        return zuoxiPriority;
    }

    public void setZuoxiPriority(String v) {
        zuoxiPriority = v;
    }

    public String getZuoxiData() {
        return zuoxiData;
    }

    public void setZuoxiData(String v) {
        zuoxiData = v;
    }
}

