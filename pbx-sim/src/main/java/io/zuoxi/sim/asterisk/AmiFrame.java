package io.zuoxi.sim.asterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * An AMI frame being written: ordered header lines, duplicates allowed (a UserEvent repeats standard
 * header names after its body, fixtures README note 10), CRLF line ends and a blank line at the end.
 */
final class AmiFrame {

    private final List<String[]> headers = new ArrayList<>();

    static AmiFrame event(String name, String privilege) {
        AmiFrame f = new AmiFrame().add("Event", name);
        if (privilege != null) {
            f.add("Privilege", privilege);
        }
        return f;
    }

    static AmiFrame response(String response, String actionId) {
        return new AmiFrame().add("Response", response).addIfPresent("ActionID", actionId);
    }

    AmiFrame add(String name, Object value) {
        // CR/LF inside a value would split the frame; Asterisk never sends them, neither do we.
        String v = value == null ? "" : value.toString().replace("\r", " ").replace("\n", " ");
        headers.add(new String[] {name, v});
        return this;
    }

    AmiFrame addIfPresent(String name, String value) {
        return value == null ? this : add(name, value);
    }

    String encode() {
        StringBuilder sb = new StringBuilder(32 * headers.size() + 2);
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
