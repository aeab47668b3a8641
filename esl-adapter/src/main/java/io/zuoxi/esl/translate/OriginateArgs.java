package io.zuoxi.esl.translate;

/** Reads the {@code {k=v,...}} channel-variable prefix of an originate argument string. */
final class OriginateArgs {

    private OriginateArgs() {
    }

    /** {@code origination_uuid} from e.g. {@code {origination_uuid=x,originate_timeout=5}user/1001 &park()}. */
    static String originationUuid(String args) {
        if (!args.startsWith("{")) {
            return null;
        }
        int close = args.indexOf('}');
        if (close < 0) {
            return null;
        }
        for (String pair : args.substring(1, close).split(",")) {
            if (pair.startsWith("origination_uuid=")) {
                String v = pair.substring("origination_uuid=".length()).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
