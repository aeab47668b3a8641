package io.zuoxi.sim.asterisk;

import io.vertx.core.Vertx;
import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx.InboundCall;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.zuoxi.sim.asterisk.SimulatedAsteriskIT.await;
import static io.zuoxi.sim.asterisk.SimulatedAsteriskIT.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** asterisk-java (the library the ami-adapter is built on) logs in, parses our events and drives a call. */
class AsteriskJavaIT {

    private Vertx vertx;
    private SimulatedAsterisk sim;
    private ManagerConnection ami;
    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        sim = new SimulatedAsterisk(vertx, SimulatedAsteriskConfig.defaults("pw"));
        await(sim.start());
        ami = new ManagerConnectionFactory("127.0.0.1", sim.port(), "zuoxi", "pw").createManagerConnection();
        ami.registerUserEventClass(ZuoxiCallWaitingEvent.class);
        ami.addEventListener(events::add);
        ami.login();
    }

    @AfterEach
    void tearDown() throws Exception {
        ami.logoff();
        await(sim.stop());
        await(vertx.close());
    }

    @Test
    void parsesTheHandoffAndDrivesOriginateBridgeHangup() throws Exception {
        String caller = sim.placeInboundCall(new InboundCall("13800138000", "张伟", "4001", "support", 3,
                Map.of("order", "88", "lang", "zh")));
        ZuoxiCallWaitingEvent handoff = awaitEvent(ZuoxiCallWaitingEvent.class, e -> caller.equals(e.getUniqueId()));
        assertThat(handoff.getZuoxiQueue()).isEqualTo("support");
        assertThat(handoff.getZuoxiPriority()).isEqualTo("3");
        assertThat(handoff.getZuoxiData()).isEqualTo("lang=zh&order=88");
        assertThat(handoff.getCallerIdNum()).isEqualTo("13800138000");
        NewChannelEvent nc = awaitEvent(NewChannelEvent.class, e -> caller.equals(e.getUniqueId()));
        assertThat(nc.getCallerIdName()).isEqualTo("张伟");

        sim.setPhone("PJSIP/1001", PhoneBehaviour.answerAfter(Duration.ofMillis(50)));
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/1001");
        originate.setContext("zuoxi-agent");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setTimeout(5000L);
        originate.setAsync(true);
        originate.setChannelId("aj-leg-1");
        originate.setCallerId("\"张伟\" <13800138000>");
        originate.setVariable("ZUOXI_CALL_ID", "call-1");
        ManagerResponse r = ami.sendAction(originate, 5000);
        assertThat(r.getResponse()).isEqualTo("Success");
        OriginateResponseEvent or = awaitEvent(OriginateResponseEvent.class, e -> "aj-leg-1".equals(e.getUniqueId()));
        assertThat(or.getReason()).isEqualTo(4);
        assertThat(or.getResponse()).isEqualTo("Success");

        ami.sendAction(new org.asteriskjava.manager.action.SetVarAction(handoff.getChannel(), "ZUOXI_AGENT_LEG",
                or.getChannel()), 5000);
        ManagerResponse bridged = ami.sendAction(new BridgeAction(handoff.getChannel(), or.getChannel(), false), 5000);
        assertThat(bridged.getMessage()).isEqualTo("Channels have been bridged");
        awaitEvent(BridgeEnterEvent.class, e -> "aj-leg-1".equals(e.getUniqueId()));
        assertThat(sim.bridgedWith(caller)).isEqualTo("aj-leg-1");

        var list = ami.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
        assertThat(list.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance).hasSize(2);

        assertThat(sim.hangup("aj-leg-1")).isTrue();
        HangupEvent h = awaitEvent(HangupEvent.class, e -> caller.equals(e.getUniqueId()));
        assertThat(h.getCause()).isEqualTo(16);
        waitUntil(() -> sim.liveLegs().isEmpty(), "no legs");
    }

    private <T extends ManagerEvent> T awaitEvent(Class<T> type, Predicate<T> p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ManagerEvent e : events) {
                if (type.isInstance(e) && p.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events);
    }
}
