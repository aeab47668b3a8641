package io.zuoxi.core.agent;

import io.zuoxi.core.agent.AgentInput.OfferFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.zuoxi.core.agent.AgentState.*;
import static org.assertj.core.api.Assertions.assertThat;

class AgentMachineTest {

    static AgentInput input(String name) {
        return switch (name) {
            case "Login" -> new AgentInput.Login();
            case "Ready" -> new AgentInput.Ready();
            case "NotReady" -> new AgentInput.NotReady("lunch");
            case "EndWrapUp" -> new AgentInput.EndWrapUp();
            case "Logout" -> new AgentInput.Logout();
            case "Offered" -> new AgentInput.Offered("c1");
            case "OfferAnswered" -> new AgentInput.OfferAnswered();
            case "NoAnswer" -> new AgentInput.OfferFailed(OfferFailure.NO_ANSWER);
            case "Unavailable" -> new AgentInput.OfferFailed(OfferFailure.DEVICE_UNAVAILABLE);
            case "PbxProblem" -> new AgentInput.OfferFailed(OfferFailure.PBX_PROBLEM);
            case "CallEnded10" -> new AgentInput.CallEnded(10);
            case "CallEnded0" -> new AgentInput.CallEnded(0);
            case "CallEndedManual" -> new AgentInput.CallEnded(-1);
            case "WrapUpExpired" -> new AgentInput.WrapUpExpired();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** from, input, accepted, to, reason */
    @ParameterizedTest(name = "{0} + {1} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "LOGGED_OUT, Login, true, NOT_READY, login",
            "LOGGED_OUT, Ready, false, LOGGED_OUT, -",
            "LOGGED_OUT, Logout, false, LOGGED_OUT, -",
            "NOT_READY, Login, false, NOT_READY, -",
            "NOT_READY, Ready, true, READY, -",
            "NOT_READY, NotReady, true, NOT_READY, lunch",
            "NOT_READY, Offered, false, NOT_READY, -",
            "NOT_READY, Logout, true, LOGGED_OUT, -",
            "NOT_READY, EndWrapUp, false, NOT_READY, -",
            "READY, NotReady, true, NOT_READY, lunch",
            "READY, Offered, true, RESERVED, -",
            "READY, OfferAnswered, false, READY, -",
            "READY, CallEnded10, false, READY, -",
            "READY, Logout, true, LOGGED_OUT, -",
            "RESERVED, OfferAnswered, true, ON_CALL, -",
            "RESERVED, NoAnswer, true, NOT_READY, no-answer",
            "RESERVED, Unavailable, true, NOT_READY, device-unavailable",
            "RESERVED, PbxProblem, true, READY, -",
            "RESERVED, Logout, false, RESERVED, -",
            "RESERVED, Offered, false, RESERVED, -",
            "ON_CALL, Logout, false, ON_CALL, -",
            "ON_CALL, CallEnded10, true, WRAP_UP, -",
            "ON_CALL, CallEndedManual, true, WRAP_UP, -",
            "ON_CALL, CallEnded0, true, READY, -",
            "ON_CALL, WrapUpExpired, false, ON_CALL, -",
            "WRAP_UP, WrapUpExpired, true, READY, -",
            "WRAP_UP, EndWrapUp, true, READY, -",
            "WRAP_UP, Ready, true, READY, -",
            "WRAP_UP, Logout, true, LOGGED_OUT, -",
            "WRAP_UP, Offered, false, WRAP_UP, -",
    })
    void table(AgentState from, String in, boolean accepted, AgentState to, String reason) {
        var t = AgentMachine.apply(from, null, null, input(in));
        assertThat(t.accepted()).isEqualTo(accepted);
        assertThat(t.to()).isEqualTo(to);
        if (accepted) {
            assertThat(t.reason()).isEqualTo(reason);
        }
    }

    @Test
    void notReadyDuringCallIsPendingUntilCallAndWrapUpEnd() {
        var t = AgentMachine.apply(ON_CALL, null, null, new AgentInput.NotReady("meeting"));
        assertThat(t.to()).isEqualTo(ON_CALL);
        assertThat(t.pendingReason()).isEqualTo("meeting");
        t = AgentMachine.apply(ON_CALL, null, "meeting", new AgentInput.CallEnded(30));
        assertThat(t.to()).isEqualTo(WRAP_UP);
        assertThat(t.effect()).isEqualTo(AgentMachine.Effect.START_WRAP_UP_TIMER);
        assertThat(t.wrapUpSeconds()).isEqualTo(30);
        t = AgentMachine.apply(WRAP_UP, null, "meeting", new AgentInput.WrapUpExpired());
        assertThat(t.to()).isEqualTo(NOT_READY);
        assertThat(t.reason()).isEqualTo("meeting");
        assertThat(t.pendingReason()).isNull();
    }

    @Test
    void readyDuringCallCancelsPending() {
        var t = AgentMachine.apply(RESERVED, null, "lunch", new AgentInput.Ready());
        assertThat(t.to()).isEqualTo(RESERVED);
        assertThat(t.pendingReason()).isNull();
    }

    @Test
    void pbxProblemAppliesPendingNotReady() {
        var t = AgentMachine.apply(RESERVED, null, "lunch", new AgentInput.OfferFailed(OfferFailure.PBX_PROBLEM));
        assertThat(t.to()).isEqualTo(NOT_READY);
        assertThat(t.reason()).isEqualTo("lunch");
    }
}
