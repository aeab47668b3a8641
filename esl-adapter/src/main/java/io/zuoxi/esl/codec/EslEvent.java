package io.zuoxi.esl.codec;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FreeSWITCH event, whatever wire format carried it: header names as FreeSWITCH spells them,
 * values decoded (plain events URL-encode them), and the event's own body ({@code _body} in JSON,
 * the part after the inner header block in plain; BACKGROUND_JOB results live there), or "".
 */
public record EslEvent(String name, Map<String, String> headers, String body) {

    public EslEvent {
        headers = Map.copyOf(headers);
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

    static EslEvent parsePlain(byte[] body) {
        int blank = -1;
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '\n' && body[i + 1] == '\n') {
                blank = i;
                break;
            }
        }
        int headerEnd = blank < 0 ? body.length : blank;
        Map<String, String> raw = EslFrameDecoder.parseHeaders(body, 0, headerEnd);
        Map<String, String> headers = new LinkedHashMap<>(raw.size() * 2);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            headers.put(e.getKey(), urlDecode(e.getValue()));
        }
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
        return of(headers, inner);
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
        return of(headers, body);
    }

    private static EslEvent of(Map<String, String> headers, String body) {
        String name = headers.get("Event-Name");
        if (name == null) {
            throw new EslDecodeException("event without Event-Name");
        }
        return new EslEvent(name, headers, body);
    }

    private static String urlDecode(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        try {
            // FreeSWITCH encodes spaces as %20; a literal '+' stays '+', so protect it first
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // a stray '%' is kept verbatim rather than losing the event
        }
    }
}
