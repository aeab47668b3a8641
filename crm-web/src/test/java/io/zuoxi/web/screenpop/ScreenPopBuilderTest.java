package io.zuoxi.web.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.auth.Role;
import io.zuoxi.web.screenpop.CustomerDirectory.Customer;
import io.zuoxi.web.screenpop.CustomerDirectory.Interaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScreenPopBuilderTest {

    static final Principal MASKED = new Principal(1, "demo", "agent1", "Agent One", Role.AGENT, "1001", false);
    static final Principal REVEAL = new Principal(2, "demo", "agent2", "Agent Two", Role.AGENT, "1002", true);
    static final Instant OFFERED = Instant.parse("2026-11-22T09:30:12Z");

    static CallOffered offer(String number, Map<String, String> data) {
        return new CallOffered("call-1", "1001", "support", number, "ZHANG WEI", "4008001234", 42, data,
                OFFERED.minusSeconds(42), OFFERED);
    }

    static final Customer ZHANG = new Customer(7, "张伟", "Acme", true, "prefers mornings",
            List.of(new Interaction("c0", Instant.parse("2026-11-20T08:00:00Z"), "support", "1003", "ANSWERED", 95),
                    new Interaction("c1", null, null, null, "ABANDONED", 0)));

    @Test
    void popCarriesEverythingThePanelShows() {
        JsonObject pop = ScreenPopBuilder.pop(MASKED, offer("13800138000", Map.of("orderId", "A-1")), ZHANG, ScreenPopBuilder.FOUND);
        assertThat(pop.getString("callId")).isEqualTo("call-1");
        assertThat(pop.getString("agentId")).isEqualTo("1001");
        assertThat(pop.getString("queue")).isEqualTo("support");
        assertThat(pop.getLong("waitSeconds")).isEqualTo(42);
        assertThat(pop.getString("offeredAt")).isEqualTo("2026-11-22T09:30:12Z");
        assertThat(pop.getString("enqueuedAt")).isEqualTo("2026-11-22T09:29:30Z");
        assertThat(pop.getString("callerName")).isEqualTo("ZHANG WEI");
        assertThat(pop.getJsonObject("attachedData").getMap()).containsExactly(Map.entry("orderId", "A-1"));
        assertThat(pop.getString("customerStatus")).isEqualTo("found");
        JsonObject c = pop.getJsonObject("customer");
        assertThat(c.getLong("id")).isEqualTo(7);
        assertThat(c.getString("name")).isEqualTo("张伟");
        assertThat(c.getString("company")).isEqualTo("Acme");
        assertThat(c.getBoolean("vip")).isTrue();
        assertThat(c.getString("notes")).isEqualTo("prefers mornings");
        assertThat(c.getJsonArray("history")).hasSize(2);
        assertThat(c.getJsonArray("history").getJsonObject(0).getString("at")).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(c.getJsonArray("history").getJsonObject(0).getLong("talkSeconds")).isEqualTo(95);
        assertThat(c.getJsonArray("history").getJsonObject(1).getValue("at")).isNull();
    }

    @Test
    void numbersAreMaskedUnlessTheViewerMayRevealThem() {
        CallOffered o = offer("13800138000", Map.of());
        assertThat(ScreenPopBuilder.pop(MASKED, o, null, ScreenPopBuilder.UNKNOWN).getString("callerNumber")).isEqualTo("138****8000");
        assertThat(ScreenPopBuilder.pop(MASKED, o, null, ScreenPopBuilder.UNKNOWN).getString("calledNumber")).isEqualTo("400***1234");
        assertThat(ScreenPopBuilder.pop(REVEAL, o, null, ScreenPopBuilder.UNKNOWN).getString("callerNumber")).isEqualTo("13800138000");
        // no viewer at all: masked (secure default)
        assertThat(ScreenPopBuilder.pop(null, o, null, ScreenPopBuilder.UNKNOWN).getString("callerNumber")).isEqualTo("138****8000");
        // internal extensions are never masked
        assertThat(ScreenPopBuilder.pop(MASKED, offer("1003", Map.of()), null, ScreenPopBuilder.UNKNOWN).getString("callerNumber")).isEqualTo("1003");
    }

    @Test
    void unknownCallerHasNoCustomerButKeepsTheStatus() {
        JsonObject pop = ScreenPopBuilder.pop(MASKED, offer("17700001111", Map.of()), null, ScreenPopBuilder.UNKNOWN);
        assertThat(pop.containsKey("customer")).isTrue();
        assertThat(pop.getValue("customer")).isNull();
        assertThat(pop.getString("customerStatus")).isEqualTo("unknown");
    }

    @Test
    void anonymousCallerAndMissingTimesDoNotBreakThePop() {
        CallOffered o = new CallOffered("call-2", "1001", "sales", null, null, null, 0, Map.of(), null, null);
        JsonObject pop = ScreenPopBuilder.pop(MASKED, o, null, ScreenPopBuilder.PENDING);
        assertThat(pop.getValue("callerNumber")).isNull();
        assertThat(pop.getValue("offeredAt")).isNull();
        assertThat(pop.getString("customerStatus")).isEqualTo("pending");
    }

    @Test
    void attachedDataIsSortedByKeySoThePanelIsStable() {
        JsonObject pop = ScreenPopBuilder.pop(MASKED, offer("13800138000", Map.of("z", "1", "a", "2", "订单号", "3")), null, ScreenPopBuilder.UNKNOWN);
        assertThat(pop.getJsonObject("attachedData").fieldNames()).containsExactly("a", "z", "订单号");
    }

    @Test
    void updateCarriesTheLateCustomer() {
        JsonObject u = ScreenPopBuilder.update("call-1", ZHANG, ScreenPopBuilder.FOUND);
        assertThat(u.getString("callId")).isEqualTo("call-1");
        assertThat(u.getJsonObject("customer").getString("name")).isEqualTo("张伟");
        JsonObject failed = ScreenPopBuilder.update("call-1", null, ScreenPopBuilder.UNAVAILABLE);
        assertThat(failed.getValue("customer")).isNull();
        assertThat(failed.getString("customerStatus")).isEqualTo("unavailable");
    }
}
