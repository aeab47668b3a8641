package io.zuoxi.sim.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Asterisk 22 speaking AMI over real TCP. Frames are shaped like the transcripts in
 * {@code fixtures/asterisk-22} (header order, CRLF, Privilege lines, channel snapshot block, ActionID right after
 * Response). The dialplan it simulates is the Zuoxi hand-off contract: inbound callers run
 * {@code [zuoxi-handoff]} (UserEvent {@code ZuoxiCallWaiting} + MusicOnHold), agent legs made by Originate wait in
 * {@code [zuoxi-agent]} until the Bridge action joins them to a caller; when a bridge ends, the remaining side runs
 * the rest of its dialplan ({@code Hangup()}).
 *
 * <p>All state lives on one Vert.x context; public methods may be called from any thread and hop onto it.
 * Reads ({@link #liveLegs()}, {@link #bridgedWith(String)}, {@link #loggedInClients()}) see thread-safe
 * indexes that the context keeps current.
 */
public final class SimulatedAsterisk implements SimulatedPbx {

    private static final Logger log = LoggerFactory.getLogger(SimulatedAsterisk.class);

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    static final String HANDOFF_CONTEXT = "zuoxi-handoff";
    static final String AGENT_CONTEXT = "zuoxi-agent";
    static final String INBOUND_CONTEXT = "from-trunk";

    private static final Pattern CALLER_ID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");

    private final Vertx vertx;
    private final SimulatedAsteriskConfig config;
    private final long epochSeconds = System.currentTimeMillis() / 1000;
    private final long startedAtMs = System.currentTimeMillis();
    private final AtomicLong uniqueSeq = new AtomicLong();
    private final AtomicInteger channelSeq = new AtomicInteger();

    // Context-owned state.
    private final Map<String, SimChannel> byUniqueid = new LinkedHashMap<>();
    private final Map<String, SimChannel> byName = new LinkedHashMap<>();
    private final Set<Client> clients = new LinkedHashSet<>();
    private final Map<String, String> globals = new LinkedHashMap<>();

    // Thread-safe views for the control API.
    private final Map<String, PhoneBehaviour> phones = new ConcurrentHashMap<>();
    private final List<String> liveView = new CopyOnWriteArrayList<>();
    private final Map<String, String> bridgedView = new ConcurrentHashMap<>();
    private final AtomicInteger loggedIn = new AtomicInteger();

    private volatile Context context;
    private volatile NetServer server;
    private volatile int port = -1;

    public SimulatedAsterisk(Vertx vertx, SimulatedAsteriskConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public SimulatedAsteriskConfig config() {
        return config;
    }

    // ---------------------------------------------------------------------------------------- life

    @Override
    public Future<Integer> start() {
        Context ctx = vertx.getOrCreateContext();
        context = ctx;
        Promise<Integer> started = Promise.promise();
        ctx.runOnContext(v -> {
            NetServer s = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port()));
            s.connectHandler(this::accept);
            s.listen().onComplete(ar -> {
                if (ar.succeeded()) {
                    server = s;
                    port = s.actualPort();
                    log.info("simulated Asterisk listening on {}:{}", config.host(), port);
                    started.complete(port);
                } else {
                    started.fail(ar.cause());
                }
            });
        });
        return started.future();
    }

    @Override
    public Future<Void> stop() {
        NetServer s = server;
        if (s == null) {
            return Future.succeededFuture();
        }
        Promise<Void> stopped = Promise.promise();
        onContext(() -> {
            for (SimChannel ch : new ArrayList<>(byUniqueid.values())) {
                cancelTimers(ch);
            }
            for (Client c : new ArrayList<>(clients)) {
                c.socket.close();
            }
            s.close().onComplete(ar -> stopped.complete());
        });
        return stopped.future();
    }

    @Override
    public int port() {
        return port;
    }

    // ---------------------------------------------------------------------------------------- control API

    @Override
    public String placeInboundCall(InboundCall call) {
        String uniqueid = nextUniqueid();
        String name = "PJSIP/" + config.trunkName() + "-" + nextChannelSuffix();
        onContext(() -> arrive(call, uniqueid, name));
        return uniqueid;
    }

    @Override
    public boolean fallBack(String legId) {
        if (!liveView.contains(legId)) {
            return false;
        }
        onContext(() -> {
            SimChannel ch = byUniqueid.get(legId);
            if (ch != null && HANDOFF_CONTEXT.equals(ch.context)) {
                fallback(ch);
            }
        });
        return true;
    }

    @Override
    public boolean hangup(String legId) {
        if (!liveView.contains(legId)) {
            return false;
        }
        onContext(() -> {
            SimChannel ch = byUniqueid.get(legId);
            if (ch != null) {
                hangupChannel(ch, 16, "HangupRequest");
            }
        });
        return true;
    }

    @Override
    public void setPhone(String endpoint, PhoneBehaviour behaviour) {
        phones.put(endpoint, behaviour);
    }

    @Override
    public List<String> liveLegs() {
        return List.copyOf(liveView);
    }

    @Override
    public String bridgedWith(String legId) {
        return bridgedView.get(legId);
    }

    @Override
    public void dropConnections() {
        onContext(() -> {
            for (Client c : new ArrayList<>(clients)) {
                c.socket.close();
            }
        });
    }

    @Override
    public void injectRaw(String data) {
        onContext(() -> {
            for (Client c : clients) {
                if (c.loggedIn) {
                    c.socket.write(data);
                }
            }
        });
    }

    @Override
    public int loggedInClients() {
        return loggedIn.get();
    }

    // ---------------------------------------------------------------------------------------- clients

    private final class Client {
        final NetSocket socket;
        final AmiRequestReader reader;
        boolean loggedIn;
        boolean authFailing;
        /** Nonce handed out by the Challenge action, for an MD5 Login (asterisk-java's default). */
        String challenge;
        /** Event classes this session receives; null = all; empty = none. */
        Set<String> eventClasses = Set.of();
        boolean closed;

        Client(NetSocket socket) {
            this.socket = socket;
            this.reader = new AmiRequestReader(req -> handle(this, req));
        }

        void send(AmiFrame frame) {
            if (!closed) {
                socket.write(frame.encode());
            }
        }

        boolean wants(String privilege) {
            if (!loggedIn || closed) {
                return false;
            }
            if (eventClasses == null) {
                return true;
            }
            String cls = privilege.split(",", 2)[0];
            return eventClasses.contains(cls);
        }
    }

    private void accept(NetSocket socket) {
        Client c = new Client(socket);
        clients.add(c);
        socket.closeHandler(v -> {
            c.closed = true;
            clients.remove(c);
            if (c.loggedIn) {
                c.loggedIn = false;
                loggedIn.decrementAndGet();
            }
        });
        socket.exceptionHandler(e -> log.debug("AMI client socket error: {}", e.toString()));
        socket.handler((Buffer buf) -> {
            if (!c.reader.feed(buf.toString(StandardCharsets.UTF_8))) {
                log.warn("AMI client sent an oversized request; closing");
                socket.close();
            }
        });
        socket.write(BANNER);
    }

    private void handle(Client c, AmiRequestReader.Request req) {
        if (c.closed || c.authFailing) {
            return;
        }
        String actionId = req.get("ActionID");
        String action = req.action();
        if (action == null || action.isEmpty()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Missing action in request"));
            return;
        }
        if (!c.loggedIn && !action.equals("login") && !action.equals("logoff") && !action.equals("challenge")) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Permission denied"));
            return;
        }
        switch (action) {
            case "login" -> login(c, req, actionId);
            case "challenge" -> challenge(c, req, actionId);
            case "logoff" -> {
                c.send(AmiFrame.response("Goodbye", actionId).add("Message", "Thanks for all the fish."));
                c.socket.end();
            }
            case "ping" -> c.send(AmiFrame.response("Success", actionId).add("Ping", "Pong")
                    .add("Timestamp", timestamp()));
            case "events" -> {
                c.eventClasses = eventClasses(req.get("EventMask"));
                c.send(AmiFrame.response("Success", actionId)
                        .add("Events", c.eventClasses != null && c.eventClasses.isEmpty() ? "Off" : "On"));
            }
            case "coresettings" -> c.send(AmiFrame.response("Success", actionId)
                    .add("AMIversion", "11.0.0").add("AsteriskVersion", "22.10.1").add("SystemName", "")
                    .add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "")
                    .add("CoreRunGroup", "").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
                    .add("CoreCDRenabled", "No").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
            case "command" -> command(c, req, actionId);
            case "coreshowchannels" -> coreShowChannels(c, actionId);
            case "getvar" -> getvar(c, req, actionId);
            case "setvar" -> setvar(c, req, actionId);
            case "originate" -> originate(c, req, actionId);
            case "bridge" -> bridge(c, req, actionId);
            case "hangup" -> hangupAction(c, req, actionId);
            case "redirect" -> redirect(c, req, actionId);
            default -> c.send(AmiFrame.response("Error", actionId).add("Message",
                    "Invalid/unknown command: " + req.get("Action").trim()
                            + ". Use Action: ListCommands to show available commands."));
        }
    }

    private void login(Client c, AmiRequestReader.Request req, String actionId) {
        if (c.loggedIn) {
            c.send(AmiFrame.response("Success", actionId).add("Message", "Authentication accepted"));
            return;
        }
        boolean ok = config.username().equals(req.get("Username")) && secretMatches(c, req);
        if (!ok) {
            // Real Asterisk answers a bad login after about a second and then hangs up (fixture 09a).
            c.authFailing = true;
            vertx.setTimer(Math.max(1, config.loginFailDelay().toMillis()), t -> {
                c.send(AmiFrame.response("Error", actionId).add("Message", "Authentication failed"));
                c.socket.end();
            });
            return;
        }
        c.loggedIn = true;
        loggedIn.incrementAndGet();
        c.eventClasses = eventClasses(req.get("Events"));
        c.send(AmiFrame.response("Success", actionId).add("Message", "Authentication accepted"));
        if (c.wants("system,all")) {
            long up = (System.currentTimeMillis() - startedAtMs) / 1000;
            c.send(AmiFrame.event("FullyBooted", "system,all").add("Uptime", up).add("LastReload", up)
                    .add("Status", "Fully Booted"));
        }
    }

    private void challenge(Client c, AmiRequestReader.Request req, String actionId) {
        String type = req.get("AuthType");
        if (type == null || !type.trim().equalsIgnoreCase("md5")) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Must specify AuthType"));
            return;
        }
        if (c.challenge == null) {
            c.challenge = Long.toString(Math.abs(new java.security.SecureRandom().nextLong() % 1_000_000_000L));
        }
        c.send(AmiFrame.response("Success", actionId).add("Challenge", c.challenge));
    }

    /** Plain Secret, or AuthType MD5 with Key = md5hex(challenge + secret) as manager.c checks it. */
    private boolean secretMatches(Client c, AmiRequestReader.Request req) {
        String authType = req.get("AuthType");
        if (authType != null && authType.trim().equalsIgnoreCase("md5")) {
            String key = req.get("Key");
            if (c.challenge == null || key == null) {
                return false;
            }
            try {
                byte[] d = java.security.MessageDigest.getInstance("MD5")
                        .digest((c.challenge + config.secret()).getBytes(StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d).equalsIgnoreCase(key.trim());
            } catch (java.security.NoSuchAlgorithmException e) {
                return false;
            }
        }
        return config.secret().equals(req.get("Secret"));
    }

    /** Login's Events / the Events action's EventMask: on/all/yes = everything, off/no/none = nothing, else classes. */
    private static Set<String> eventClasses(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("on") || v.equals("yes") || v.equals("all") || v.equals("true")) {
            return null;
        }
        if (v.equals("off") || v.equals("no") || v.equals("none") || v.equals("false")) {
            return Set.of();
        }
        Set<String> classes = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                classes.add(part.trim());
            }
        }
        return classes.contains("all") ? null : classes;
    }

    private void command(Client c, AmiRequestReader.Request req, String actionId) {
        String cmd = req.get("Command") == null ? "" : req.get("Command").trim();
        AmiFrame f = AmiFrame.response("Success", actionId).add("Message", "Command output follows");
        if (cmd.equals("core show version")) {
            f.add("Output", "Asterisk 22.10.1 built by zuoxi @ pbx-sim on a x86_64 running Linux");
        } else if (cmd.equals("core show uptime")) {
            f.add("Output", "System uptime: " + (System.currentTimeMillis() - startedAtMs) / 1000 + " seconds");
        } else {
            f.add("Output", "No such command '" + cmd + "' (type 'core show help " + cmd + "' for other possible commands)");
        }
        c.send(f);
    }

    private void coreShowChannels(Client c, String actionId) {
        c.send(AmiFrame.response("Success", actionId).add("EventList", "start")
                .add("Message", "Channels will follow"));
        long now = System.currentTimeMillis();
        int n = 0;
        for (SimChannel ch : byUniqueid.values()) {
            AmiFrame f = new AmiFrame().add("Event", "CoreShowChannel").addIfPresent("ActionID", actionId);
            snapshot(f, ch, "");
            f.add("Application", ch.application).add("ApplicationData", ch.applicationData)
                    .add("Duration", hms((now - ch.createdAtMs) / 1000))
                    .add("BridgeId", ch.bridge == null ? "" : ch.bridge.uniqueid);
            c.send(f);
            n++;
        }
        c.send(new AmiFrame().add("Event", "CoreShowChannelsComplete").addIfPresent("ActionID", actionId)
                .add("EventList", "Complete").add("ListItems", n));
    }

    private void getvar(Client c, AmiRequestReader.Request req, String actionId) {
        String variable = req.get("Variable");
        if (variable == null || variable.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "No variable specified"));
            return;
        }
        String channel = req.get("Channel");
        String value;
        if (channel == null || channel.isBlank()) {
            value = globals.getOrDefault(variable, "");
        } else {
            SimChannel ch = byName.get(channel);
            if (ch == null) {
                c.send(AmiFrame.response("Error", actionId).add("Message", "No such channel"));
                return;
            }
            value = channelValue(ch, variable);
        }
        c.send(AmiFrame.response("Success", actionId).add("Variable", variable).add("Value", value));
    }

    private static String channelValue(SimChannel ch, String variable) {
        return switch (variable) {
            case "CALLERID(num)" -> ch.callerNum;
            case "CALLERID(name)" -> ch.callerName;
            case "UNIQUEID" -> ch.uniqueid;
            case "CHANNEL" -> ch.name;
            case "CHANNEL(linkedid)" -> ch.linkedid;
            case "BRIDGEPEER" -> ch.bridge != null && ch.bridge.other(ch) != null ? ch.bridge.other(ch).name : "";
            default -> ch.vars.getOrDefault(variable, "");
        };
    }

    private void setvar(Client c, AmiRequestReader.Request req, String actionId) {
        String variable = req.get("Variable");
        if (variable == null || variable.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "No variable specified"));
            return;
        }
        String value = req.get("Value") == null ? "" : req.get("Value");
        String channel = req.get("Channel");
        if (channel == null || channel.isBlank()) {
            globals.put(variable, value);
            c.send(AmiFrame.response("Success", actionId).add("Message", "Variable Set"));
            return;
        }
        SimChannel ch = byName.get(channel);
        if (ch == null) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "No such channel"));
            return;
        }
        c.send(AmiFrame.response("Success", actionId).add("Message", "Variable Set"));
        setChannelVar(ch, variable, value);
    }

    private void setChannelVar(SimChannel ch, String variable, String value) {
        ch.vars.put(variable, value);
        AmiFrame f = AmiFrame.event("VarSet", "dialplan,all");
        snapshot(f, ch, "");
        broadcast(f.add("Variable", variable).add("Value", value), "dialplan,all");
    }

    // ---------------------------------------------------------------------------------------- inbound

    private void arrive(InboundCall call, String uniqueid, String name) {
        SimChannel ch = new SimChannel(uniqueid, name, SimChannel.Role.CALLER, System.currentTimeMillis());
        ch.state = 4;
        ch.callerNum = blankToUnknown(call.callerNumber());
        ch.callerName = blankToUnknown(call.callerName());
        ch.context = INBOUND_CONTEXT;
        ch.exten = call.dialedNumber() == null || call.dialedNumber().isBlank() ? "s" : call.dialedNumber();
        ch.priority = 1;
        register(ch);
        emitChannelEvent("Newchannel", "call,all", ch);
        newexten(ch, "NoOp", "Inbound call to " + ch.exten);

        // What the admin's IVR would do before Goto(zuoxi-handoff,s,1).
        setChannelVar(ch, "ZUOXI_QUEUE", call.queue());
        setChannelVar(ch, "ZUOXI_PRIORITY", Integer.toString(call.priority()));
        String data = encodeAttachedData(call.attachedData());
        setChannelVar(ch, "ZUOXI_DATA", data);
        setChannelVar(ch, "ZUOXI_CALLED", ch.exten); // the include's default, ${CALLERID(dnid)}

        ch.context = HANDOFF_CONTEXT;
        ch.exten = "s";
        ch.priority = 1;
        newexten(ch, "Answer", "");
        ch.state = 6;
        emitChannelEvent("Newstate", "call,all", ch);
        enterHandoff(ch);
    }

    /** [zuoxi-handoff]: s,2 UserEvent(...), s,3 MusicOnHold(default,...). */
    private void enterHandoff(SimChannel ch) {
        ch.context = HANDOFF_CONTEXT;
        ch.exten = "s";
        ch.priority = 2;
        String queue = ch.vars.getOrDefault("ZUOXI_QUEUE", "");
        String prio = ch.vars.getOrDefault("ZUOXI_PRIORITY", "0");
        String data = ch.vars.getOrDefault("ZUOXI_DATA", "");
        setChannelVar(ch, "ZUOXI_STATE", "waiting");
        setChannelVar(ch, "ZUOXI_WAIT_START", Long.toString(System.currentTimeMillis() / 1000));
        newexten(ch, "UserEvent", config.handoffEvent() + ",ZuoxiQueue: " + queue + ",ZuoxiPriority: " + prio
                + ",ZuoxiData: " + data);
        AmiFrame ue = AmiFrame.event("UserEvent", "user,all");
        snapshot(ue, ch, "");
        ue.add("UserEvent", config.handoffEvent()).add("ZuoxiQueue", queue).add("ZuoxiPriority", prio)
                .add("ZuoxiData", data);
        broadcast(ue, "user,all");
        ch.priority = 3;
        newexten(ch, "MusicOnHold", "default," + ch.vars.getOrDefault("ZUOXI_MAX_WAIT", ""));
        ch.musicOnHold = true;
        AmiFrame moh = AmiFrame.event("MusicOnHoldStart", "call,all");
        snapshot(moh, ch, "");
        broadcast(moh.add("Class", "default"), "call,all");
    }

    /** extensions_zuoxi.conf, label fallback: ZUOXI_STATE=fallback, UserEvent ZuoxiCallFallback, the fallback prompt. */
    private void fallback(SimChannel ch) {
        if (ch.musicOnHold) {
            ch.musicOnHold = false;
            emitChannelEvent("MusicOnHoldStop", "call,all", ch);
        }
        ch.priority = 20;
        setChannelVar(ch, "ZUOXI_STATE", "fallback");
        String queue = ch.vars.getOrDefault("ZUOXI_QUEUE", "");
        newexten(ch, "UserEvent", "ZuoxiCallFallback,ZuoxiQueue: " + queue + ",ZuoxiReason: timeout");
        AmiFrame ue = AmiFrame.event("UserEvent", "user,all");
        snapshot(ue, ch, "");
        ue.add("UserEvent", "ZuoxiCallFallback").add("ZuoxiQueue", queue).add("ZuoxiReason", "timeout");
        broadcast(ue, "user,all");
        ch.priority = 22;
        newexten(ch, "Playback", "all-circuits-busy-now&pls-try-call-later");
    }

    /** URL-encoded form k=v&amp;k=v, keys sorted so the bytes are stable; spaces as %20 like URIENCODE(). */
    static String encodeAttachedData(Map<String, String> data) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(percent(e.getKey())).append('=').append(percent(e.getValue()));
        }
        return sb.toString();
    }

    private static String percent(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------------------------------- originate

    private void originate(Client c, AmiRequestReader.Request req, String actionId) {
        String dial = req.get("Channel");
        if (dial == null || dial.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Channel not specified"));
            return;
        }
        String app = req.get("Application");
        String context = req.get("Context");
        String exten = req.get("Exten");
        String prio = req.get("Priority");
        if ((app == null || app.isBlank()) && (exten == null || exten.isBlank())) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Exten not specified"));
            return;
        }
        long timeoutMs = config.defaultOriginateTimeout().toMillis();
        if (req.get("Timeout") != null) {
            try {
                timeoutMs = Long.parseLong(req.get("Timeout").trim());
            } catch (NumberFormatException e) {
                c.send(AmiFrame.response("Error", actionId).add("Message", "Invalid timeout"));
                return;
            }
        }
        String channelId = req.get("ChannelId");
        if (channelId != null && (channelId.isBlank() || byUniqueid.containsKey(channelId))) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Originate failed"));
            return;
        }
        String cidNum = "<unknown>";
        String cidName = "<unknown>";
        String callerId = req.get("CallerID");
        if (callerId != null && !callerId.isBlank()) {
            Matcher m = CALLER_ID.matcher(callerId);
            if (m.matches()) {
                cidName = m.group(1).isBlank() ? "<unknown>" : m.group(1).trim();
                cidNum = m.group(2).isBlank() ? "<unknown>" : m.group(2).trim();
            } else {
                cidNum = callerId.trim();
            }
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String v : req.all("Variable")) {
            for (String pair : v.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    vars.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
                }
            }
        }
        c.send(AmiFrame.response("Success", actionId).add("Message", "Originate successfully queued"));

        SimChannel.PendingOriginate po = new SimChannel.PendingOriginate(actionId, dial,
                app == null || app.isBlank() ? (context == null ? "default" : context) : null,
                app == null || app.isBlank() ? exten : null,
                app == null || app.isBlank() ? (prio == null ? "1" : prio) : null,
                app == null || app.isBlank() ? null : app,
                app == null || app.isBlank() ? null : (req.get("Data") == null ? "" : req.get("Data")),
                cidNum, cidName, timeoutMs);

        int slash = dial.indexOf('/');
        String tech = slash > 0 ? dial.substring(0, slash) : "";
        if (slash <= 0 || slash == dial.length() - 1
                || !(tech.equalsIgnoreCase("PJSIP") || tech.equalsIgnoreCase("Local"))) {
            // Unknown technology (e.g. chan_sip's SIP/ is gone in Asterisk 21+): fails at once, Reason 0 (fixture 04).
            originateFailed(po, 0);
            return;
        }
        PhoneBehaviour behaviour = phones.getOrDefault(dial, config.defaultPhone());
        if (behaviour.mode() == PhoneBehaviour.Mode.UNREACHABLE) {
            originateFailed(po, 0);
            return;
        }
        String uniqueid = channelId != null ? channelId : nextUniqueid();
        SimChannel ch = new SimChannel(uniqueid, dial + "-" + nextChannelSuffix(), SimChannel.Role.AGENT,
                System.currentTimeMillis());
        ch.state = 0;
        ch.context = po.context() != null ? po.context() : "";
        ch.exten = po.exten() != null ? po.exten() : "";
        ch.priority = 1;
        ch.originate = po;
        ch.behaviour = behaviour;
        ch.vars.putAll(vars);
        register(ch);
        emitChannelEvent("Newchannel", "call,all", ch);
        ch.callerNum = cidNum;
        ch.callerName = cidName;
        ch.connectedNum = cidNum;
        ch.connectedName = cidName;
        newexten(ch, "AppDial2", "(Outgoing Line)");

        switch (behaviour.mode()) {
            case BUSY -> ch.ringTimer = vertx.setTimer(20, t -> {
                ch.ringTimer = -1;
                endChannel(ch, 17);
                originateFailed(po, 5);
            });
            case NO_ANSWER -> {
                ringing(ch);
                ch.ringTimer = vertx.setTimer(Math.max(1, timeoutMs), t -> noAnswer(ch));
            }
            case ANSWER -> {
                ringing(ch);
                long answerMs = behaviour.answerAfter() == null ? 0 : behaviour.answerAfter().toMillis();
                if (answerMs >= timeoutMs) {
                    ch.ringTimer = vertx.setTimer(Math.max(1, timeoutMs), t -> noAnswer(ch));
                } else {
                    ch.ringTimer = vertx.setTimer(Math.max(1, answerMs), t -> answered(ch));
                }
            }
            default -> throw new IllegalStateException("unexpected " + behaviour.mode());
        }
    }

    private void ringing(SimChannel ch) {
        ch.state = 5;
        emitChannelEvent("Newstate", "call,all", ch);
    }

    private void noAnswer(SimChannel ch) {
        ch.ringTimer = -1;
        SimChannel.PendingOriginate po = ch.originate;
        ch.originate = null;
        endChannel(ch, 19);
        if (po != null) {
            originateFailed(po, 3);
        }
    }

    private void answered(SimChannel ch) {
        ch.ringTimer = -1;
        SimChannel.PendingOriginate po = ch.originate;
        ch.originate = null;
        ch.state = 6;
        emitChannelEvent("Newstate", "call,all", ch);
        if (po.application() != null) {
            ch.application = po.application();
            ch.applicationData = po.data();
        } else {
            ch.context = po.context();
            ch.exten = po.exten();
            ch.priority = parsePriority(po.priority());
            // [zuoxi-agent] s,1 Wait(...): the answered agent leg waits in silence until bridged.
            newexten(ch, "Wait", "3600");
        }
        AmiFrame f = AmiFrame.event("OriginateResponse", "call,all").addIfPresent("ActionID", po.actionId())
                .add("Response", "Success").add("Channel", ch.name);
        destination(f, po);
        f.add("Reason", 4).add("Uniqueid", ch.uniqueid).add("CallerIDNum", po.callerNum())
                .add("CallerIDName", po.callerName());
        for (String var : config.channelVars()) {
            f.add("ChanVariable(" + ch.name + ")", var + "=" + ch.vars.getOrDefault(var, ""));
        }
        broadcast(f, "call,all");
    }

    private void originateFailed(SimChannel.PendingOriginate po, int reason) {
        AmiFrame f = AmiFrame.event("OriginateResponse", "call,all").addIfPresent("ActionID", po.actionId())
                .add("Response", "Failure").add("Channel", po.dialString());
        destination(f, po);
        f.add("Reason", reason).add("Uniqueid", "<unknown>").add("CallerIDNum", po.callerNum())
                .add("CallerIDName", po.callerName());
        broadcast(f, "call,all");
    }

    private static void destination(AmiFrame f, SimChannel.PendingOriginate po) {
        if (po.application() != null) {
            f.add("Application", po.application()).add("Data", po.data());
        } else {
            f.add("Context", po.context()).add("Exten", po.exten());
        }
    }

    // ---------------------------------------------------------------------------------------- bridge

    private void bridge(Client c, AmiRequestReader.Request req, String actionId) {
        String n1 = req.get("Channel1");
        String n2 = req.get("Channel2");
        if (n1 == null || n1.isBlank() || n2 == null || n2.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Missing channel parameter in request"));
            return;
        }
        SimChannel a = byName.get(n1);
        if (a == null) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Channel1 does not exist: " + n1));
            return;
        }
        SimChannel b = byName.get(n2);
        if (b == null) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Channel2 does not exist: " + n2));
            return;
        }
        if (a == b) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Unable to bridge a channel with itself"));
            return;
        }
        c.send(AmiFrame.response("Success", actionId).add("Message", "Channels have been bridged"));
        joinBridge(a, b);
    }

    private void joinBridge(SimChannel a, SimChannel b) {
        leaveBridgeQuietly(a);
        leaveBridgeQuietly(b);
        SimBridge br = new SimBridge(UUID.randomUUID().toString());
        broadcast(bridgeBlock(AmiFrame.event("BridgeCreate", "call,all"), br), "call,all");
        for (SimChannel ch : List.of(a, b)) {
            if (ch.musicOnHold) {
                ch.musicOnHold = false;
                emitChannelEvent("MusicOnHoldStop", "call,all", ch);
            }
            // A channel answered in the Bridge action's hands: it is now in the bridge, out of its app.
            if (ch.originate != null) {
                cancelRing(ch);
                ch.originate = null;
                ch.state = 6;
                emitChannelEvent("Newstate", "call,all", ch);
            }
        }
        b.linkedid = a.linkedid;
        a.connectedNum = b.callerNum;
        a.connectedName = b.callerName;
        b.connectedNum = a.callerNum;
        b.connectedName = a.callerName;
        for (SimChannel ch : List.of(a, b)) {
            br.members.add(ch);
            ch.bridge = br;
            AmiFrame f = bridgeBlock(AmiFrame.event("BridgeEnter", "call,all"), br);
            snapshot(f, ch, "");
            broadcast(f, "call,all");
        }
        bridgedView.put(a.uniqueid, b.uniqueid);
        bridgedView.put(b.uniqueid, a.uniqueid);
        for (SimChannel ch : List.of(a, b)) {
            PhoneBehaviour pb = ch.behaviour;
            if (pb != null && pb.hangupAfter() != null && ch.talkTimer == -1) {
                ch.talkTimer = vertx.setTimer(Math.max(1, pb.hangupAfter().toMillis()), t -> {
                    ch.talkTimer = -1;
                    if (byUniqueid.get(ch.uniqueid) == ch) {
                        hangupChannel(ch, 16, "HangupRequest");
                    }
                });
            }
        }
    }

    private AmiFrame bridgeBlock(AmiFrame f, SimBridge br) {
        return f.add("BridgeUniqueid", br.uniqueid).add("BridgeType", "basic")
                .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>").add("BridgeNumChannels", br.members.size())
                .add("BridgeVideoSourceMode", "none");
    }

    /**
     * Takes a channel out of its bridge (Redirect, re-Bridge, hangup); returns the bridge it left or null.
     * Call {@link #dissolve} afterwards: a two-party bridge does not outlive one of its parties.
     */
    private SimBridge detach(SimChannel ch) {
        SimBridge br = ch.bridge;
        if (br == null) {
            return null;
        }
        br.members.remove(ch);
        ch.bridge = null;
        bridgedView.remove(ch.uniqueid);
        AmiFrame f = bridgeBlock(AmiFrame.event("BridgeLeave", "call,all"), br);
        snapshot(f, ch, "");
        broadcast(f, "call,all");
        if (ch.talkTimer != -1) {
            vertx.cancelTimer(ch.talkTimer);
            ch.talkTimer = -1;
        }
        return br;
    }

    /**
     * The remaining side leaves too and the bridge is destroyed; if {@code remainderHangsUp} that side continues
     * in its dialplan and hangs up shortly after, as the hand-off contract's {@code Hangup()} does (fixture 02b).
     */
    private void dissolve(SimBridge br, boolean remainderHangsUp) {
        if (br == null) {
            return;
        }
        for (SimChannel other : new ArrayList<>(br.members)) {
            br.members.remove(other);
            other.bridge = null;
            bridgedView.remove(other.uniqueid);
            AmiFrame g = bridgeBlock(AmiFrame.event("BridgeLeave", "call,all"), br);
            snapshot(g, other, "");
            broadcast(g, "call,all");
            if (other.talkTimer != -1) {
                vertx.cancelTimer(other.talkTimer);
                other.talkTimer = -1;
            }
            if (remainderHangsUp) {
                scheduleDialplanHangup(other);
            }
        }
        broadcast(bridgeBlock(AmiFrame.event("BridgeDestroy", "call,all"), br), "call,all");
    }

    private void leaveBridgeQuietly(SimChannel ch) {
        dissolve(detach(ch), false);
    }

    private void scheduleDialplanHangup(SimChannel ch) {
        if (ch.dialplanTimer != -1) {
            return;
        }
        ch.dialplanTimer = vertx.setTimer(Math.max(1, config.bridgeEndHangupDelay().toMillis()), t -> {
            ch.dialplanTimer = -1;
            if (byUniqueid.get(ch.uniqueid) != ch || ch.bridge != null) {
                return;
            }
            if (ch.role == SimChannel.Role.CALLER && HANDOFF_CONTEXT.equals(ch.context)
                    && ch.vars.getOrDefault("ZUOXI_AGENT_LEG", "").isEmpty()) {
                // extensions_zuoxi.conf: without the marker the caller falls through to "waiting in
                // silence" until its maximum wait, then the fallback; it is not hung up
                ch.priority++;
                newexten(ch, "Wait", ch.vars.getOrDefault("ZUOXI_MAX_WAIT", "600"));
                return;
            }
            ch.priority++;
            setChannelVar(ch, "ZUOXI_STATE", "done");
            newexten(ch, "Hangup", "16");
            endChannel(ch, 16);
        });
    }

    // ---------------------------------------------------------------------------------------- hangup / redirect

    private void hangupAction(Client c, AmiRequestReader.Request req, String actionId) {
        String name = req.get("Channel");
        if (name == null || name.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "No channel specified"));
            return;
        }
        SimChannel ch = byName.get(name);
        if (ch == null) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "No such channel"));
            return;
        }
        int cause = 16;
        if (req.get("Cause") != null && !req.get("Cause").isBlank()) {
            try {
                cause = Integer.parseInt(req.get("Cause").trim());
            } catch (NumberFormatException e) {
                c.send(AmiFrame.response("Error", actionId).add("Message", "Invalid cause"));
                return;
            }
        }
        c.send(AmiFrame.response("Success", actionId).add("Message", "Channel Hungup"));
        hangupChannel(ch, cause, "SoftHangupRequest");
    }

    /**
     * Ends a channel: a request event ({@code SoftHangupRequest} for the AMI Hangup action, {@code HangupRequest}
     * when the far end hangs up), BridgeLeave/BridgeDestroy if bridged, then Hangup. A ringing originate fails.
     */
    private void hangupChannel(SimChannel ch, int cause, String requestEvent) {
        if (byUniqueid.get(ch.uniqueid) != ch) {
            return;
        }
        AmiFrame req = AmiFrame.event(requestEvent, "call,all");
        snapshot(req, ch, "");
        broadcast(req.add("Cause", cause), "call,all");
        SimChannel.PendingOriginate po = ch.originate;
        ch.originate = null;
        endChannel(ch, cause);
        if (po != null) {
            // Hung up while still ringing: Asterisk reports the originate as failed (Reason 1 = hangup).
            originateFailed(po, 1);
        }
    }

    /** Order as in fixture 02b: BridgeLeave, Hangup, then the other side's BridgeLeave and BridgeDestroy. */
    private void endChannel(SimChannel ch, int cause) {
        cancelTimers(ch);
        if (ch.musicOnHold) {
            ch.musicOnHold = false;
            emitChannelEvent("MusicOnHoldStop", "call,all", ch);
        }
        SimBridge left = detach(ch);
        AmiFrame f = AmiFrame.event("Hangup", "call,all");
        snapshot(f, ch, "");
        broadcast(f.add("Cause", cause).add("Cause-txt", causeText(cause)), "call,all");
        byUniqueid.remove(ch.uniqueid);
        byName.remove(ch.name);
        liveView.remove(ch.uniqueid);
        dissolve(left, true);
    }

    private void redirect(Client c, AmiRequestReader.Request req, String actionId) {
        String name = req.get("Channel");
        String context = req.get("Context");
        String exten = req.get("Exten");
        if (name == null || name.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Channel not specified"));
            return;
        }
        SimChannel ch = byName.get(name);
        if (ch == null) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Channel specified does not exist"));
            return;
        }
        if (exten == null || exten.isBlank()) {
            c.send(AmiFrame.response("Error", actionId).add("Message", "Exten not specified"));
            return;
        }
        c.send(AmiFrame.response("Success", actionId).add("Message", "Redirect successful"));
        if (ch.musicOnHold) {
            ch.musicOnHold = false;
            emitChannelEvent("MusicOnHoldStop", "call,all", ch);
        }
        dissolve(detach(ch), true);
        ch.context = context == null || context.isBlank() ? ch.context : context;
        ch.exten = exten;
        ch.priority = parsePriority(req.get("Priority"));
        if (HANDOFF_CONTEXT.equals(ch.context)) {
            newexten(ch, "Answer", "");
            enterHandoff(ch);
        } else {
            ch.application = "Wait";
            ch.applicationData = "3600";
            newexten(ch, "Wait", "3600");
        }
    }

    // ---------------------------------------------------------------------------------------- frames

    private void emitChannelEvent(String name, String privilege, SimChannel ch) {
        AmiFrame f = AmiFrame.event(name, privilege);
        snapshot(f, ch, "");
        broadcast(f, privilege);
    }

    private void newexten(SimChannel ch, String app, String appData) {
        ch.application = app;
        ch.applicationData = appData;
        AmiFrame f = AmiFrame.event("Newexten", "dialplan,all");
        snapshot(f, ch, "");
        broadcast(f.add("Extension", ch.exten).add("Application", app).add("AppData", appData), "dialplan,all");
    }

    /** The channel snapshot block every channel event carries (fixtures README note 8). */
    private void snapshot(AmiFrame f, SimChannel ch, String prefix) {
        f.add(prefix + "Channel", ch.name)
                .add(prefix + "ChannelState", ch.state)
                .add(prefix + "ChannelStateDesc", ch.stateDesc())
                .add(prefix + "CallerIDNum", ch.callerNum)
                .add(prefix + "CallerIDName", ch.callerName)
                .add(prefix + "ConnectedLineNum", ch.connectedNum)
                .add(prefix + "ConnectedLineName", ch.connectedName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", ch.context)
                .add(prefix + "Exten", ch.exten)
                .add(prefix + "Priority", ch.priority)
                .add(prefix + "Uniqueid", ch.uniqueid)
                .add(prefix + "Linkedid", ch.linkedid);
        for (String var : config.channelVars()) {
            f.add(prefix + "ChanVariable", var + "=" + ch.vars.getOrDefault(var, ""));
        }
    }

    private void broadcast(AmiFrame frame, String privilege) {
        String bytes = null;
        for (Client c : clients) {
            if (c.wants(privilege)) {
                if (bytes == null) {
                    bytes = frame.encode();
                }
                c.socket.write(bytes);
            }
        }
    }

    static String causeText(int cause) {
        return switch (cause) {
            case 0 -> "Unknown";
            case 1 -> "Unallocated (unassigned) number";
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 18 -> "No user responding";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 27 -> "Destination out of order";
            case 34 -> "Circuit/channel congestion";
            case 127 -> "Interworking, unspecified";
            default -> "Unknown";
        };
    }

    // ---------------------------------------------------------------------------------------- plumbing

    private void register(SimChannel ch) {
        byUniqueid.put(ch.uniqueid, ch);
        byName.put(ch.name, ch);
        liveView.add(ch.uniqueid);
    }

    private void cancelRing(SimChannel ch) {
        if (ch.ringTimer != -1) {
            vertx.cancelTimer(ch.ringTimer);
            ch.ringTimer = -1;
        }
    }

    private void cancelTimers(SimChannel ch) {
        cancelRing(ch);
        if (ch.talkTimer != -1) {
            vertx.cancelTimer(ch.talkTimer);
            ch.talkTimer = -1;
        }
        if (ch.dialplanTimer != -1) {
            vertx.cancelTimer(ch.dialplanTimer);
            ch.dialplanTimer = -1;
        }
    }

    private void onContext(Runnable r) {
        Context ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("simulated Asterisk not started");
        }
        if (Vertx.currentContext() == ctx) {
            r.run();
        } else {
            ctx.runOnContext(v -> r.run());
        }
    }

    private String nextUniqueid() {
        return epochSeconds + "." + uniqueSeq.getAndIncrement();
    }

    private String nextChannelSuffix() {
        return String.format("%08x", channelSeq.getAndIncrement());
    }

    private static int parsePriority(String p) {
        try {
            return p == null ? 1 : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String blankToUnknown(String s) {
        return s == null || s.isBlank() ? "<unknown>" : s;
    }

    private static String timestamp() {
        long micros = System.currentTimeMillis() * 1000;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
