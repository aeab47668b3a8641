package io.zuoxi.core.agent;

/** The states of an agent seat (坐席). Transitions: {@code docs/state-machines.md}. */
public enum AgentState {
    /** 签出 / 离线. */
    LOGGED_OUT,
    /** 示闲 / 就绪: may be offered a call. */
    READY,
    /** Offered a call, the device is ringing (振铃). */
    RESERVED,
    /** 通话中. */
    ON_CALL,
    /** 话后处理: after-call work, for the queue's wrap-up seconds or until the agent ends it. */
    WRAP_UP,
    /** 示忙 with a reason code (示忙原因). */
    NOT_READY
}
