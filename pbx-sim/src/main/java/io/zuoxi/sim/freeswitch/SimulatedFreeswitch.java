package io.zuoxi.sim.freeswitch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FreeSWITCH 1.10 event socket (inbound mode) over real TCP, with frames shaped like the
 * recorded transcripts ({@code fixtures/freeswitch-1.10}): {@code auth/request} on connect,
 * {@code -ERR command not found} before auth, {@code -ERR invalid} + disconnect notice on a wrong
 * password, {@code -ERR command parse error.} + disconnect on garbage, {@code event plain|json},
 * {@code api} (status, version, show channels/calls as json, uuid_bridge, uuid_kill, uuid_setvar,
 * uuid_getvar) and {@code bgapi originate} with BACKGROUND_JOB results per {@link PhoneBehaviour}.
 *
 * <p>Calls follow the Zuoxi dialplan include: an inbound caller is answered and fires the CUSTOM
 * hand-off event with zuoxi_queue / zuoxi_priority / zuoxi_data. Like real FreeSWITCH after
 * {@code uuid_bridge} without park_after_bridge, when one bridged leg hangs up the other is hung up
 * too, and CHANNEL_UNBRIDGE comes after the first leg's hangup (fixture quirk 4).
 *
 * <p>All public methods are thread-safe (one monitor); socket writes are thread-safe in Vert.x.
 */
public final class SimulatedFreeswitch implements SimulatedPbx {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFreeswitch.class);
    private static final String CORE_UUID = UUID.randomUUID().toString();
    private static final String DISCONNECT_BODY = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    private final Vertx vertx;
    private final SimulatedFreeswitchConfig config;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final Map<String, PhoneBehaviour> phones = new HashMap<>();
    private final Map<String, String> globals = new HashMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private NetServer server;
    private int port;
    private long sequence;

    public SimulatedFreeswitch(Vertx vertx, SimulatedFreeswitchConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public Future<Integer> start() {
        server = vertx.createNetServer();
        server.connectHandler(this::accept);
        return server.listen(config.port(), config.host()).map(s -> {
            port = s.actualPort();
            LOG.info("simulated FreeSWITCH event socket on {}:{}", config.host(), port);
            return port;
        });
    }

    @Override
    public Future<Void> stop() {
        synchronized (this) {
            legs.values().forEach(l -> l.timers.forEach(vertx::cancelTimer));
            legs.clear();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized String placeInboundCall(InboundCall call) {
        Leg leg = new Leg(UUID.randomUUID().toString(), "sofia/external/" + call.callerNumber() + "@127.0.0.1",
                "inbound", call.callerNumber(), call.callerName(), call.dialedNumber());
        legs.put(leg.uuid, leg);
        emit(channelEvent("CHANNEL_CREATE", leg));
        leg.callState = "ACTIVE";
        leg.answerState = "answered";
        emit(channelEvent("CHANNEL_ANSWER", leg));
        // what the IVR does (set the three variables, transfer) and then ivr-dialplans/freeswitch/
        // zuoxi_handoff.xml: defaults, zuoxi_state/entered/called, answer, fire the event
        StringJoiner data = new StringJoiner("&");
        call.attachedData().forEach((k, v) -> data.add(formEncode(k) + "=" + formEncode(v)));
        leg.vars.put("zuoxi_queue", call.queue());
        leg.vars.put("zuoxi_priority", Integer.toString(call.priority()));
        leg.vars.put("zuoxi_data", data.toString());
        leg.vars.put("zuoxi_called", leg.dest);
        leg.vars.put("zuoxi_entered_epoch", Long.toString(System.currentTimeMillis() / 1000));
        leg.vars.put("zuoxi_state", "waiting");
        leg.dest = "zuoxi-handoff"; // the transfer into the hand-off extension
        Map<String, String> custom = channelEvent("CUSTOM", leg);
        custom.put("Event-Subclass", config.handoffSubclass());
        custom.put("zuoxi_queue", call.queue());
        custom.put("zuoxi_priority", Integer.toString(call.priority()));
        // ${replace(${zuoxi_data}|%|%25)}: survives the plain event encoding, which leaves %XX alone
        custom.put("zuoxi_data", data.toString().replace("%", "%25"));
        custom.put("zuoxi_called", leg.vars.get("zuoxi_called"));
        emit(custom);
        return leg.uuid;
    }

    /** A global variable as {@code global_setvar} left it (e.g. Zuoxi's {@code zuoxi_heartbeat}), or null. */
    public synchronized String global(String name) {
        return globals.get(name);
    }

    @Override
    public synchronized boolean fallBack(String legId) {
        Leg leg = legs.get(legId);
        if (leg == null) {
            return false;
        }
        if ("waiting".equals(leg.vars.get("zuoxi_state")) && leg.bridgedWith == null) {
            leg.vars.put("zuoxi_state", "fallback");
            Map<String, String> custom = channelEvent("CUSTOM", leg);
            custom.put("Event-Subclass", "zuoxi::call_fallback");
            custom.put("zuoxi_queue", leg.vars.getOrDefault("zuoxi_queue", ""));
            custom.put("zuoxi_reason", "timeout");
            emit(custom);
        }
        return true;
    }

    @Override
    public synchronized boolean hangup(String legId) {
        Leg leg = legs.get(legId);
        if (leg == null) {
            return false;
        }
        hangupLeg(leg, "NORMAL_CLEARING", 16);
        return true;
    }

    @Override
    public synchronized void setPhone(String endpoint, PhoneBehaviour behaviour) {
        phones.put(endpoint, behaviour);
    }

    @Override
    public synchronized List<String> liveLegs() {
        return List.copyOf(legs.keySet());
    }

    @Override
    public synchronized String bridgedWith(String legId) {
        Leg leg = legs.get(legId);
        return leg == null ? null : leg.bridgedWith;
    }

    @Override
    public void dropConnections() {
        for (Client c : clients) {
            c.socket.close();
        }
    }

    @Override
    public void injectRaw(String data) {
        for (Client c : clients) {
            if (c.authed) {
                c.socket.write(Buffer.buffer(data.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public int loggedInClients() {
        int n = 0;
        for (Client c : clients) {
            if (c.authed) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- socket side

    private void accept(NetSocket socket) {
        Client client = new Client(socket);
        clients.add(client);
        socket.closeHandler(v -> clients.remove(client));
        socket.handler(chunk -> client.received(chunk));
        socket.write("Content-Type: auth/request\n\n");
    }

    private final class Client {
        final NetSocket socket;
        final StringBuilder pending = new StringBuilder();
        volatile boolean authed;
        boolean json;
        boolean all;
        final Set<String> events = new HashSet<>();
        boolean closing;

        Client(NetSocket socket) {
            this.socket = socket;
        }

        void received(Buffer chunk) {
            if (closing) {
                return;
            }
            pending.append(chunk.toString(StandardCharsets.UTF_8).replace("\r", ""));
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String block = pending.substring(0, end);
                pending.delete(0, end + 2);
                while (block.startsWith("\n")) {
                    block = block.substring(1);
                }
                if (!block.isEmpty()) {
                    command(this, block);
                }
                if (closing) {
                    return;
                }
            }
        }

        boolean wants(String name, String subclass) {
            if (!authed) {
                return false;
            }
            if (all || events.contains(name)) {
                return !name.equals("CUSTOM") || all || subclass == null || events.contains(subclass);
            }
            return false;
        }

        void reply(String text) {
            socket.write("Content-Type: command/reply\nReply-Text: " + text + "\n\n");
        }

        void api(String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            socket.write(Buffer.buffer("Content-Type: api/response\nContent-Length: " + b.length + "\n\n")
                    .appendBytes(b));
        }

        void goodbye() {
            closing = true;
            socket.write("Content-Type: text/disconnect-notice\nContent-Length: "
                    + DISCONNECT_BODY.getBytes(StandardCharsets.UTF_8).length + "\n\n" + DISCONNECT_BODY);
            socket.close();
        }
    }

    private void command(Client c, String block) {
        String[] lines = block.split("\n");
        String line = lines[0];
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
            }
        }
        if (line.chars().anyMatch(ch -> ch < 0x20 || ch == 0xfffd)) {
            c.reply("-ERR command parse error.");
            c.goodbye();
            return;
        }
        String[] words = line.split(" ", 2);
        String verb = words[0].toLowerCase();
        String rest = words.length > 1 ? words[1] : "";
        if (!c.authed) {
            if (verb.equals("auth") && !rest.isEmpty()) {
                if (rest.equals(config.password())) {
                    c.authed = true;
                    c.reply("+OK accepted");
                } else {
                    c.reply("-ERR invalid");
                    c.goodbye();
                }
            } else {
                c.reply("-ERR command not found");
            }
            return;
        }
        switch (verb) {
            case "event" -> subscribe(c, rest);
            case "noevents" -> {
                c.events.clear();
                c.all = false;
                c.reply("+OK no longer listening for events");
            }
            case "exit" -> {
                c.reply("+OK bye");
                c.goodbye();
            }
            case "api" -> c.api(api(rest));
            case "bgapi" -> {
                if (rest.isEmpty()) {
                    c.reply("-ERR command not found");
                    return;
                }
                String job = headers.getOrDefault("Job-UUID", UUID.randomUUID().toString());
                c.socket.write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job
                        + "\n\n");
                bgapi(job, rest);
            }
            default -> c.reply("-ERR command not found");
        }
    }

    private void subscribe(Client c, String rest) {
        String[] words = rest.trim().split(" +");
        String format = words[0];
        if (words.length < 2) {
            c.reply("-ERR no keywords supplied");
            return;
        }
        c.json = format.equals("json");
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals("ALL")) {
                c.all = true;
            } else {
                c.events.add(words[i]);
            }
        }
        c.reply("+OK event listener enabled " + (c.json ? "json" : "plain"));
    }

    private synchronized String api(String rest) {
        String[] w = rest.split(" ");
        switch (w[0]) {
            case "status":
                return "UP 0 years, 0 days, 0 hours, 0 minutes, 1 second, 0 milliseconds, 0 microseconds\n"
                        + "FreeSWITCH (Version 1.10.12-release simulated) is ready\n" + legs.size()
                        + " session(s) - peak 0, last 5min 0\n";
            case "version":
                return "FreeSWITCH Version 1.10.12-release+zuoxi-sim~64bit (simulated)\n";
            case "show":
                if (rest.equals("show channels as json")) {
                    return showChannels();
                }
                if (rest.equals("show calls as json")) {
                    return showCalls();
                }
                return "-USAGE: show channels|calls as json (simulator)\n";
            case "uuid_bridge": {
                if (w.length < 3) {
                    return "-USAGE: <uuid> <other_uuid>\n";
                }
                Leg a = legs.get(w[1]);
                Leg b = legs.get(w[2]);
                if (a == null || b == null) {
                    return "-ERR no such channel " + (a == null ? w[1] : w[2]) + "\n";
                }
                bridge(a, b);
                return "+OK " + b.uuid + "\n";
            }
            case "uuid_kill": {
                Leg leg = w.length > 1 ? legs.get(w[1]) : null;
                if (leg == null) {
                    return "-ERR No such channel!\n";
                }
                String cause = w.length > 2 ? w[2] : "NORMAL_CLEARING";
                hangupLeg(leg, cause, q850(cause));
                return "+OK\n";
            }
            case "uuid_setvar": {
                Leg leg = w.length > 2 ? legs.get(w[1]) : null;
                if (leg == null) {
                    return "-ERR No such channel!\n";
                }
                String[] parts = rest.split(" ", 4);
                leg.vars.put(parts[2], parts.length > 3 ? parts[3] : "");
                return "+OK\n";
            }
            case "global_setvar": {
                String[] kv = rest.substring(w[0].length()).trim().split("=", 2);
                if (kv[0].isEmpty()) {
                    return "-USAGE: <var>=<value>\n";
                }
                globals.put(kv[0], kv.length > 1 ? kv[1] : "");
                return "+OK\n";
            }
            case "global_getvar": {
                return globals.getOrDefault(w.length > 1 ? w[1] : "", "");
            }
            case "uuid_getvar": {
                Leg leg = w.length > 2 ? legs.get(w[1]) : null;
                if (leg == null) {
                    return "-ERR No such channel!\n";
                }
                String v = leg.vars.get(w[2]);
                return v == null || v.isEmpty() ? "_undef_" : v;
            }
            default:
                return "-ERR " + w[0] + " Command not found!\n";
        }
    }

    private String showChannels() {
        if (legs.isEmpty()) {
            return "{\"row_count\":0}\n";
        }
        JsonArray rows = new JsonArray();
        for (Leg l : legs.values()) {
            rows.add(new JsonObject().put("uuid", l.uuid).put("direction", l.direction).put("name", l.name)
                    .put("state", "CS_EXECUTE").put("cid_name", l.cidName).put("cid_num", l.cidNum)
                    .put("dest", l.dest).put("callstate", l.callState).put("call_uuid", l.uuid)
                    .put("application", l.bridgedWith != null ? "" : "park"));
        }
        return new JsonObject().put("row_count", rows.size()).put("rows", rows).encode() + "\n";
    }

    private String showCalls() {
        JsonArray rows = new JsonArray();
        for (Leg l : legs.values()) {
            if (l.bridgeA && l.bridgedWith != null) {
                rows.add(new JsonObject().put("uuid", l.uuid).put("name", l.name).put("b_uuid", l.bridgedWith));
            } else if (l.bridgedWith == null) {
                rows.add(new JsonObject().put("uuid", l.uuid).put("name", l.name).put("b_uuid", ""));
            }
        }
        if (rows.isEmpty()) {
            return "{\"row_count\":0}\n";
        }
        return new JsonObject().put("row_count", rows.size()).put("rows", rows).encode() + "\n";
    }

    // ---------------------------------------------------------------- call model

    private synchronized void bgapi(String job, String command) {
        if (!command.startsWith("originate ")) {
            String result = api(command);
            backgroundJob(job, command.split(" ", 2)[0], command.contains(" ") ? command.split(" ", 2)[1] : "", result);
            return;
        }
        String args = command.substring("originate ".length());
        Map<String, String> vars = new LinkedHashMap<>();
        String target = args;
        if (args.startsWith("{")) {
            int close = args.indexOf('}');
            vars = parseVars(args.substring(1, close));
            target = args.substring(close + 1);
        }
        String endpoint = target.split(" ", 2)[0];
        String uuid = vars.getOrDefault("origination_uuid", UUID.randomUUID().toString());
        long timeoutMs = originateTimeoutMs(vars.get("originate_timeout"));
        PhoneBehaviour phone = phones.get(endpoint);
        if (phone == null) {
            phone = endpoint.startsWith("user/") ? config.defaultPhone() : PhoneBehaviour.unreachable();
        }
        if (phone.mode() == PhoneBehaviour.Mode.UNREACHABLE) {
            backgroundJob(job, "originate", args, endpoint.startsWith("user/") ? "-ERR USER_NOT_REGISTERED\n"
                    : "-ERR CHAN_NOT_IMPLEMENTED\n");
            return;
        }
        String user = endpoint.contains("/") ? endpoint.substring(endpoint.indexOf('/') + 1) : endpoint;
        Leg leg = new Leg(uuid, "sofia/internal/" + user + "@127.0.0.1", "outbound",
                vars.getOrDefault("origination_caller_id_number", "0000000000"),
                vars.getOrDefault("origination_caller_id_name", "Outbound Call"), user);
        vars.forEach((k, v) -> {
            if (!k.startsWith("origination_") && !k.equals("originate_timeout")) {
                leg.vars.put(k, v);
            }
        });
        legs.put(uuid, leg);
        emit(channelEvent("CHANNEL_CREATE", leg));
        if (phone.mode() == PhoneBehaviour.Mode.BUSY) {
            endLeg(leg, "USER_BUSY", 17);
            backgroundJob(job, "originate", args, "-ERR USER_BUSY\n");
            return;
        }
        leg.callState = "RINGING";
        emit(channelEvent("CHANNEL_PROGRESS", leg));
        PhoneBehaviour behaviour = phone;
        leg.timers.add(vertx.setTimer(timeoutMs, id -> ringTimeout(job, args, leg)));
        if (behaviour.mode() == PhoneBehaviour.Mode.ANSWER) {
            long ring = Math.max(1, behaviour.answerAfter() == null ? 1 : behaviour.answerAfter().toMillis());
            if (ring < timeoutMs) {
                leg.timers.add(vertx.setTimer(ring, id -> answered(job, args, leg, behaviour.hangupAfter())));
            }
        }
    }

    /** originate_timeout is whole seconds; absent or unreadable falls back to the configured default, as FreeSWITCH does. */
    private long originateTimeoutMs(String seconds) {
        if (seconds != null && seconds.matches("[0-9]{1,6}") && Long.parseLong(seconds) > 0) {
            return Long.parseLong(seconds) * 1000;
        }
        return Math.max(1, config.defaultOriginateTimeout().toMillis());
    }

    private synchronized void ringTimeout(String job, String args, Leg leg) {
        if (legs.get(leg.uuid) != leg || !leg.callState.equals("RINGING")) {
            return;
        }
        endLeg(leg, "NO_ANSWER", 19);
        backgroundJob(job, "originate", args, "-ERR NO_ANSWER\n");
    }

    private synchronized void answered(String job, String args, Leg leg, Duration hangupAfter) {
        if (legs.get(leg.uuid) != leg || !leg.callState.equals("RINGING")) {
            return;
        }
        leg.callState = "ACTIVE";
        leg.answerState = "answered";
        emit(channelEvent("CHANNEL_ANSWER", leg));
        backgroundJob(job, "originate", args, "+OK " + leg.uuid + "\n");
        if (hangupAfter != null) {
            leg.timers.add(vertx.setTimer(Math.max(1, hangupAfter.toMillis()), id -> hangup(leg.uuid)));
        }
    }

    private void bridge(Leg a, Leg b) {
        if (a.bridgedWith != null || b.bridgedWith != null) {
            unbridge(a.bridgedWith != null ? a : b);
        }
        a.bridgedWith = b.uuid;
        b.bridgedWith = a.uuid;
        a.bridgeA = true;
        b.bridgeA = false;
        a.callState = "ACTIVE";
        b.callState = "ACTIVE";
        Map<String, String> e = channelEvent("CHANNEL_BRIDGE", a);
        e.put("Bridge-A-Unique-ID", a.uuid);
        e.put("Bridge-B-Unique-ID", b.uuid);
        e.put("Other-Leg-Unique-ID", b.uuid);
        emit(e);
    }

    private void unbridge(Leg leg) {
        Leg other = legs.get(leg.bridgedWith);
        Leg a = leg.bridgeA || other == null ? leg : other;
        Leg b = a == leg ? other : leg;
        Map<String, String> e = channelEvent("CHANNEL_UNBRIDGE", a);
        e.put("Bridge-A-Unique-ID", a.uuid);
        if (b != null) {
            e.put("Bridge-B-Unique-ID", b.uuid);
            e.put("Other-Leg-Unique-ID", b.uuid);
            b.bridgedWith = null;
        }
        a.bridgedWith = null;
        emit(e);
    }

    /** Hangs a leg up; a bridged partner follows (no park_after_bridge), after the unbridge. */
    private void hangupLeg(Leg leg, String cause, int q850) {
        String partner = leg.bridgedWith;
        endLeg(leg, cause, q850);
        if (partner != null) {
            Leg other = legs.get(partner);
            if (other != null) {
                Leg a = leg.bridgeA ? leg : other;
                Map<String, String> e = channelEvent("CHANNEL_UNBRIDGE", a);
                e.put("Bridge-A-Unique-ID", a.uuid);
                e.put("Bridge-B-Unique-ID", a == leg ? other.uuid : leg.uuid);
                emit(e);
                other.bridgedWith = null;
                endLeg(other, "NORMAL_CLEARING", 16);
            }
        }
    }

    private void endLeg(Leg leg, String cause, int q850) {
        legs.remove(leg.uuid);
        leg.timers.forEach(vertx::cancelTimer);
        leg.callState = "HANGUP";
        Map<String, String> e = channelEvent("CHANNEL_HANGUP_COMPLETE", leg);
        e.put("Hangup-Cause", cause);
        e.put("variable_hangup_cause", cause);
        e.put("variable_hangup_cause_q850", Integer.toString(q850));
        emit(e);
        leg.bridgedWith = null;
    }

    private void backgroundJob(String job, String command, String args, String body) {
        Map<String, String> e = baseEvent("BACKGROUND_JOB");
        e.put("Job-UUID", job);
        e.put("Job-Command", command);
        e.put("Job-Command-Arg", args);
        emit(e, body);
    }

    private static int q850(String cause) {
        return switch (cause) {
            case "USER_BUSY" -> 17;
            case "NO_ANSWER" -> 19;
            case "CALL_REJECTED" -> 21;
            case "ORIGINATOR_CANCEL" -> 487;
            case "MANAGER_REQUEST" -> 503;
            default -> 16;
        };
    }

    private static Map<String, String> parseVars(String s) {
        Map<String, String> vars = new LinkedHashMap<>();
        StringBuilder cur = new StringBuilder();
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (ch == '\'') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                vars.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return vars;
    }

    // ---------------------------------------------------------------- event frames

    private Map<String, String> baseEvent(String name) {
        Map<String, String> e = new LinkedHashMap<>();
        long micros = System.currentTimeMillis() * 1000;
        e.put("Event-Name", name);
        e.put("Core-UUID", CORE_UUID);
        e.put("FreeSWITCH-Hostname", "zuoxi-sim");
        e.put("FreeSWITCH-Switchname", "zuoxi-sim");
        e.put("FreeSWITCH-IPv4", "127.0.0.1");
        e.put("Event-Date-Timestamp", Long.toString(micros));
        e.put("Event-Calling-File", "zuoxi_sim.c");
        e.put("Event-Sequence", Long.toString(++sequence));
        return e;
    }

    private Map<String, String> channelEvent(String name, Leg leg) {
        Map<String, String> e = baseEvent(name);
        e.put("Channel-State", leg.callState.equals("HANGUP") ? "CS_REPORTING" : "CS_EXECUTE");
        e.put("Channel-Call-State", leg.callState);
        e.put("Channel-Name", leg.name);
        e.put("Unique-ID", leg.uuid);
        e.put("Call-Direction", leg.direction);
        e.put("Presence-Call-Direction", leg.direction);
        e.put("Channel-Call-UUID", leg.uuid);
        e.put("Answer-State", leg.answerState);
        e.put("Caller-Direction", leg.direction);
        e.put("Caller-Caller-ID-Name", leg.cidName);
        e.put("Caller-Caller-ID-Number", leg.cidNum);
        e.put("Caller-Destination-Number", leg.dest);
        e.put("Caller-Unique-ID", leg.uuid);
        e.put("Caller-Channel-Name", leg.name);
        e.put("variable_uuid", leg.uuid);
        e.put("variable_call_uuid", leg.uuid);
        leg.vars.forEach((k, v) -> e.put("variable_" + k, v));
        return e;
    }

    private void emit(Map<String, String> headers) {
        emit(headers, "");
    }

    private void emit(Map<String, String> headers, String body) {
        String name = headers.get("Event-Name");
        String subclass = headers.get("Event-Subclass");
        String plain = null;
        String json = null;
        for (Client c : clients) {
            if (!c.wants(name, subclass)) {
                continue;
            }
            if (c.json) {
                if (json == null) {
                    JsonObject o = new JsonObject();
                    headers.forEach(o::put);
                    if (!body.isEmpty()) {
                        o.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
                        o.put("_body", body);
                    }
                    json = frame("text/event-json", o.encode());
                }
                c.socket.write(json);
            } else {
                if (plain == null) {
                    StringBuilder sb = new StringBuilder();
                    headers.forEach((k, v) -> sb.append(k).append(": ").append(urlEncode(v)).append('\n'));
                    if (!body.isEmpty()) {
                        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                                .append("\n\n").append(body);
                    } else {
                        sb.append('\n');
                    }
                    plain = frame("text/event-plain", sb.toString());
                }
                c.socket.write(plain);
            }
        }
    }

    private static String frame(String type, String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: " + type + "\n\n"
                + body;
    }

    /** SWITCH_URL_UNSAFE (switch_utils.h). */
    private static final String URL_UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";

    /**
     * FreeSWITCH's switch_url_encode as the plain event serializer calls it (switch_url_encode_opt
     * without double_encode): unsafe and non-ASCII bytes become %XX, but a '%' already followed by two
     * upper-case hex digits is left as it is.
     */
    static String urlEncode(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(b.length + 16);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            boolean keptEscape = c == '%' && i + 2 < b.length && isUpperHex(b[i + 1]) && isUpperHex(b[i + 2]);
            if (!keptEscape && (c < ' ' || c > '~' || URL_UNSAFE.indexOf(c) >= 0)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static boolean isUpperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }

    private static String formEncode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final class Leg {
        final String uuid;
        final String name;
        final String direction;
        final String cidNum;
        final String cidName;
        String dest;
        final Map<String, String> vars = new LinkedHashMap<>();
        final List<Long> timers = new ArrayList<>();
        String callState = "DOWN";
        String answerState = "ringing";
        String bridgedWith;
        boolean bridgeA;

        Leg(String uuid, String name, String direction, String cidNum, String cidName, String dest) {
            this.uuid = uuid;
            this.name = name;
            this.direction = direction;
            this.cidNum = cidNum == null ? "" : cidNum;
            this.cidName = cidName == null ? "" : cidName;
            this.dest = dest == null ? "" : dest;
        }
    }
}
