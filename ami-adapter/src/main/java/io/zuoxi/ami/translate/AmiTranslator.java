package io.zuoxi.ami.translate;

import io.zuoxi.core.pbx.PbxCommand;
import io.zuoxi.core.pbx.PbxEvent;
import io.zuoxi.core.pbx.PbxEvent.LegSnapshot;
import io.zuoxi.core.pbx.PbxEvent.LegState;
import io.zuoxi.core.pbx.PbxEvent.OriginateOutcome;
import io.zuoxi.ami.connection.FallbackUserEvent;
import io.zuoxi.ami.connection.HandoffUserEvent;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMI events (as parsed by asterisk-java) to PbxEvents, and PbxCommands to AMI actions. Single
 * threaded: called only on the adapter verticle's context. Keeps the legId (Uniqueid) to channel
 * name map the Bridge/Hangup/Setvar actions need, and the ActionID to legId map that ties an
 * OriginateResponse back to the ChannelId Zuoxi asked for.
 */
public final class AmiTranslator {

    /** Channel names end in "-" + 8 hex digits (+ ";1"/";2" for Local halves): chan_pjsip/core_local naming. */
    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("^(.*)-[0-9a-fA-F]{8}(;\\d)?$");

    private final String pbx;
    private final String handoffEvent;
    private final String defaultQueue;
    private final Clock clock;
    private final Map<String, String> channelByLeg = new HashMap<>();
    private final Map<String, String> legByOriginateAction = new HashMap<>();
    private final Map<String, Long> ignored = new TreeMap<>();
    private long translated;

    public AmiTranslator(String pbx, String handoffEvent, String defaultQueue, Clock clock) {
        this.pbx = pbx;
        this.handoffEvent = handoffEvent;
        this.defaultQueue = defaultQueue;
        this.clock = clock;
    }

    /** The device in dial-string form: PJSIP/1001-00000003 -> PJSIP/1001, Local/x@ctx-0000000a;1 -> Local/x@ctx. */
    public static String endpoint(String channel) {
        if (channel == null) {
            return "";
        }
        Matcher m = CHANNEL_SUFFIX.matcher(channel);
        return m.matches() ? m.group(1) : channel;
    }

    /** asterisk-java joins duplicate headers with '\n' (EventAttributesHelper.parseString); keep the first. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int nl = value.indexOf('\n');
        String v = nl >= 0 ? value.substring(0, nl) : value;
        return v.isEmpty() || "<unknown>".equals(v) ? null : v;
    }

    /** ZUOXI_DATA: k1=v1&k2=v2, keys and values percent-encoded. Malformed pairs are skipped. */
    public static Map<String, String> attachedData(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isBlank()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // a bad %xx escape: skip that pair rather than lose the whole call
            }
        }
        return out;
    }

    public static int priority(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public List<PbxEvent> translate(ManagerEvent event) {
        List<PbxEvent> out = translateInner(event);
        if (out.isEmpty()) {
            ignored.merge(eventName(event), 1L, Long::sum);
        } else {
            translated += out.size();
        }
        return out;
    }

    private static String eventName(ManagerEvent event) {
        String n = event.getClass().getSimpleName();
        return n.endsWith("Event") ? n.substring(0, n.length() - 5) : n;
    }

    private List<PbxEvent> translateInner(ManagerEvent event) {
        var at = clock.instant();
        if (event instanceof NewChannelEvent e) {
            String legId = e.getUniqueId();
            if (legId == null) {
                return List.of();
            }
            channelByLeg.put(legId, e.getChannel());
            return List.of(new PbxEvent.LegCreated(pbx, at, legId, e.getLinkedid(), e.getChannel(),
                    endpoint(e.getChannel()), first(e.getCallerIdNum()), first(e.getCallerIdName()),
                    first(e.getExten()), Map.of()));
        }
        if (event instanceof NewStateEvent e) {
            Integer state = e.getChannelState();
            if (state == null || e.getUniqueId() == null) {
                return List.of();
            }
            if (state == 5) {
                return List.of(new PbxEvent.LegRinging(pbx, at, e.getUniqueId()));
            }
            if (state == 6) {
                return List.of(new PbxEvent.LegAnswered(pbx, at, e.getUniqueId()));
            }
            return List.of();
        }
        if (event instanceof BridgeEnterEvent e) {
            return List.of(new PbxEvent.LegBridged(pbx, at, e.getUniqueId(), e.getBridgeUniqueId()));
        }
        if (event instanceof BridgeLeaveEvent e) {
            return List.of(new PbxEvent.LegUnbridged(pbx, at, e.getUniqueId(), e.getBridgeUniqueId()));
        }
        if (event instanceof HangupEvent e) {
            channelByLeg.remove(e.getUniqueId());
            Integer cause = e.getCause();
            // asterisk-java turns "Cause-txt: Unknown" into null (AstUtil.isNull treats "unknown" as null)
            String text = e.getCauseTxt() == null ? "Unknown" : e.getCauseTxt();
            return List.of(new PbxEvent.LegHungUp(pbx, at, e.getUniqueId(), cause == null ? 0 : cause, text));
        }
        if (event instanceof HandoffUserEvent e) {
            // Uniqueid may be duplicated in the body (fixtures README note 10): take the first (channel block).
            String legId = first(e.getUniqueId());
            if (legId == null) {
                return List.of();
            }
            String queue = first(e.getZuoxiQueue());
            return List.of(new PbxEvent.CallHandedOff(pbx, at, legId, first(e.getLinkedid()),
                    queue == null ? defaultQueue : queue, priority(first(e.getZuoxiPriority())),
                    first(e.getCallerIdNum()), first(e.getCallerIdName()), dialled(first(e.getExten())),
                    attachedData(first(e.getZuoxiData()))));
        }
        if (event instanceof FallbackUserEvent e) {
            String legId = first(e.getUniqueId());
            if (legId == null) {
                return List.of();
            }
            String reason = first(e.getZuoxiReason());
            return List.of(new PbxEvent.HandoffRevoked(pbx, at, legId, reason == null ? "timeout" : reason));
        }
        if (event instanceof OriginateResponseEvent e) {
            String legId = legByOriginateAction.remove(e.getActionId());
            if ("Success".equalsIgnoreCase(e.getResponse()) || legId == null) {
                return List.of();
            }
            Integer reason = e.getReason();
            return List.of(new PbxEvent.OriginateFailed(pbx, at, legId, outcome(reason),
                    "reason " + reason));
        }
        if (event instanceof DtmfEndEvent e) {
            String digit = e.getDigit();
            if (e.isReceived() && digit != null && digit.length() == 1) {
                return List.of(new PbxEvent.DtmfReceived(pbx, at, e.getUniqueId(), digit.charAt(0)));
            }
            return List.of();
        }
        return List.of();
    }

    /**
     * The exten as a dialled number: {@code s} is the hand-off context's own extension
     * ({@code Goto(zuoxi-handoff,s,1)}), not what the caller dialled, so it is unknown (null) and the number
     * the leg's Newchannel reported stays.
     */
    static String dialled(String exten) {
        return exten == null || exten.equals("s") ? null : exten;
    }

    /** ZUOXI_WAIT_START: ${EPOCH}, whole seconds; anything else is unknown. */
    public static java.time.Instant epochSeconds(String value) {
        if (value == null || !value.matches("[0-9]{1,12}")) {
            return null;
        }
        return java.time.Instant.ofEpochSecond(Long.parseLong(value));
    }

    static OriginateOutcome outcome(Integer reason) {
        if (reason == null) {
            return OriginateOutcome.FAILED;
        }
        return switch (reason) {
            case 3 -> OriginateOutcome.NO_ANSWER;
            case 5 -> OriginateOutcome.BUSY;
            case 8 -> OriginateOutcome.CONGESTION;
            default -> OriginateOutcome.FAILED;
        };
    }

    /** Records that the originate sent with {@code actionId} asked for leg {@code legId}. */
    public void expectOriginate(String actionId, String legId) {
        legByOriginateAction.put(actionId, legId);
    }

    public void forgetOriginate(String actionId) {
        legByOriginateAction.remove(actionId);
    }

    public void forgetAllOriginates() {
        legByOriginateAction.clear();
    }

    public String channelOf(String legId) {
        return channelByLeg.get(legId);
    }

    public OriginateAction originate(PbxCommand.OriginateLeg cmd, String agentContext) {
        OriginateAction a = new OriginateAction();
        a.setAsync(true);
        a.setChannel(cmd.endpoint());
        a.setChannelId(cmd.legId());
        a.setContext(agentContext);
        a.setExten("s");
        a.setPriority(1);
        a.setTimeout(cmd.ringTimeout().toMillis());
        String name = cmd.callerIdName() == null ? "" : cmd.callerIdName().replace("\"", "");
        String num = cmd.callerIdNumber() == null ? "" : cmd.callerIdNumber();
        a.setCallerId("\"" + name + "\" <" + num + ">");
        if (!cmd.variables().isEmpty()) {
            a.setVariables(new LinkedHashMap<>(cmd.variables()));
        }
        return a;
    }

    /** Null when a leg's channel is unknown (caller answers "no-such-leg"). */
    public BridgeAction bridge(PbxCommand.BridgeLegs cmd) {
        String c1 = channelOf(cmd.legA());
        String c2 = channelOf(cmd.legB());
        return c1 == null || c2 == null ? null : new BridgeAction(c1, c2, false);
    }

    public HangupAction hangup(PbxCommand.HangupLeg cmd) {
        String c = channelOf(cmd.legId());
        return c == null ? null : new HangupAction(c, cmd.cause());
    }

    public SetVarAction setVariable(PbxCommand.SetLegVariable cmd) {
        String c = channelOf(cmd.legId());
        return c == null ? null : new SetVarAction(c, cmd.name(), cmd.value());
    }

    /** Replaces the leg map with what CoreShowChannels listed and builds the PbxSynced. */
    public PbxEvent.PbxSynced synced(List<CoreShowChannelEvent> channels, Map<String, PbxEvent.Handoff> handoffs) {
        channelByLeg.clear();
        List<LegSnapshot> legs = channels.stream().filter(c -> c.getUniqueid() != null).map(c -> {
            channelByLeg.put(c.getUniqueid(), c.getChannel());
            Integer st = c.getChannelState();
            LegState state = st == null ? LegState.DOWN : st == 6 ? LegState.UP : st == 5 ? LegState.RINGING
                    : LegState.DOWN;
            String bridge = c.getBridgeid();
            PbxEvent.Handoff handoff = handoffs.get(c.getUniqueid());
            // a waiting caller's Exten is the hand-off's "s": what it dialled is ZUOXI_CALLED, if the include kept it
            String called = handoff != null ? handoff.calledNumber() : dialled(first(c.getExten()));
            return new LegSnapshot(c.getUniqueid(), c.getLinkedid(), c.getChannel(), endpoint(c.getChannel()), state,
                    first(c.getCallerIdNum()), first(c.getCallerIdName()), called,
                    bridge == null || bridge.isEmpty() ? null : bridge, handoff);
        }).toList();
        return new PbxEvent.PbxSynced(pbx, clock.instant(), legs);
    }

    public String handoffEvent() {
        return handoffEvent;
    }

    public long translatedCount() {
        return translated;
    }

    /** Event names received but not translated, with counts. */
    public Map<String, Long> ignoredCounts() {
        return new TreeMap<>(ignored);
    }
}
