package io.zuoxi.esl.codec;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FreeSWITCH event, whatever wire format carried it: header names as FreeSWITCH spells them,
 * values decoded (plain events URL-encode them), and the event's own body ({@code _body} in JSON,
 * the part after the inner header block in plain; BACKGROUND_JOB results live there), or "".
 */
public final class EslEvent {

    private final String name;
    private final Map<String, String> headers;
    private final String body;

    /** Parsing builds a fresh map nobody else holds, so it is wrapped, not copied (hot path). */
    private EslEvent(String name, Map<String, String> ownedHeaders, String body, boolean owned) {
        this.name = name;
        this.headers = Collections.unmodifiableMap(ownedHeaders);
        this.body = body;
    }

    /** An event from given headers (copied); {@code Event-Name} must be among them. */
    public static EslEvent of(Map<String, String> headers, String body) {
        return create(new HashMap<>(headers), body);
    }

    public String name() {
        return name;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return "EslEvent[" + name + ", " + headers.size() + " headers, body " + body.length() + " chars]";
    }

    public String header(String key) {
        return headers.get(key);
    }

    public String header(String key, String fallback) {
        return headers.getOrDefault(key, fallback);
    }

    /** {@code Event-Subclass} of a CUSTOM event, else null. */
    public String subclass() {
        return headers.get("Event-Subclass");
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
        int[] blankAt = {-1};
        Map<String, String> headers = parsePlainHeaders(body, blankAt);
        int blank = blankAt[0];
        String inner = "";
        if (blank >= 0) {
            int bodyStart = blank + 2;
            int available = body.length - bodyStart;
            String length = headers.get("Content-Length");
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
        return create(headers, inner);
    }

    /**
     * The inner header block of a plain event, URL-decoding values straight from the bytes (this
     * is the hot path of the adapter: ~70 headers per channel event). Last occurrence of a name wins.
     */
    private static Map<String, String> parsePlainHeaders(byte[] data, int[] blankAt) {
        Map<String, String> headers = new HashMap<>(256);
        byte[] scratch = null;
        int lineStart = 0;
        int to = data.length;
        while (lineStart < to) {
            if (data[lineStart] == '\n') {
                blankAt[0] = lineStart - 1; // the inner body starts after this empty line
                break;
            }
            // one pass per line: name (hashing it), ": ", value (noting escapes), end of line
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
            boolean escaped = false;
            while (lineEnd < to) {
                byte b = data[lineEnd];
                if (b == '\n') {
                    break;
                }
                if (b == '%') {
                    escaped = true;
                }
                lineEnd++;
            }
            int contentEnd = lineEnd > vStart && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            String name = internName(data, lineStart, colon - lineStart, hash);
            int vLen = contentEnd - vStart;
            String value;
            if (!escaped) {
                value = new String(data, vStart, vLen, StandardCharsets.UTF_8);
            } else {
                if (scratch == null || scratch.length < vLen) {
                    scratch = new byte[Math.max(256, vLen)];
                }
                value = percentDecode(data, vStart, contentEnd, scratch);
            }
            headers.put(name, value);
            lineStart = lineEnd + 1;
        }
        return headers;
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
    private static String percentDecode(byte[] data, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '%' && i + 2 < to) {
                int hi = i + 1 < to ? hex(data[i + 1]) : -1;
                int lo = i + 2 < to ? hex(data[i + 2]) : -1;
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
        return new EslEvent(name, headers, body, true);
    }
}
