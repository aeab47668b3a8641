package io.zuoxi.ami.connection;

import org.asteriskjava.manager.event.UserEvent;

/**
 * The hand-off UserEvent. asterisk-java drops any UserEvent whose name has no registered class
 * (EventBuilderImpl returns null), so this class is registered under the configured name.
 * Setters are found by asterisk-java's EventAttributesHelper from the header names.
 */
public class HandoffUserEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String zuoxiQueue;
    private String zuoxiPriority;
    private String zuoxiData;
    private String linkedid;

    public HandoffUserEvent(Object source) {
        super(source);
    }

    public String getZuoxiQueue() {
        return zuoxiQueue;
    }

    public void setZuoxiQueue(String zuoxiQueue) {
        this.zuoxiQueue = zuoxiQueue;
    }

    public String getZuoxiPriority() {
        return zuoxiPriority;
    }

    public void setZuoxiPriority(String zuoxiPriority) {
        this.zuoxiPriority = zuoxiPriority;
    }

    /** The channel block's Linkedid (asterisk-java's UserEvent has no property for it). */
    public String getLinkedid() {
        return linkedid;
    }

    public void setLinkedid(String linkedid) {
        this.linkedid = linkedid;
    }

    public String getZuoxiData() {
        return zuoxiData;
    }

    public void setZuoxiData(String zuoxiData) {
        this.zuoxiData = zuoxiData;
    }
}
