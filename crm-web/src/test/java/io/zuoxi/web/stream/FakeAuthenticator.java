package io.zuoxi.web.stream;

import io.zuoxi.web.auth.Authenticator;
import io.zuoxi.web.auth.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Token → principal, filled by the test. */
public final class FakeAuthenticator implements Authenticator {

    private final Map<String, Principal> sessions = new ConcurrentHashMap<>();

    public FakeAuthenticator add(String token, Principal principal) {
        sessions.put(token, principal);
        return this;
    }

    public void remove(String token) {
        sessions.remove(token);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if ("boom".equals(token)) {
            throw new IllegalStateException("session store unavailable");
        }
        return Optional.ofNullable(sessions.get(token));
    }
}
