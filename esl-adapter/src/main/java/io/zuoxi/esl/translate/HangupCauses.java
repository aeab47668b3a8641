package io.zuoxi.esl.translate;

import io.zuoxi.core.pbx.PbxEvent.OriginateOutcome;

import java.util.HashMap;
import java.util.Map;

/**
 * FreeSWITCH hangup cause names ↔ Q.850 codes (switch_channel.c CAUSE_CHART), and the originate
 * outcome a cause stands for when it is the reason a {@code bgapi originate} failed.
 */
public final class HangupCauses {

    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final Map<Integer, String> BY_CODE = new HashMap<>();

    static {
        add("UNALLOCATED_NUMBER", 1);
        add("NO_ROUTE_TRANSIT_NET", 2);
        add("NO_ROUTE_DESTINATION", 3);
        add("CHANNEL_UNACCEPTABLE", 6);
        add("NORMAL_CLEARING", 16);
        add("USER_BUSY", 17);
        add("NO_USER_RESPONSE", 18);
        add("NO_ANSWER", 19);
        add("SUBSCRIBER_ABSENT", 20);
        add("CALL_REJECTED", 21);
        add("NUMBER_CHANGED", 22);
        add("EXCHANGE_ROUTING_ERROR", 25);
        add("DESTINATION_OUT_OF_ORDER", 27);
        add("INVALID_NUMBER_FORMAT", 28);
        add("FACILITY_REJECTED", 29);
        add("NORMAL_UNSPECIFIED", 31);
        add("NORMAL_CIRCUIT_CONGESTION", 34);
        add("NETWORK_OUT_OF_ORDER", 38);
        add("NORMAL_TEMPORARY_FAILURE", 41);
        add("SWITCH_CONGESTION", 42);
        add("REQUESTED_CHAN_UNAVAIL", 44);
        add("BEARERCAPABILITY_NOTAVAIL", 58);
        add("INCOMPATIBLE_DESTINATION", 88);
        add("RECOVERY_ON_TIMER_EXPIRE", 102);
        add("ORIGINATOR_CANCEL", 487);
        add("ALLOTTED_TIMEOUT", 602);
        add("MEDIA_TIMEOUT", 604);
        add("PICKED_OFF", 605);
        add("LOSE_RACE", 502);
        add("MANAGER_REQUEST", 503);
        add("CHAN_NOT_IMPLEMENTED", 66);
        add("INVALID_PROFILE", 0);
    }

    private HangupCauses() {
    }

    private static void add(String name, int code) {
        BY_NAME.put(name, code);
        BY_CODE.putIfAbsent(code, name);
    }

    /** Q.850 code for a cause name; FreeSWITCH-only causes keep their internal code; unknown → 0. */
    public static int code(String name) {
        return name == null ? 0 : BY_NAME.getOrDefault(name, 0);
    }

    /** Cause name for a Q.850 code, {@code NORMAL_CLEARING} when FreeSWITCH has no name for it. */
    public static String name(int code) {
        return BY_CODE.getOrDefault(code, "NORMAL_CLEARING");
    }

    /** What a failed originate's cause means to a dialler or the ACD. */
    public static OriginateOutcome outcome(String cause) {
        return switch (cause == null ? "" : cause) {
            case "USER_BUSY" -> OriginateOutcome.BUSY;
            // ORIGINATOR_CANCEL: our own originate_timeout / uuid_kill cancelled a ringing leg
            case "NO_ANSWER", "NO_USER_RESPONSE", "ALLOTTED_TIMEOUT", "ORIGINATOR_CANCEL" -> OriginateOutcome.NO_ANSWER;
            case "CALL_REJECTED" -> OriginateOutcome.REJECTED;
            case "UNALLOCATED_NUMBER", "INVALID_NUMBER_FORMAT", "NUMBER_CHANGED" -> OriginateOutcome.INVALID_NUMBER;
            case "NORMAL_CIRCUIT_CONGESTION", "SWITCH_CONGESTION" -> OriginateOutcome.CONGESTION;
            default -> OriginateOutcome.FAILED;
        };
    }
}
