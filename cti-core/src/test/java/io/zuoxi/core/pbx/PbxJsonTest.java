package io.zuoxi.core.pbx;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.bus.BusJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PbxJsonTest {

    @Test
    void eventsSurviveTheBusAsJson() {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        List<PbxEvent> events = List.of(
                new PbxEvent.CallHandedOff("ast", at, "1.5", "1.4", "support", 5, "555110", "Customer", "110",
                        Map.of("order", "A-17")),
                new PbxEvent.OriginateFailed("ast", at, "leg-1", PbxEvent.OriginateOutcome.BUSY, "Reason 5"),
                new PbxEvent.PbxSynced("ast", at, List.of(new PbxEvent.LegSnapshot("1.5", "1.4", "PJSIP/1001-1",
                        "PJSIP/1001", PbxEvent.LegState.UP, "555", "C", "110", "b-1",
                        new PbxEvent.Handoff("support", 0, Map.of())))));
        for (PbxEvent e : events) {
            JsonObject json = BusJson.encode(e);
            assertThat(json.getString("type")).isEqualTo(e.getClass().getSimpleName());
            assertThat(json.getString("at")).as("instants are ISO-8601 text on the bus").isEqualTo("2026-11-22T10:00:00Z");
            assertThat(BusJson.decode(json, PbxEvent.class)).isEqualTo(e);
            // as a local consumer gets it (a deep copy with nested JsonObject/JsonArray) and as a clustered one (text)
            assertThat(BusJson.decode(json.copy(), PbxEvent.class)).isEqualTo(e);
            assertThat(BusJson.decode(new JsonObject(json.encode()), PbxEvent.class)).isEqualTo(e);
        }
    }

    @Test
    void commandsSurviveTheBusAsJson() {
        PbxCommand c = new PbxCommand.OriginateLeg("ast", "leg-9", "PJSIP/1001", "555", "Caller",
                Duration.ofSeconds(20), Map.of("ZUOXI_CALL_ID", "c-1"));
        JsonObject json = BusJson.encode(c);
        assertThat(json.getString("ringTimeout")).isEqualTo("PT20S");
        assertThat(BusJson.decode(json, PbxCommand.class)).isEqualTo(c);
    }

    @Test
    void unknownTypeIsAReadableError() {
        assertThatThrownBy(() -> BusJson.decode(new JsonObject().put("type", "Nope"), PbxCommand.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad PbxCommand");
    }
}
