package io.zuoxi.esl.connection;

import io.vertx.core.Future;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ResyncTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> asked = new ArrayList<>();

    @Test
    void waitingCallersGetTheirHandoffBackBridgedLegsAndVanishedLegsDoNot() throws Exception {
        Map<String, String> replies = Map.ofEntries(
                Map.entry("show channels as json", "{\"row_count\":6,\"rows\":["
                        + row("wait", "sofia/external/13800138000@carrier", "ACTIVE")
                        + "," + row("talk-a", "sofia/external/139@carrier", "ACTIVE")
                        + "," + row("talk-b", "sofia/internal/1001@10.0.0.5", "ACTIVE")
                        + "," + row("gone", "sofia/internal/1002@10.0.0.6", "RINGING")
                        + "," + row("zx-agent", "sofia/internal/1003@10.0.0.7", "RINGING")
                        + "," + row("fallen", "sofia/external/137@carrier", "ACTIVE") + "]}\n"),
                Map.entry("show calls as json", "{\"row_count\":1,\"rows\":[{\"uuid\":\"talk-a\",\"b_uuid\":\"talk-b\"}]}\n"),
                Map.entry("uuid_getvar wait zuoxi_state", "waiting"),
                Map.entry("uuid_getvar wait zuoxi_queue", "sales"),
                Map.entry("uuid_getvar wait zuoxi_priority", "9"),
                Map.entry("uuid_getvar wait zuoxi_data", "order=42&name=%E5%BC%A0"),
                Map.entry("uuid_getvar wait zuoxi_entered_epoch", "1795342000"),
                Map.entry("uuid_getvar wait zuoxi_called", "4001"),
                // Zuoxi's own agent leg carries ZUOXI_QUEUE (names are case-insensitive) but no zuoxi_state
                Map.entry("uuid_getvar zx-agent zuoxi_queue", "support"),
                Map.entry("uuid_getvar fallen zuoxi_state", "fallback"),
                Map.entry("uuid_getvar fallen zuoxi_queue", "support"),
                Map.entry("uuid_getvar gone zuoxi_state", "-ERR No such channel!\n"));

        PbxEvent.PbxSynced synced = Resync.run("fs", cmd -> {
            asked.add(cmd);
            String r = replies.get(cmd);
            if (r == null) {
                return Future.succeededFuture("_undef_");
            }
            return r.startsWith("-ERR") ? Future.failedFuture(new EslRequestException("pbx-rejected", r))
                    : Future.succeededFuture(r);
        }, clock, "support").toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);

        assertThat(synced.legs()).hasSize(6);
        PbxEvent.LegSnapshot wait = synced.legs().get(0);
        assertThat(wait.handoff()).isEqualTo(new PbxEvent.Handoff("sales", 9, Map.of("order", "42", "name", "张"),
                Instant.ofEpochSecond(1795342000L), "4001"));
        assertThat(synced.legs().get(4).handoff()).as("an agent leg is not a waiting caller").isNull();
        assertThat(synced.legs().get(5).handoff()).as("a caller in the fallback is not re-queued").isNull();
        assertThat(wait.endpoint()).isEqualTo("sofia/external/13800138000");
        assertThat(synced.legs().get(1).bridgeId()).isEqualTo("talk-a");
        assertThat(synced.legs().get(2).bridgeId()).isEqualTo("talk-a");
        assertThat(synced.legs().get(2).endpoint()).isEqualTo("user/1001");
        assertThat(synced.legs().get(3).state()).isEqualTo(PbxEvent.LegState.RINGING);
        assertThat(synced.legs().get(3).handoff()).isNull();
        // bridged legs are not asked for hand-off variables
        assertThat(asked).noneMatch(c -> c.contains("talk-"));
    }

    @Test
    void noChannelsIsAnEmptyList() throws Exception {
        PbxEvent.PbxSynced synced = Resync.run("fs", cmd -> Future.succeededFuture("{\"row_count\":0}\n"), clock,
                "support").toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(synced.legs()).isEmpty();
    }

    private static String row(String uuid, String name, String callstate) {
        return "{\"uuid\":\"" + uuid + "\",\"name\":\"" + name + "\",\"callstate\":\"" + callstate
                + "\",\"cid_num\":\"1\",\"cid_name\":\"\",\"dest\":\"4008\",\"call_uuid\":\"\"}";
    }
}
