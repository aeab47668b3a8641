package io.zuoxi.web.auth;

import java.util.Optional;

/** Resolves a session token (from the {@code Authorization: Bearer} header, the session cookie, or a WebSocket auth message). */
public interface Authenticator {

    Optional<Principal> authenticate(String token);
}
