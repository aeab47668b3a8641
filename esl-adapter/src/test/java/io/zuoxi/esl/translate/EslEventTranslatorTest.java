package io.zuoxi.esl.translate;

import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxEvent.OriginateOutcome;
import io.zuoxi.esl.codec.EslEvent;
import io.zuoxi.esl.codec.EslFrame;
import io.zuoxi.esl.codec.EslFrameDecoder;
import io.zuoxi.esl.codec.FixtureTranscripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EslEventTranslatorTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"b_inbound_wait_uuid_bridge_agent_hangup", "b_inbound_wait_uuid_bridge_agent_hangup_json"})
    void waitingCallerBridgedToAgentThenAgentHangsUp(String scenario) {
        var summary = FixtureTranscripts.summary(scenario);
        String handset = summary.getString("caller_handset_loopback_a");
        String caller = summary.getString("caller_channel_inbound_loopback_b");
        String agent = summary.getString("agent_channel_loopback_a");
        String phone = summary.getString("agent_phone_loopback_b");
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);

        List<PbxEvent> events = translateAll(scenario, translator);

        List<String> lines = events.stream().map(e -> describe(e, Map.of(handset, "handset", caller, "caller",
                agent, "agent", phone, "phone"))).collect(Collectors.toList());
        assertThat(lines).containsExactly(
                "LegCreated handset loopback/100",
                "LegCreated caller loopback/100",
                "LegAnswered handset",
                "LegAnswered caller",
                "LegCreated agent loopback/agent-1",
                "LegCreated phone loopback/agent-1",
                "LegRinging agent",
                "LegRinging phone",
                "LegAnswered agent",
                "LegAnswered phone",
                "LegBridged caller bridge=caller",
                "LegBridged agent bridge=caller",
                "LegHungUp agent 16 NORMAL_CLEARING",
                "LegHungUp phone 16 NORMAL_CLEARING",
                // quirk 4: the unbridge comes after the agent is gone, and takes the caller with it
                "LegUnbridged caller bridge=caller",
                "LegUnbridged agent bridge=caller",
                "LegHungUp caller 16 NORMAL_CLEARING",
                "LegHungUp handset 16 NORMAL_CLEARING");
        assertThat(translator.ignoredByName()).containsKey("CHANNEL_STATE");
        PbxEvent.LegCreated first = (PbxEvent.LegCreated) events.get(0);
        assertThat(first.callerNumber()).isEqualTo("4930123456");
        assertThat(first.callerName()).isEqualTo("Customer One");
        assertThat(first.calledNumber()).isEqualTo("100");
        assertThat(first.at()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void dialerOutcomesFromBackgroundJobs() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        List<PbxEvent.OriginateFailed> failed = translateAll("d_outbound_dialer_results", translator).stream()
                .filter(PbxEvent.OriginateFailed.class::isInstance).map(PbxEvent.OriginateFailed.class::cast).toList();

        assertThat(failed).extracting(f -> f.detail() + "->" + f.outcome()).containsExactly(
                "USER_BUSY->BUSY",
                "NO_ANSWER->NO_ANSWER",
                "CALL_REJECTED->REJECTED",
                "UNALLOCATED_NUMBER->INVALID_NUMBER",
                "NO_ROUTE_DESTINATION->FAILED",
                "USER_BUSY->BUSY",
                "NO_ANSWER->NO_ANSWER",
                "CALL_REJECTED->REJECTED",
                "UNALLOCATED_NUMBER->INVALID_NUMBER",
                "NORMAL_TEMPORARY_FAILURE->FAILED",
                "INVALID_PROFILE->FAILED",
                "CHAN_NOT_IMPLEMENTED->FAILED");
        assertThat(failed).allSatisfy(f -> assertThat(f.legId()).matches("[0-9a-f-]{36}"));
    }

    @Test
    void handOffEventBecomesCallHandedOff() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        EslEvent custom = plain("Event-Name: CUSTOM\nEvent-Subclass: zuoxi%3A%3Acall_waiting\nUnique-ID: u1\n"
                + "Channel-Call-UUID: u1\nCaller-Caller-ID-Number: 13800138000\nCaller-Caller-ID-Name: %E5%BC%A0%E4%BC%9F\n"
                + "Caller-Destination-Number: 4008\nzuoxi_queue: sales\nzuoxi_priority: 5\n"
                + "zuoxi_data: order%3D42%26name%3D%25E5%25BC%25A0\nEvent-Date-Timestamp: 1795343128801721\n");

        List<PbxEvent> out = translator.translate(custom);

        assertThat(out).singleElement().isInstanceOfSatisfying(PbxEvent.CallHandedOff.class, h -> {
            assertThat(h.legId()).isEqualTo("u1");
            assertThat(h.queue()).isEqualTo("sales");
            assertThat(h.priority()).isEqualTo(5);
            assertThat(h.callerName()).isEqualTo("张伟");
            assertThat(h.attachedData()).containsEntry("order", "42").containsEntry("name", "张");
            assertThat(h.at()).isEqualTo(Instant.ofEpochSecond(1795343128L, 801721000L));
        });
    }

    /**
     * FreeSWITCH's plain encoding leaves an existing %XX alone (switch_url_encode_opt without double_encode),
     * so the include doubles every '%' (${replace(${zuoxi_data}|%|%25)}): what the adapter decodes is then
     * exactly what the IVR set, an encoded '&' or '=' inside a value included. Wire bytes as FreeSWITCH
     * 1.10.12 sent them for zuoxi_data=order=A%26B&key%3Dx=1&lang=zh.
     */
    @Test
    void attachedDataSurvivesThePlainEncodingExactly() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        EslEvent custom = plain("Event-Name: CUSTOM\nEvent-Subclass: zuoxi%3A%3Acall_waiting\nUnique-ID: u3\n"
                + "Caller-Destination-Number: zuoxi-handoff\nzuoxi_called: 4001\n"
                + "zuoxi_data: order%3DA%2526B%26key%253Dx%3D1%26lang%3Dzh\n");
        assertThat(translator.translate(custom)).singleElement().isInstanceOfSatisfying(PbxEvent.CallHandedOff.class,
                h -> {
                    assertThat(h.attachedData()).containsExactlyInAnyOrderEntriesOf(
                            Map.of("order", "A&B", "key=x", "1", "lang", "zh"));
                    assertThat(h.calledNumber()).as("recorded before the transfer into the hand-off").isEqualTo("4001");
                });
    }

    @Test
    void fallbackEventRevokesTheHandoffAndSuccessfulJobsAreNotUntranslated() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "zuoxi::call_fallback",
                "support", clock);
        assertThat(translator.translate(plain("Event-Name: CUSTOM\nEvent-Subclass: zuoxi%3A%3Acall_fallback\n"
                + "Unique-ID: u4\nzuoxi_reason: timeout\nEvent-Date-Timestamp: 1795343128801721\n")))
                .containsExactly(new PbxEvent.HandoffRevoked("fs", Instant.ofEpochSecond(1795343128L, 801721000L),
                        "u4", "timeout"));
        assertThat(translator.translate(plain("Event-Name: BACKGROUND_JOB\nJob-Command: originate\n"
                + "Content-Length: 40\n\n+OK 6a4a7e38-3c1b-4a53-9d2e-1d3c7d0c1a2b\n"))).isEmpty();
        assertThat(translator.ignoredCount()).as("a successful job yields nothing by design").isZero();
    }

    @Test
    void handOffWithoutQueueOrWithBadPriorityStillQueues() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        List<PbxEvent> out = translator.translate(plain("Event-Name: CUSTOM\nEvent-Subclass: zuoxi::call_waiting\n"
                + "Unique-ID: u2\nvariable_zuoxi_priority: high\n"));
        assertThat(out).singleElement().isInstanceOfSatisfying(PbxEvent.CallHandedOff.class, h -> {
            assertThat(h.queue()).isEqualTo("support");
            assertThat(h.priority()).isZero();
            assertThat(h.attachedData()).isEmpty();
            assertThat(h.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void unknownEventsAndOtherSubclassesAreCountedNotFatal() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        assertThat(translator.translate(plain("Event-Name: SOMETHING_NEW\n"))).isEmpty();
        assertThat(translator.translate(plain("Event-Name: CUSTOM\nEvent-Subclass: callcenter::info\n"))).isEmpty();
        assertThat(translator.translate(plain("Event-Name: DTMF\nUnique-ID: u\nDTMF-Digit: \n"))).isEmpty();
        assertThat(translator.ignoredCount()).isEqualTo(3);
        assertThat(translator.ignoredByName()).containsEntry("SOMETHING_NEW", 1L)
                .containsEntry("CUSTOM callcenter::info", 1L);
    }

    @Test
    void dtmfFromTheIvrFixture() {
        EslEventTranslator translator = new EslEventTranslator("fs", "zuoxi::call_waiting", "support", clock);
        String digits = translateAll("h_dtmf_ivr", translator).stream()
                .filter(PbxEvent.DtmfReceived.class::isInstance)
                .map(e -> String.valueOf(((PbxEvent.DtmfReceived) e).digit())).collect(Collectors.joining());
        // quirk 13: '1234#' gave DTMF 1-4 only
        assertThat(digits).hasSize(8).startsWith("31234");
    }

    @Test
    void sipChannelNamesBecomeUserEndpoints() {
        assertThat(Endpoints.fromChannelName("sofia/internal/1001@192.168.1.20:5060")).isEqualTo("user/1001");
        assertThat(Endpoints.fromChannelName("sofia/internal/sip:1002@host")).isEqualTo("user/1002");
        assertThat(Endpoints.fromChannelName("sofia/external/13800138000@carrier")).isEqualTo("sofia/external/13800138000");
        assertThat(Endpoints.fromChannelName("loopback/agent-1-a")).isEqualTo("loopback/agent-1");
        assertThat(Endpoints.fromChannelName("verto.rtc/abc")).isEqualTo("verto.rtc/abc");
        assertThat(Endpoints.fromChannelName(null)).isEmpty();
    }

    private static EslEvent plain(String inner) {
        return EslEvent.parse(new EslFrame(Map.of("Content-Type", EslFrame.EVENT_PLAIN),
                inner.getBytes(StandardCharsets.UTF_8)));
    }

    static List<PbxEvent> translateAll(String scenario, EslEventTranslator translator) {
        List<PbxEvent> out = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(65536, 8 << 20, f -> {
            if (f.contentType().equals(EslFrame.EVENT_PLAIN) || f.contentType().equals(EslFrame.EVENT_JSON)) {
                out.addAll(translator.translate(EslEvent.parse(f)));
            }
        });
        decoder.feed(FixtureTranscripts.recv(scenario));
        return out;
    }

    private static String describe(PbxEvent e, Map<String, String> roles) {
        if (e instanceof PbxEvent.LegCreated c) {
            return "LegCreated " + role(roles, c.legId()) + " " + c.endpoint();
        } else if (e instanceof PbxEvent.LegRinging r) {
            return "LegRinging " + role(roles, r.legId());
        } else if (e instanceof PbxEvent.LegAnswered a) {
            return "LegAnswered " + role(roles, a.legId());
        } else if (e instanceof PbxEvent.LegBridged b) {
            return "LegBridged " + role(roles, b.legId()) + " bridge=" + role(roles, b.bridgeId());
        } else if (e instanceof PbxEvent.LegUnbridged u) {
            return "LegUnbridged " + role(roles, u.legId()) + " bridge=" + role(roles, u.bridgeId());
        } else if (e instanceof PbxEvent.LegHungUp h) {
            return "LegHungUp " + role(roles, h.legId()) + " " + h.cause() + " " + h.causeText();
        }
        return e.getClass().getSimpleName();
    }

    private static String role(Map<String, String> roles, String id) {
        return roles.getOrDefault(id, id);
    }
}
