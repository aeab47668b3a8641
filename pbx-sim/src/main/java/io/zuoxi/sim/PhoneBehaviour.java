package io.zuoxi.sim;

import java.time.Duration;

/**
 * How a simulated device answers an originate.
 *
 * @param mode        ANSWER, NO_ANSWER (rings until the originate times out), BUSY, UNREACHABLE
 *                    (unregistered device: the originate fails at once)
 * @param answerAfter ring time before answering (ANSWER only)
 * @param hangupAfter talk time after which the phone hangs up by itself; {@code null} = never
 *                    (the test or the caller ends the call)
 */
public record PhoneBehaviour(Mode mode, Duration answerAfter, Duration hangupAfter) {

    public enum Mode { ANSWER, NO_ANSWER, BUSY, UNREACHABLE }

    public static PhoneBehaviour answerAfter(Duration ring) {
        return new PhoneBehaviour(Mode.ANSWER, ring, null);
    }

    public static PhoneBehaviour answerAndHangUp(Duration ring, Duration talk) {
        return new PhoneBehaviour(Mode.ANSWER, ring, talk);
    }

    public static PhoneBehaviour noAnswer() {
        return new PhoneBehaviour(Mode.NO_ANSWER, null, null);
    }

    public static PhoneBehaviour busy() {
        return new PhoneBehaviour(Mode.BUSY, null, null);
    }

    public static PhoneBehaviour unreachable() {
        return new PhoneBehaviour(Mode.UNREACHABLE, null, null);
    }
}
