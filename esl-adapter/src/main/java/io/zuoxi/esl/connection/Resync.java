package io.zuoxi.esl.connection;

import io.vertx.core.Future;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxEvent.Handoff;
import io.zuoxi.core.pbx.PbxEvent.LegSnapshot;
import io.zuoxi.esl.translate.AttachedData;
import io.zuoxi.esl.translate.ChannelList;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The state sync after every (re)connect: {@code show channels as json} for the live legs,
 * {@code show calls as json} for who is bridged with whom, and for every unbridged leg
 * {@code uuid_getvar <uuid> zuoxi_state} — {@code waiting} (set by the hand-off include) marks a caller
 * still waiting for Zuoxi, so its queue, priority, attached data, hand-off time and dialled number are
 * read back too and a restarted Zuoxi re-queues it. Not {@code zuoxi_queue}: Zuoxi sets ZUOXI_QUEUE on
 * the agent legs it originates, and FreeSWITCH variable names are case-insensitive, so a ringing agent
 * leg would pass for a caller. Callers in the fallback have {@code zuoxi_state=fallback}. (FreeSWITCH's sqlite views lag the event stream by up to ~1 s,
 * fixture quirk 5; events received after the sync are newer and win.)
 */
public final class Resync {

    private Resync() {
    }

    /** {@code api} runs one api command and yields its body. */
    public static Future<PbxEvent.PbxSynced> run(String pbx, Function<String, Future<String>> api, Clock clock,
                                                  String defaultQueue) {
        return api.apply("show channels as json").compose(channelsJson ->
                api.apply("show calls as json").compose(callsJson -> {
                    List<ChannelList.Row> rows = ChannelList.channels(channelsJson);
                    Map<String, String> bridges = ChannelList.bridgeIds(callsJson);
                    List<Future<LegSnapshot>> legs = new ArrayList<>();
                    for (ChannelList.Row row : rows) {
                        String bridgeId = bridges.get(row.uuid());
                        if (bridgeId != null) {
                            legs.add(Future.succeededFuture(ChannelList.snapshot(row, bridgeId, null)));
                        } else {
                            legs.add(handoff(row.uuid(), api, defaultQueue)
                                    .map(h -> ChannelList.snapshot(row, null, h)));
                        }
                    }
                    return Future.all(legs).map(all -> {
                        List<LegSnapshot> list = new ArrayList<>();
                        for (int i = 0; i < legs.size(); i++) {
                            list.add(all.resultAt(i));
                        }
                        return new PbxEvent.PbxSynced(pbx, clock.instant(), list);
                    });
                }));
    }

    private static Future<Handoff> handoff(String uuid, Function<String, Future<String>> api, String defaultQueue) {
        return getvar(api, uuid, "zuoxi_state").compose(state -> {
            if (!"waiting".equals(state)) {
                return Future.succeededFuture((Handoff) null);
            }
            Future<String> queue = getvar(api, uuid, "zuoxi_queue");
            Future<String> priority = queue.compose(x -> getvar(api, uuid, "zuoxi_priority"));
            Future<String> data = priority.compose(x -> getvar(api, uuid, "zuoxi_data"));
            Future<String> entered = data.compose(x -> getvar(api, uuid, "zuoxi_entered_epoch"));
            Future<String> called = entered.compose(x -> getvar(api, uuid, "zuoxi_called"));
            return called.map(c -> new Handoff(queue.result() == null || queue.result().isBlank() ? defaultQueue
                    : queue.result(), parsePriority(priority.result()), AttachedData.parse(data.result()),
                    epochSeconds(entered.result()), c));
        });
    }

    /** {@code ${strepoch()}}: whole seconds since 1970; anything else is unknown. */
    private static Instant epochSeconds(String value) {
        if (value == null || !value.matches("[0-9]{1,12}")) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(value));
    }

    /** The value, or null when unset ({@code _undef_}) or the leg vanished meanwhile (-ERR). */
    private static Future<String> getvar(Function<String, Future<String>> api, String uuid, String name) {
        return api.apply("uuid_getvar " + uuid + " " + name)
                .map(v -> {
                    String t = v.trim();
                    return t.isEmpty() || t.equals("_undef_") ? null : t;
                })
                .recover(t -> t instanceof EslRequestException e && e.errorId().equals("pbx-rejected")
                        ? Future.succeededFuture(null) : Future.failedFuture(t));
    }

    private static int parsePriority(String p) {
        if (p == null) {
            return 0;
        }
        try {
            return Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
