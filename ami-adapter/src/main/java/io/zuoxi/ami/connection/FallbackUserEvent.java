package io.zuoxi.ami.connection;

import org.asteriskjava.manager.event.UserEvent;

/**
 * The UserEvent the hand-off context sends when it takes a caller back for its fallback
 * ({@code ZuoxiCallFallback}: ZuoxiQueue, ZuoxiReason timeout|zuoxi-down). Registered with
 * asterisk-java under the configured name, like {@link HandoffUserEvent}.
 */
public class FallbackUserEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String zuoxiQueue;
    private String zuoxiReason;

    public FallbackUserEvent(Object source) {
        super(source);
    }

    public String getZuoxiQueue() {
        return zuoxiQueue;
    }

    public void setZuoxiQueue(String zuoxiQueue) {
        this.zuoxiQueue = zuoxiQueue;
    }

    public String getZuoxiReason() {
        return zuoxiReason;
    }

    public void setZuoxiReason(String zuoxiReason) {
        this.zuoxiReason = zuoxiReason;
    }
}
