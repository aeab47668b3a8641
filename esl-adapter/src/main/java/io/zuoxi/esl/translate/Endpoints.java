package io.zuoxi.esl.translate;

/**
 * Device (dial-string form) from a FreeSWITCH channel name. Decision: a SIP channel on the
 * {@code internal} profile (where phones register), {@code sofia/internal/<user>@<host>}, is
 * reported as {@code user/<user>}, because Zuoxi rings agents with the directory dial string
 * {@code user/<user>} (it follows the registration, whatever the contact host) and the same device
 * must compare equal both ways. Other SIP profiles (trunks) keep {@code sofia/<profile>/<user>}
 * without the host; loopback halves {@code loopback/<dest>-a|-b} report {@code loopback/<dest>};
 * anything else keeps its name.
 */
public final class Endpoints {

    private Endpoints() {
    }

    public static String fromChannelName(String channel) {
        if (channel == null || channel.isEmpty()) {
            return "";
        }
        if (channel.startsWith("sofia/")) {
            int slash = channel.indexOf('/', "sofia/".length());
            if (slash > 0) {
                String user = channel.substring(slash + 1);
                int at = user.indexOf('@');
                if (at >= 0) {
                    user = user.substring(0, at);
                }
                if (user.startsWith("sip:")) {
                    user = user.substring(4);
                }
                if (!user.isEmpty()) {
                    String profile = channel.substring("sofia/".length(), slash);
                    return profile.equals("internal") ? "user/" + user : "sofia/" + profile + "/" + user;
                }
            }
            return channel;
        }
        if (channel.startsWith("loopback/") && (channel.endsWith("-a") || channel.endsWith("-b"))) {
            return channel.substring(0, channel.length() - 2);
        }
        return channel;
    }
}
