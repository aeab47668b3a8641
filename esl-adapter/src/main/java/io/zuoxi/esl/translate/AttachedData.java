package io.zuoxi.esl.translate;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code zuoxi_data} encoding shared with the Asterisk side (ivr-dialplans contract): an
 * URL-encoded form {@code k1=v1&k2=v2}, keys and values percent-encoded. Pairs without '=' get an
 * empty value; undecodable escapes are kept verbatim rather than dropping the call's data.
 */
public final class AttachedData {

    private AttachedData() {
    }

    public static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isBlank() || form.equals("_undef_")) {
            return out;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!key.isEmpty()) {
                out.put(key, value);
            }
        }
        return out;
    }

    public static String format(Map<String, String> data) {
        StringJoiner joiner = new StringJoiner("&");
        data.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
