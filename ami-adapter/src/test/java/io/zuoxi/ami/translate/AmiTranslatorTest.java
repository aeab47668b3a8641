package io.zuoxi.ami.translate;

import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AmiTranslatorTest {

    final AmiTranslator t = new AmiTranslator("p", "ZuoxiCallWaiting", "support",
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void endpointStripsChannelSuffix() {
        assertThat(AmiTranslator.endpoint("PJSIP/1001-00000003")).isEqualTo("PJSIP/1001");
        assertThat(AmiTranslator.endpoint("Local/x@ctx-0000000a;1")).isEqualTo("Local/x@ctx");
        assertThat(AmiTranslator.endpoint("Local/agent-2@agents-00000003;2")).isEqualTo("Local/agent-2@agents");
        assertThat(AmiTranslator.endpoint("PJSIP/my-trunk-0000001f")).isEqualTo("PJSIP/my-trunk");
        assertThat(AmiTranslator.endpoint("Local/busy-5550002@customers/n")).isEqualTo("Local/busy-5550002@customers/n");
        assertThat(AmiTranslator.endpoint(null)).isEmpty();
    }

    @Test
    void attachedDataIsPercentDecodedAndBadPairsSkipped() {
        assertThat(AmiTranslator.attachedData("order%3Did=42&name=%E5%BC%A0&bad=%zz&noval&=x"))
                .containsExactly(Map.entry("order=id", "42"), Map.entry("name", "张"));
        assertThat(AmiTranslator.attachedData(null)).isEmpty();
        assertThat(AmiTranslator.priority(" 7 ")).isEqualTo(7);
        assertThat(AmiTranslator.priority("high")).isZero();
    }

    @Test
    void originateResponseReasonsMapToOutcomesOnlyForOurActions() {
        t.expectOriginate("a1", "leg-1");
        OriginateResponseEvent busy = new OriginateResponseEvent(this);
        busy.setActionId("a1");
        busy.setResponse("Failure");
        busy.setReason(5);
        assertThat(t.translate(busy)).containsExactly(new PbxEvent.OriginateFailed("p",
                Instant.parse("2026-01-01T00:00:00Z"), "leg-1", PbxEvent.OriginateOutcome.BUSY, "reason 5"));
        // the same ActionID again (or anyone else's originate) is not ours any more
        assertThat(t.translate(busy)).isEmpty();
        assertThat(AmiTranslator.outcome(3)).isEqualTo(PbxEvent.OriginateOutcome.NO_ANSWER);
        assertThat(AmiTranslator.outcome(8)).isEqualTo(PbxEvent.OriginateOutcome.CONGESTION);
        assertThat(AmiTranslator.outcome(0)).isEqualTo(PbxEvent.OriginateOutcome.FAILED);
        assertThat(AmiTranslator.outcome(null)).isEqualTo(PbxEvent.OriginateOutcome.FAILED);
    }

    @Test
    void fallbackUserEventRevokesTheHandoff() {
        io.zuoxi.ami.connection.FallbackUserEvent e = new io.zuoxi.ami.connection.FallbackUserEvent(this);
        e.setUniqueId("1700000000.5");
        e.setZuoxiQueue("support");
        e.setZuoxiReason("zuoxi-down");
        assertThat(t.translate(e)).containsExactly(new PbxEvent.HandoffRevoked("p",
                Instant.parse("2026-01-01T00:00:00Z"), "1700000000.5", "zuoxi-down"));
        assertThat(AmiTranslator.epochSeconds("1700000000")).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(AmiTranslator.epochSeconds("${EPOCH}")).isNull();
        assertThat(AmiTranslator.dialled("s")).as("the hand-off's own extension").isNull();
        assertThat(AmiTranslator.dialled("4008001000")).isEqualTo("4008001000");
    }

    @Test
    void untranslatedEventsAreCountedByName() {
        t.translate(new VarSetEvent(this));
        t.translate(new VarSetEvent(this));
        assertThat(t.ignoredCounts()).containsEntry("VarSet", 2L);
        assertThat(t.translatedCount()).isZero();
    }

    @Test
    void originateActionFields() {
        OriginateAction a = t.originate(new PbxCommand.OriginateLeg("p", "leg-9", "PJSIP/1003", "4930123456",
                "Customer \"One\"", Duration.ofSeconds(25), Map.of("ZUOXI_CALL_ID", "c1")), "zuoxi-agent");
        assertThat(a.getChannelId()).isEqualTo("leg-9");
        assertThat(a.getTimeout()).isEqualTo(25_000L);
        assertThat(a.getCallerId()).isEqualTo("\"Customer One\" <4930123456>");
        assertThat(a.getAsync()).isTrue();
        assertThat(a.getVariables()).containsEntry("ZUOXI_CALL_ID", "c1");
    }
}
