package io.zuoxi.esl.codec;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the recorded FreeSWITCH 1.10 transcripts copied unmodified into test resources. */
public final class FixtureTranscripts {

    public static final List<String> ALL = List.of(
            "a_basics_formats_api_bgapi", "b_inbound_wait_uuid_bridge_agent_hangup",
            "b_inbound_wait_uuid_bridge_agent_hangup_json", "c_callcenter_queue_support",
            "d_outbound_dialer_results", "e_eavesdrop_whisper_barge", "f_record_hold",
            "g_transfers_blind_attended", "h_dtmf_ivr", "i_errors_1_wrong_password", "i_errors_2_before_auth",
            "i_errors_3_after_auth", "i_errors_4_crlf", "i_errors_5_binary_garbage",
            "i_errors_6_leading_blank_lines", "i_errors_7_long_command", "i_errors_8_split_write",
            "i_errors_9_header_only");

    private FixtureTranscripts() {
    }

    public static byte[] recv(String name) {
        return resource(name + ".recv.raw");
    }

    public static JsonObject summary(String name) {
        return new JsonObject(new String(resource(name + ".summary.json"), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String file) {
        String path = "/fixtures/freeswitch-1.10/" + file;
        try (InputStream in = FixtureTranscripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
