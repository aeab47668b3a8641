package io.zuoxi.esl.codec;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One ESL frame as FreeSWITCH sent it: the outer header block (values verbatim, not URL-decoded)
 * and the body bytes that {@code Content-Length} announced (empty when there was none). The body
 * is kept as bytes because the length counts bytes; {@link #bodyText()} decodes it as UTF-8.
 */
public record EslFrame(Map<String, String> headers, byte[] body) {

    public static final String AUTH_REQUEST = "auth/request";
    public static final String COMMAND_REPLY = "command/reply";
    public static final String API_RESPONSE = "api/response";
    public static final String EVENT_PLAIN = "text/event-plain";
    public static final String EVENT_JSON = "text/event-json";
    public static final String EVENT_XML = "text/event-xml";
    public static final String DISCONNECT_NOTICE = "text/disconnect-notice";

    public EslFrame {
        headers = Map.copyOf(headers);
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "");
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code Reply-Text} of a command/reply, else the body text of an api/response. */
    public String replyText() {
        String reply = headers.get("Reply-Text");
        return reply != null ? reply : bodyText();
    }

    public boolean isEvent() {
        String type = contentType();
        return type.equals(EVENT_PLAIN) || type.equals(EVENT_JSON) || type.equals(EVENT_XML);
    }

    @Override
    public String toString() {
        return "EslFrame" + headers + "+" + body.length + "B";
    }
}
