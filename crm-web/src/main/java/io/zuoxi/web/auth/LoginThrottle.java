package io.zuoxi.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username (whether or not the user exists, so the answer tells nothing
 * about existence); after {@code maxFailures} within {@code window} the name is locked until the
 * window has passed since the first failure.
 */
public final class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant since) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public boolean locked(String username) {
        Failures f = failures.get(key(username));
        if (f == null) {
            return false;
        }
        if (!clock.instant().isBefore(f.since().plus(window))) {
            failures.remove(key(username), f);
            return false;
        }
        return f.count() >= maxFailures;
    }

    public void failed(String username) {
        Instant now = clock.instant();
        failures.compute(key(username), (k, f) -> f == null || !now.isBefore(f.since().plus(window))
                ? new Failures(1, now) : new Failures(f.count() + 1, f.since()));
        if (failures.size() > MAX_TRACKED) {
            // Bounded memory under a spray of random usernames: forget windows that are over first.
            failures.values().removeIf(x -> !now.isBefore(x.since().plus(window)));
            if (failures.size() > MAX_TRACKED) {
                failures.clear();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
