package io.zuoxi.esl.translate;

import io.zuoxi.core.pbx.PbxCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EslCommandsTest {

    @Test
    void originateParksTheAgentLegUnderTheLegIdZuoxiChose() {
        EslRequest r = EslCommands.toEsl(new PbxCommand.OriginateLeg("fs", "leg-1", "user/1001", "13800138000",
                "张伟 VIP", Duration.ofMillis(15_500), Map.of("zuoxi_call_id", "c-9", "note", "a,b")));
        assertThat(r.background()).isTrue();
        assertThat(r.command()).isEqualTo("originate {origination_uuid=leg-1,originate_timeout=16,ignore_early_media=true,"
                + "origination_caller_id_number=13800138000,origination_caller_id_name='张伟 VIP',"
                + "note=a\\,b,zuoxi_call_id=c-9}user/1001 &park()");
        assertThat(OriginateArgs.originationUuid(r.command().substring("originate ".length()))).isEqualTo("leg-1");
    }

    @Test
    void bridgeHangupAndSetvar() {
        assertThat(EslCommands.toEsl(new PbxCommand.BridgeLegs("fs", "a", "b")))
                .isEqualTo(EslRequest.api("uuid_bridge a b"));
        assertThat(EslCommands.toEsl(new PbxCommand.HangupLeg("fs", "a", 17)))
                .isEqualTo(EslRequest.api("uuid_kill a USER_BUSY"));
        assertThat(EslCommands.toEsl(new PbxCommand.HangupLeg("fs", "a", 999)))
                .isEqualTo(EslRequest.api("uuid_kill a NORMAL_CLEARING"));
        assertThat(EslCommands.toEsl(new PbxCommand.SetLegVariable("fs", "a", "zuoxi_agent", "1001")))
                .isEqualTo(EslRequest.api("uuid_setvar a zuoxi_agent 1001"));
    }

    @Test
    void commandInjectionIsRefused() {
        assertThatThrownBy(() -> EslCommands.toEsl(new PbxCommand.BridgeLegs("fs", "a\n\napi fsctl shutdown", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EslCommands.toEsl(new PbxCommand.SetLegVariable("fs", "a", "x", "1\napi x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EslCommands.toEsl(new PbxCommand.OriginateLeg("fs", "l", "user/1001 &bad()", "", "",
                Duration.ofSeconds(5), Map.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EslCommands.toEsl(new PbxCommand.ResyncLegs("fs")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attachedDataRoundTrips() {
        Map<String, String> data = Map.of("name", "张伟", "a&b", "x=y z");
        assertThat(AttachedData.parse(AttachedData.format(data))).isEqualTo(data);
        assertThat(AttachedData.parse("k&=v&%ZZ=1")).containsEntry("k", "").containsEntry("%ZZ", "1").hasSize(2);
        assertThat(AttachedData.parse("_undef_")).isEmpty();
    }
}
