package io.zuoxi.web.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {

    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Principal alice = new Principal(1, "demo", "alice", "Alice", Role.AGENT, "1001", false);

    @Test
    void tokensAreRandom256BitAndExpireAfterIdleTtl() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(10), clock);
        String t = store.create(alice);
        assertThat(java.util.Base64.getUrlDecoder().decode(t)).hasSize(32);
        assertThat(store.create(alice)).isNotEqualTo(t);
        clock.now = clock.now.plusSeconds(9 * 60);
        assertThat(store.authenticate(t)).contains(alice);
        clock.now = clock.now.plusSeconds(9 * 60); // sliding: still alive 18 min after login
        assertThat(store.authenticate(t)).contains(alice);
        clock.now = clock.now.plusSeconds(10 * 60);
        assertThat(store.authenticate(t)).isEmpty();
        assertThat(store.authenticate("nope")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
    }

    @Test
    void invalidateAndPurge() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(1), clock);
        String a = store.create(alice);
        store.create(alice);
        store.invalidate(a);
        assertThat(store.authenticate(a)).isEmpty();
        clock.now = clock.now.plusSeconds(61);
        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void throttleLocksAfterMaxFailuresUntilWindowPasses() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(t.locked("Bob")).isFalse();
            t.failed("bob");
        }
        assertThat(t.locked("BOB")).isTrue();
        assertThat(t.locked("carol")).isFalse();
        clock.now = clock.now.plusSeconds(301);
        assertThat(t.locked("bob")).isFalse();
    }
}
