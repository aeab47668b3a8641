package io.zuoxi.core.pbx;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Duration;
import java.util.Map;

/**
 * A PBX-neutral instruction for one PBX. Adapters turn these into vendor actions (AMI actions,
 * ESL api/bgapi commands); the reply is a {@link CommandResult}. A command succeeds when the PBX
 * accepted it; what happens later (the leg answering, failing) arrives as {@link PbxEvent}s.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PbxCommand.OriginateLeg.class, name = "OriginateLeg"),
    @JsonSubTypes.Type(value = PbxCommand.BridgeLegs.class, name = "BridgeLegs"),
    @JsonSubTypes.Type(value = PbxCommand.HangupLeg.class, name = "HangupLeg"),
    @JsonSubTypes.Type(value = PbxCommand.SetLegVariable.class, name = "SetLegVariable"),
    @JsonSubTypes.Type(value = PbxCommand.ResyncLegs.class, name = "ResyncLegs"),
})
public sealed interface PbxCommand {

    /** The id of the PBX connection the command is for. */
    String pbx();

    /**
     * Ring a device and, once it answers, park the new leg (silently) in the adapter's agent
     * context until it is bridged. The adapter gives the new leg the id {@code legId} (Asterisk
     * {@code ChannelId}, FreeSWITCH {@code origination_uuid}) so events about it can be matched
     * before the originate completes. Failure to answer arrives as {@link PbxEvent.OriginateFailed}.
     *
     * @param endpoint    dial string of the device, e.g. {@code PJSIP/1001} or {@code user/1001}
     * @param ringTimeout how long the device may ring
     * @param variables   channel variables to set on the new leg (e.g. {@code ZUOXI_CALL_ID})
     */
    record OriginateLeg(String pbx, String legId, String endpoint, String callerIdNumber, String callerIdName,
                        Duration ringTimeout, Map<String, String> variables) implements PbxCommand {
        public OriginateLeg {
            variables = Map.copyOf(variables);
        }
    }

    /** Join two live legs in one bridge (the waiting caller and the answered agent leg). */
    record BridgeLegs(String pbx, String legA, String legB) implements PbxCommand {}

    /** Hang a leg up with a Q.850 cause (16 = normal clearing). */
    record HangupLeg(String pbx, String legId, int cause) implements PbxCommand {}

    /** Set a channel variable on a live leg. */
    record SetLegVariable(String pbx, String legId, String name, String value) implements PbxCommand {}

    /** Ask the adapter for a fresh {@link PbxEvent.PbxSynced} list of live legs. */
    record ResyncLegs(String pbx) implements PbxCommand {}
}
