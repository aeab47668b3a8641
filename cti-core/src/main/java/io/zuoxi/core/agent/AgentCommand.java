package io.zuoxi.core.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * A request to the agent engine, sent by crm-web on {@code zuoxi.core.agent.command}
 * (request/reply; the reply is an {@link AgentCommandResult}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentCommand.Login.class, name = "Login"),
    @JsonSubTypes.Type(value = AgentCommand.Ready.class, name = "Ready"),
    @JsonSubTypes.Type(value = AgentCommand.NotReady.class, name = "NotReady"),
    @JsonSubTypes.Type(value = AgentCommand.EndWrapUp.class, name = "EndWrapUp"),
    @JsonSubTypes.Type(value = AgentCommand.Logout.class, name = "Logout"),
})
public sealed interface AgentCommand {

    String agentId();

    /**
     * Log in on a device. {@code pbx} is the PBX the device is registered on, {@code endpoint}
     * its dial string ({@code PJSIP/1001}), {@code queues} the queues the agent serves. The agent
     * starts NOT_READY with reason {@code login} until it asks to be ready.
     */
    record Login(String agentId, String pbx, String endpoint, List<String> queues) implements AgentCommand {
        public Login {
            queues = List.copyOf(queues);
        }
    }

    /** 示闲. */
    record Ready(String agentId) implements AgentCommand {}

    /** 示忙 with a reason code; during a call it takes effect when the call (and wrap-up) ends. */
    record NotReady(String agentId, String reason) implements AgentCommand {}

    /** End wrap-up now (the agent is done with after-call work): back to READY (or a pending NOT_READY). */
    record EndWrapUp(String agentId) implements AgentCommand {}

    /** 签出; refused while the agent is reserved or on a call. */
    record Logout(String agentId) implements AgentCommand {}
}
