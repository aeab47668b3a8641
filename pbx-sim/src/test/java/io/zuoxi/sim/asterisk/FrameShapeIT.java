package io.zuoxi.sim.asterisk;

import io.vertx.core.Vertx;
import io.zuoxi.sim.SimulatedPbx.InboundCall;
import io.zuoxi.sim.asterisk.AmiTestClient.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.zuoxi.sim.asterisk.SimulatedAsteriskIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our frames against the real Asterisk 22 transcripts: same header names in the same order for the events the
 * adapters depend on. Values differ (names, ids); shapes must not.
 */
class FrameShapeIT {

    private static Vertx vertx;
    private static SimulatedAsterisk sim;
    private static final List<Frame> ours = new ArrayList<>();

    @BeforeAll
    static void runScenario() throws Exception {
        vertx = Vertx.vertx();
        sim = new SimulatedAsterisk(vertx, SimulatedAsteriskConfig.defaults("pw"));
        await(sim.start());
        try (AmiTestClient c = new AmiTestClient(sim.port())) {
            c.login("zuoxi", "pw", "on");
            String caller = sim.placeInboundCall(new InboundCall("555110", "Customer 110", "110", "support", 0,
                    Map.of("k", "v")));
            String callerChannel = c.awaitEvent("UserEvent", "Uniqueid", caller).get("Channel");
            String id = c.send("Originate", "Channel: PJSIP/1001", "Context: zuoxi-agent", "Exten: s",
                    "Priority: 1", "CallerID: \"CTI\" <110>", "ChannelId: shape-1", "Async: true");
            String agentChannel = c.awaitEvent("OriginateResponse", "ActionID", id).get("Channel");
            c.response(c.send("Setvar", "Channel: " + callerChannel, "Variable: ZUOXI_AGENT_LEG", "Value: " + agentChannel));
            c.response(c.send("Bridge", "Channel1: " + callerChannel, "Channel2: " + agentChannel, "Tone: no"));
            c.response(c.send("Hangup", "Channel: " + agentChannel));
            c.awaitEvent("Hangup", "Uniqueid", caller);
            ours.addAll(c.frames());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        await(sim.stop());
        await(vertx.close());
    }

    @Test
    void newchannelMatchesFixture02b() throws IOException {
        assertSameShape("Newchannel", f -> true, f -> true);
    }

    @Test
    void hangupMatchesFixture02b() throws IOException {
        assertSameShape("Hangup", f -> true, f -> true);
    }

    @Test
    void bridgeEventsMatchFixture02b() throws IOException {
        assertSameShape("BridgeCreate", f -> true, f -> true);
        assertSameShape("BridgeEnter", f -> true, f -> true);
        assertSameShape("BridgeLeave", f -> true, f -> true);
        assertSameShape("BridgeDestroy", f -> true, f -> true);
        assertSameShape("MusicOnHoldStart", f -> true, f -> true);
        assertSameShape("MusicOnHoldStop", f -> true, f -> true);
        assertSameShape("SoftHangupRequest", f -> true, f -> true);
    }

    @Test
    void successfulOriginateResponseMatchesTheAgentOriginateOf02b() throws IOException {
        assertSameShape("OriginateResponse", f -> "cti-route".equals(f.get("Context")),
                f -> "Success".equals(f.get("Response")));
    }

    @Test
    void userEventHasTheChannelBlockThenItsBody() throws IOException {
        Frame theirs = first(fixture("02b-inbound-holding-originate-agent-and-bridge.ami"), "UserEvent", f -> true);
        Frame mine = first(ours, "UserEvent", f -> true);
        List<String> t = normalised(theirs);
        List<String> m = normalised(mine);
        assertThat(m.subList(0, m.indexOf("UserEvent") + 1)).isEqualTo(t.subList(0, t.indexOf("UserEvent") + 1));
    }

    private void assertSameShape(String event, Predicate<Frame> fixtureFilter, Predicate<Frame> ourFilter)
            throws IOException {
        Frame theirs = first(fixture("02b-inbound-holding-originate-agent-and-bridge.ami"), event, fixtureFilter);
        Frame mine = first(ours, event, ourFilter);
        assertThat(normalised(mine)).as(event).isEqualTo(normalised(theirs));
    }

    private static Frame first(List<Frame> frames, String event, Predicate<Frame> filter) {
        return frames.stream().filter(f -> f.isEvent(event)).filter(filter).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event));
    }

    /** ChanVariable(&lt;channel name&gt;) carries a channel name in the header name itself; compare its shape. */
    private static List<String> normalised(Frame f) {
        return f.names().stream().map(n -> n.startsWith("ChanVariable(") ? "ChanVariable(channel)" : n).toList();
    }

    static List<Frame> fixture(String name) throws IOException {
        try (InputStream in = FrameShapeIT.class.getResourceAsStream("/asterisk-22/" + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Frame> frames = new ArrayList<>();
            List<String[]> current = new ArrayList<>();
            String[] lines = text.split("\r\n", -1);
            for (int i = 1; i < lines.length; i++) { // line 0 is the banner
                String l = lines[i];
                if (l.isEmpty()) {
                    if (!current.isEmpty()) {
                        frames.add(new Frame(current));
                        current = new ArrayList<>();
                    }
                } else {
                    int c = l.indexOf(": ");
                    current.add(c < 0 ? new String[] {l.replaceAll(":$", ""), ""}
                            : new String[] {l.substring(0, c), l.substring(c + 2)});
                }
            }
            return frames;
        }
    }
}
