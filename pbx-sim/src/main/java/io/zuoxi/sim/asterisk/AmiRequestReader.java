package io.zuoxi.sim.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Splits the client's byte stream into actions: header lines up to an empty line. Accepts CRLF and bare
 * LF line ends like Asterisk does; lines without a colon are ignored (Asterisk answers them as part of
 * the next action, fixture 09c). Oversized input is rejected so a client cannot grow our buffer without
 * bound.
 */
final class AmiRequestReader {

    /** One action as sent: headers in order (names kept as sent; lookup is case-insensitive). */
    record Request(List<String[]> headers) {
        String get(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }

        String action() {
            String a = get("Action");
            return a == null ? null : a.trim().toLowerCase(Locale.ROOT);
        }
    }

    static final int MAX_PENDING_CHARS = 64 * 1024;

    private final StringBuilder line = new StringBuilder();
    private List<String[]> headers = new ArrayList<>();
    private final Consumer<Request> sink;
    private int pending;

    AmiRequestReader(Consumer<Request> sink) {
        this.sink = sink;
    }

    /** Feeds decoded text; returns false when the client sent more than {@link #MAX_PENDING_CHARS} without ending an action. */
    boolean feed(String chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                endLine();
            } else if (c != '\r') {
                line.append(c);
                if (++pending > MAX_PENDING_CHARS) {
                    return false;
                }
            }
        }
        return true;
    }

    private void endLine() {
        String l = line.toString();
        line.setLength(0);
        if (l.isEmpty()) {
            if (!headers.isEmpty()) {
                List<String[]> done = headers;
                headers = new ArrayList<>();
                pending = 0;
                sink.accept(new Request(done));
            }
            return;
        }
        int colon = l.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String value = l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        headers.add(new String[] {l.substring(0, colon).trim(), value});
    }
}
