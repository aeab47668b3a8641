package io.zuoxi.ami;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.pbx.PbxEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real fixtures over real TCP through real asterisk-java parsing. Expected sequences in
 * src/test/resources/expected were derived from the raw fixtures by derive_expected.py (a
 * separate, plain reading of the frames) and checked by hand against the fixtures README.
 */
class AmiTranslationIT {

    static final String SECRET = "cti-secret";
    static Vertx vertx;

    @BeforeAll
    static void up() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void down() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("02-inbound-holding-redirect-to-agent", "02b-inbound-holding-originate-agent-and-bridge",
                "04-dialer-originate-outcomes", "06-mixmonitor-and-hold", "09a-errors-login-wrong-secret",
                "09b-errors-action-before-login-unknown-user", "09c-errors-malformed-and-unknown-actions",
                "09d-errors-observer-security-events")) {
            for (FakeAmiServer.Chunking c : FakeAmiServer.Chunking.values()) {
                out.add(Arguments.of(f, c));
            }
        }
        return out.stream();
    }

    static List<String> expected(String name) throws Exception {
        try (InputStream in = AmiTranslationIT.class.getResourceAsStream("/expected/" + name + ".txt")) {
            List<String> lines = new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList());
            lines.add("LegHungUp sentinel 16 Normal Clearing");
            return lines;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fixtureTranslatesToExactSequence(String fixture, FakeAmiServer.Chunking chunking) throws Exception {
        FakeAmiServer server = new FakeAmiServer(vertx, SECRET);
        server.replay = FakeAmiServer.eventFrames(FakeAmiServer.fixture(fixture));
        server.chunking = chunking;
        int port = server.start();
        JsonObject cfg = AmiHarness.config(port, SECRET).put("handoffEvent", "CtiCallWaiting");
        try (AmiHarness h = new AmiHarness(vertx)) {
            h.start(AmiConfig.fromJson(cfg), () -> {
                for (int i = 3; i <= 8; i++) {
                    h.connection.expectOriginate("04-000" + i, "04-000" + i);
                }
            });
            AmiHarness.await("sentinel", () -> h.callEvents().contains("LegHungUp sentinel 16 Normal Clearing"));
            assertThat(h.callEvents()).containsExactlyElementsOf(expected(fixture));
            assertThat(h.of(PbxEvent.PbxConnected.class)).hasSize(1);
            assertThat(h.of(PbxEvent.PbxDisconnected.class)).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void handoffCarriesQueueDefaultEndpointAndCounts() throws Exception {
        FakeAmiServer server = new FakeAmiServer(vertx, SECRET);
        server.replay = FakeAmiServer.eventFrames(FakeAmiServer.fixture("02b-inbound-holding-originate-agent-and-bridge"));
        int port = server.start();
        try (AmiHarness h = new AmiHarness(vertx)) {
            h.start(AmiConfig.fromJson(AmiHarness.config(port, SECRET).put("handoffEvent", "CtiCallWaiting")
                    .put("defaultQueue", "sales")), () -> { });
            AmiHarness.await("sentinel", () -> h.callEvents().contains("LegHungUp sentinel 16 Normal Clearing"));
            PbxEvent.CallHandedOff off = h.of(PbxEvent.CallHandedOff.class).get(0);
            // the duplicated Uniqueid / CallerIDNum of the UserEvent body (README note 10) do not leak in
            assertThat(off.legId()).isEqualTo("1795342929.5");
            assertThat(off.queue()).isEqualTo("sales");
            assertThat(off.linkedId()).isEqualTo("1795342929.4");
            assertThat(off.calledNumber()).isEqualTo("110");
            assertThat(off.priority()).isZero();
            assertThat(off.callerNumber()).isEqualTo("555110");
            PbxEvent.LegCreated agent = h.of(PbxEvent.LegCreated.class).get(2);
            assertThat(agent.endpoint()).isEqualTo("Local/agent-2@agents");
            JsonObject counters = h.status().getJsonObject("counters");
            assertThat(counters.getJsonObject("untranslatedByName").getLong("NewExten")).isEqualTo(15L);
            assertThat(counters.getJsonObject("untranslatedByName").getLong("VarSet")).isEqualTo(8L);
            assertThat(counters.getLong("translated")).isEqualTo(18L);
        } finally {
            server.close();
        }
    }

    @Test
    void defaultHandoffNameIgnoresOtherUserEvents() throws Exception {
        FakeAmiServer server = new FakeAmiServer(vertx, SECRET);
        server.replay = FakeAmiServer.eventFrames(FakeAmiServer.fixture("02b-inbound-holding-originate-agent-and-bridge"));
        int port = server.start();
        try (AmiHarness h = new AmiHarness(vertx)) {
            h.start(AmiConfig.fromJson(AmiHarness.config(port, SECRET)), () -> { });
            AmiHarness.await("sentinel", () -> h.callEvents().contains("LegHungUp sentinel 16 Normal Clearing"));
            assertThat(h.of(PbxEvent.CallHandedOff.class)).isEmpty();
            assertThat(h.of(PbxEvent.LegCreated.class)).hasSize(4);
        } finally {
            server.close();
        }
    }
}
