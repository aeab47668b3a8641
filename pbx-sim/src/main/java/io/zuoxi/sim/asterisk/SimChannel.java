package io.zuoxi.sim.asterisk;

import io.zuoxi.sim.PhoneBehaviour;

import java.util.LinkedHashMap;
import java.util.Map;

/** A live channel of the simulated Asterisk. Owned by the simulator's context; never shared across threads. */
final class SimChannel {

    enum Role { CALLER, AGENT }

    final String uniqueid;
    final String name;
    final Role role;
    final long createdAtMs;
    final Map<String, String> vars = new LinkedHashMap<>();

    String linkedid;
    int state;
    String callerNum = "<unknown>";
    String callerName = "<unknown>";
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context = "";
    String exten = "";
    int priority = 1;
    String application = "";
    String applicationData = "";
    boolean musicOnHold;
    SimBridge bridge;

    /** Pending originate of an agent leg still ringing (null once answered or failed). */
    PendingOriginate originate;
    PhoneBehaviour behaviour;
    long ringTimer = -1;
    long talkTimer = -1;
    long dialplanTimer = -1;

    SimChannel(String uniqueid, String name, Role role, long createdAtMs) {
        this.uniqueid = uniqueid;
        this.linkedid = uniqueid;
        this.name = name;
        this.role = role;
        this.createdAtMs = createdAtMs;
    }

    String stateDesc() {
        return stateDesc(state);
    }

    static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            default -> "Unknown";
        };
    }

    /** What an Originate asked for, kept until its OriginateResponse is sent. */
    record PendingOriginate(String actionId, String dialString, String context, String exten, String priority,
                            String application, String data, String callerNum, String callerName,
                            long timeoutMs) {
    }
}
