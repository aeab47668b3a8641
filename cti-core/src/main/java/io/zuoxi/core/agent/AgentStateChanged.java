package io.zuoxi.core.agent;

import java.time.Instant;

/**
 * One agent state transition, published on {@code zuoxi.agent.state} and stored as agent state
 * history: reports are computed from these rows.
 *
 * @param reason  the not-ready reason code (示忙原因) when {@code to} is NOT_READY, else {@code null};
 *                the engine uses {@code no-answer} when a ring timed out
 * @param callId  the call that caused the transition (offer, answer, hang-up), else {@code null}
 * @param endpoint the agent's device while logged in, e.g. {@code PJSIP/1001}
 */
public record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason, String callId,
                                String endpoint, Instant at) {}
