package io.zuoxi.esl.translate;

import io.zuoxi.core.pbx.PbxCommand;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@link PbxCommand}s → ESL commands (table in {@code docs/pbx-mapping-esl.md}).
 *
 * <p>Safety: ESL is line based, so any CR/LF in an argument would smuggle a second command into
 * the socket; ids and endpoints are checked against a strict pattern and values containing control
 * characters are refused ({@link IllegalArgumentException} → error id {@code bad-command}).
 * Channel-variable values are single-quoted when they contain spaces and commas are escaped,
 * as the originate {@code {}} syntax requires.
 */
public final class EslCommands {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:;@+-]{1,128}");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9._:;@+/=-]{1,256}");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private EslCommands() {
    }

    /** The ESL command for {@code command}; {@link PbxCommand.ResyncLegs} has none (the adapter runs a resync). */
    public static EslRequest toEsl(PbxCommand command) {
        if (command instanceof PbxCommand.OriginateLeg o) {
            return EslRequest.bgapi(originate(o));
        }
        if (command instanceof PbxCommand.BridgeLegs b) {
            return EslRequest.api("uuid_bridge " + id(b.legA()) + " " + id(b.legB()));
        }
        if (command instanceof PbxCommand.HangupLeg h) {
            return EslRequest.api("uuid_kill " + id(h.legId()) + " " + HangupCauses.name(h.cause()));
        }
        if (command instanceof PbxCommand.SetLegVariable s) {
            return EslRequest.api("uuid_setvar " + id(s.legId()) + " " + varName(s.name()) + " " + plain(s.value()));
        }
        throw new IllegalArgumentException("no single ESL command for " + command.getClass().getSimpleName());
    }

    /**
     * {@code originate {origination_uuid=..,originate_timeout=..,...}<endpoint> &park()}: the agent
     * leg is parked silently until uuid_bridge joins it to the caller. ignore_early_media=true so
     * a device's 183 does not count as answered (fixture d: with early media originate returns
     * +OK at once).
     */
    static String originate(PbxCommand.OriginateLeg o) {
        Map<String, String> vars = new TreeMap<>();
        o.variables().forEach((k, v) -> vars.put(varName(k), v));
        StringBuilder sb = new StringBuilder("originate {origination_uuid=").append(id(o.legId()));
        long seconds = Math.max(1, (o.ringTimeout().toMillis() + 999) / 1000);
        sb.append(",originate_timeout=").append(seconds);
        sb.append(",ignore_early_media=true");
        if (o.callerIdNumber() != null && !o.callerIdNumber().isEmpty()) {
            sb.append(",origination_caller_id_number=").append(varValue(o.callerIdNumber()));
        }
        if (o.callerIdName() != null && !o.callerIdName().isEmpty()) {
            sb.append(",origination_caller_id_name=").append(varValue(o.callerIdName()));
        }
        vars.forEach((k, v) -> sb.append(',').append(k).append('=').append(varValue(v)));
        sb.append('}').append(endpoint(o.endpoint())).append(" &park()");
        return sb.toString();
    }

    private static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bad leg id: " + id);
        }
        return id;
    }

    private static String endpoint(String endpoint) {
        if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("bad endpoint: " + endpoint);
        }
        return endpoint;
    }

    private static String varName(String name) {
        if (name == null || !VAR_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad variable name: " + name);
        }
        return name;
    }

    private static String plain(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("control character in value");
            }
        }
        return value;
    }

    private static String varValue(String value) {
        String v = plain(value).replace("'", "").replace(",", "\\,").replace("}", "");
        return v.indexOf(' ') >= 0 ? "'" + v + "'" : v;
    }
}
