package io.zuoxi.web.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory sessions: random 256-bit tokens with a sliding time-to-live. Thread-safe (the event hub
 * resolves tokens on a worker). Sessions do not survive a restart; users sign in again.
 */
public final class SessionStore implements Authenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(Principal principal, Instant expiresAt) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public SessionStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public String create(Principal principal) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        sessions.put(token, new Session(principal, clock.instant().plus(ttl)));
        return token;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt())) {
            sessions.remove(token, s);
            return Optional.empty();
        }
        sessions.replace(token, s, new Session(s.principal(), now.plus(ttl)));
        return Optional.of(s.principal());
    }

    public void invalidate(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Drops expired sessions; called periodically. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        return before - sessions.size();
    }

    public int size() {
        return sessions.size();
    }
}
