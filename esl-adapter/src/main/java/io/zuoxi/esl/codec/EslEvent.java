package io.zuoxi.esl.codec;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A FreeSWITCH event, whatever wire format carried it: header names as FreeSWITCH spells them,
 * values decoded (plain events URL-encode them), and the event's own body ({@code _body} in JSON,
 * the part after the inner header block in plain; BACKGROUND_JOB results live there), or "".
 */
public final class EslEvent {

    private final String name;
    private final String body;
    /** Decoded headers: given (JSON events, {@link #of}), or filled on first {@link #headers()} of a plain event. */
    private Map<String, String> headers;
    /** Plain events: the raw header block, indexed but not decoded (the translator reads ~10 of ~80 values). */
    private final RawHeaders raw;

    private EslEvent(String name, Map<String, String> headers, RawHeaders raw, String body) {
        this.name = name;
        this.headers = headers == null ? null : Collections.unmodifiableMap(headers);
        this.raw = raw;
        this.body = body;
    }

    /** An event from given headers (copied); {@code Event-Name} must be among them. */
    public static EslEvent of(Map<String, String> headers, String body) {
        return create(new HashMap<>(headers), body);
    }

    public String name() {
        return name;
    }

    /** Every header, decoded (for plain events decoded on first call; prefer {@link #header(String)}). */
    public Map<String, String> headers() {
        if (headers == null) {
            Map<String, String> all = new HashMap<>(raw.index.size() * 2);
            for (String key : raw.index.keySet()) {
                all.put(key, raw.value(key));
            }
            headers = Collections.unmodifiableMap(all);
        }
        return headers;
    }

    /** The header names, without decoding any value. */
    public Set<String> headerNames() {
        return raw != null ? Collections.unmodifiableSet(raw.index.keySet()) : headers.keySet();
    }

    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return "EslEvent[" + name + ", " + headerNames().size() + " headers, body " + body.length() + " chars]";
    }

    public String header(String key) {
        return raw != null ? raw.value(key) : headers.get(key);
    }

    public String header(String key, String fallback) {
        String v = header(key);
        return v != null ? v : fallback;
    }

    /** {@code Event-Subclass} of a CUSTOM event, else null. */
    public String subclass() {
        return header("Event-Subclass");
    }

    /**
     * Parses the body of an event frame. text/event-plain: an inner header block (URL-encoded
     * values), then an optional inner body of its own Content-Length bytes. text/event-json: one
     * JSON object, {@code _body} is the body. Throws {@link EslDecodeException} on malformed input
     * or other content types (xml is not subscribed to by Zuoxi).
     */
    public static EslEvent parse(EslFrame frame) {
        return switch (frame.contentType()) {
            case EslFrame.EVENT_PLAIN -> parsePlain(frame.body());
            case EslFrame.EVENT_JSON -> parseJson(frame.bodyText());
            default -> throw new EslDecodeException("not a plain or json event: " + frame.contentType());
        };
    }

    /**
     * The Event-Name of a text/event-plain frame when it is the first header (FreeSWITCH always
     * puts it first), without parsing the rest; null otherwise. Lets a consumer skip events it
     * does not use cheaply.
     */
    public static String peekName(EslFrame frame) {
        byte[] b = frame.body();
        if (!frame.contentType().equals(EslFrame.EVENT_PLAIN) || b.length < 13) {
            return null;
        }
        for (int i = 0; i < 12; i++) {
            if (b[i] != PREFIX[i]) {
                return null;
            }
        }
        int end = 12;
        while (end < b.length && b[end] != '\n' && b[end] != '\r' && b[end] != '%') {
            end++;
        }
        return end < b.length && b[end] == '%' ? null : new String(b, 12, end - 12, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] PREFIX = "Event-Name: ".getBytes(StandardCharsets.US_ASCII);

    static EslEvent parsePlain(byte[] body) {
        RawHeaders raw = RawHeaders.index(body);
        int blank = raw.blankAt;
        String inner = "";
        if (blank >= 0) {
            int bodyStart = blank + 2;
            int available = body.length - bodyStart;
            String length = raw.value("Content-Length");
            int n = available;
            if (length != null) {
                try {
                    n = Integer.parseInt(length);
                } catch (NumberFormatException e) {
                    throw new EslDecodeException("bad inner Content-Length: " + length);
                }
                if (n < 0 || n > available) {
                    throw new EslDecodeException("inner Content-Length " + n + " but " + available + " bytes left");
                }
            }
            inner = new String(body, bodyStart, n, StandardCharsets.UTF_8);
        }
        String name = raw.value("Event-Name");
        if (name == null) {
            throw new EslDecodeException("event without Event-Name");
        }
        return new EslEvent(name, null, raw, inner);
    }

    /**
     * The inner header block of a plain event (the hot path of the adapter: ~80 headers, ~3.6 KB per
     * channel event). One pass over the bytes finds every line's name and value; a value is URL-decoded
     * only when it is read, once. Last occurrence of a name wins. The bytes are the frame's own and
     * never change.
     */
    private static final class RawHeaders {
        final byte[] data;
        /** name → line number; Integer.valueOf caches the small numbers used here. */
        final Map<String, Integer> index = new HashMap<>(256);
        int[] starts = new int[96];
        int[] ends = new int[96];
        String[] decoded = new String[96];
        int blankAt = -1;

        private RawHeaders(byte[] data) {
            this.data = data;
        }

        String value(String key) {
            Integer line = index.get(key);
            if (line == null) {
                return null;
            }
            String v = decoded[line];
            if (v == null) {
                v = percentDecode(data, starts[line], ends[line]);
                decoded[line] = v;
            }
            return v;
        }

        private void add(String name, int from, int to) {
            int line = index.size();
            Integer previous = index.get(name);
            if (previous != null) {
                line = previous;
            } else {
                if (line == starts.length) {
                    int n = line * 2;
                    starts = Arrays.copyOf(starts, n);
                    ends = Arrays.copyOf(ends, n);
                    decoded = Arrays.copyOf(decoded, n);
                }
                index.put(name, line);
            }
            starts[line] = from;
            ends[line] = to;
            decoded[line] = null;
        }

        static RawHeaders index(byte[] data) {
            RawHeaders h = new RawHeaders(data);
            int lineStart = 0;
            int to = data.length;
            while (lineStart < to) {
                if (data[lineStart] == '\n') {
                    h.blankAt = lineStart - 1; // the inner body starts after this empty line
                    break;
                }
                // one pass per line: name (hashing it), ": ", value up to the end of line
                int colon = -1;
                int hash = 0;
                int i = lineStart;
                while (i < to) {
                    byte b = data[i];
                    if (b == '\n') {
                        break;
                    }
                    if (b == ':' && i + 1 < to && data[i + 1] == ' ') {
                        colon = i;
                        break;
                    }
                    hash = 31 * hash + b;
                    i++;
                }
                if (colon <= lineStart) {
                    if (i == lineStart + 1 && data[lineStart] == '\r') { // a lone CR line
                        lineStart = i + 1;
                        continue;
                    }
                    throw new EslDecodeException("malformed event header line");
                }
                int vStart = colon + 2;
                int lineEnd = vStart;
                while (lineEnd < to && data[lineEnd] != '\n') {
                    lineEnd++;
                }
                int contentEnd = lineEnd > vStart && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                h.add(internName(data, lineStart, colon - lineStart, hash), vStart, contentEnd);
                lineStart = lineEnd + 1;
            }
            return h;
        }
    }

    /**
     * Header names repeat (~100 distinct ones): one shared String per name saves an allocation and
     * a hash computation per header. Entries are immutable, so unsynchronised races only cost a
     * cache miss.
     */
    private static final Name[] NAMES = new Name[4096];

    private record Name(byte[] bytes, String string, int hash) {}

    private static String internName(byte[] data, int from, int len, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (NAMES.length - 1);
        Name cached = NAMES[slot];
        if (cached != null && cached.hash == hash && cached.bytes.length == len
                && Arrays.equals(cached.bytes, 0, len, data, from, from + len)) {
            return cached.string;
        }
        String name = new String(data, from, len, StandardCharsets.ISO_8859_1);
        if (len <= 80) {
            NAMES[slot] = new Name(Arrays.copyOfRange(data, from, from + len), name, hash);
        }
        return name;
    }

    /** %XX → byte, then UTF-8; a '%' not followed by two hex digits is kept verbatim. '+' stays '+'. */
    private static String percentDecode(byte[] data, int from, int to) {
        int first = from;
        while (first < to && data[first] != '%') {
            first++;
        }
        if (first == to) {
            return new String(data, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '%' && i + 2 < to) {
                int hi = hex(data[i + 1]);
                int lo = hex(data[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) ((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    static EslEvent parseJson(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new EslDecodeException("bad event json: " + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String body = "";
        for (Map.Entry<String, Object> e : json) {
            if (e.getKey().equals("_body")) {
                body = String.valueOf(e.getValue());
            } else if (e.getValue() != null) {
                headers.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return create(headers, body);
    }

    private static EslEvent create(Map<String, String> headers, String body) {
        String name = headers.get("Event-Name");
        if (name == null) {
            throw new EslDecodeException("event without Event-Name");
        }
        return new EslEvent(name, headers, null, body);
    }
}
