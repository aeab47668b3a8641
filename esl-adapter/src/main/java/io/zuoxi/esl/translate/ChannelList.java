package io.zuoxi.esl.translate;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.pbx.PbxEvent.LegSnapshot;
import io.zuoxi.core.pbx.PbxEvent.LegState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code show channels as json} / {@code show calls as json} replies
 * ({@code {"row_count":N,"rows":[...]}}; with no channels FreeSWITCH answers {@code {"row_count":0}}).
 */
public final class ChannelList {

    /** One row of {@code show channels as json}. */
    public record Row(String uuid, String name, String callState, String cidNum, String cidName, String dest,
                      String callUuid) {}

    private ChannelList() {
    }

    public static List<Row> channels(String json) {
        List<Row> rows = new ArrayList<>();
        for (JsonObject r : rows(json)) {
            rows.add(new Row(r.getString("uuid", ""), r.getString("name", ""), r.getString("callstate", ""),
                    r.getString("cid_num", ""), r.getString("cid_name", ""), r.getString("dest", ""),
                    r.getString("call_uuid", "")));
        }
        return rows;
    }

    /**
     * leg uuid → bridge id for every bridged leg in {@code show calls as json}; like the live
     * events, the A side's uuid names the bridge.
     */
    public static Map<String, String> bridgeIds(String json) {
        Map<String, String> pairs = new HashMap<>();
        for (JsonObject r : rows(json)) {
            String a = r.getString("uuid", "");
            String b = r.getString("b_uuid", "");
            if (!a.isEmpty() && !b.isEmpty()) {
                pairs.put(a, a);
                pairs.put(b, a);
            }
        }
        return pairs;
    }

    public static LegSnapshot snapshot(Row row, String bridgeId, io.zuoxi.core.pbx.PbxEvent.Handoff handoff) {
        LegState state = switch (row.callState()) {
            case "RINGING", "EARLY", "RING_WAIT" -> LegState.RINGING;
            case "ACTIVE", "HELD", "UNHELD", "HANGUP" -> LegState.UP;
            default -> LegState.DOWN;
        };
        String linked = row.callUuid().isEmpty() ? row.uuid() : row.callUuid();
        return new LegSnapshot(row.uuid(), linked, row.name(), Endpoints.fromChannelName(row.name()), state,
                row.cidNum(), row.cidName(), row.dest(), bridgeId, handoff);
    }

    private static List<JsonObject> rows(String json) {
        JsonObject root;
        try {
            root = new JsonObject(json.trim());
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a channel list: " + json.substring(0, Math.min(80, json.length())));
        }
        JsonArray rows = root.getJsonArray("rows");
        List<JsonObject> out = new ArrayList<>();
        if (rows != null) {
            for (Object o : rows) {
                if (o instanceof JsonObject jo) {
                    out.add(jo);
                }
            }
        }
        return out;
    }
}
