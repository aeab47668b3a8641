package io.zuoxi.web.auth;

import io.vertx.core.Future;
import io.zuoxi.web.http.ApiException;
import io.zuoxi.web.persistence.Database;
import io.zuoxi.web.persistence.UserEntity;

import java.util.List;

/** Checks a username and password on a database worker and opens a session. */
public final class LoginService {

    /** Verified against when the user does not exist, so both paths cost the same PBKDF2 time. */
    private static final PasswordHasher.Hash DUMMY = PasswordHasher.hash("not-a-password");

    private final Database db;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public record LoggedIn(String token, Principal principal) {}

    public LoginService(Database db, SessionStore sessions, LoginThrottle throttle) {
        this.db = db;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public Future<LoggedIn> login(String username, String password) {
        if (throttle.locked(username)) {
            return Future.failedFuture(new ApiException(429, "too-many-attempts",
                    "too many failed logins for this user; try again later"));
        }
        return db.tx(s -> {
            List<UserEntity> found = s.createSelectionQuery("from UserEntity where username = :u", UserEntity.class)
                    .setParameter("u", username).getResultList();
            UserEntity u = found.isEmpty() ? null : found.get(0);
            if (u == null) {
                // Same PBKDF2 work as for a real user, so response time does not reveal who exists.
                PasswordHasher.verify(password, DUMMY.hash(), DUMMY.salt(), DUMMY.iterations());
                return null;
            }
            if (!PasswordHasher.verify(password, u.passwordHash, u.passwordSalt, u.passwordIterations)) {
                return null;
            }
            return new Principal(u.id, u.tenant, u.username, u.displayName, Role.valueOf(u.role), u.agentId,
                    u.revealNumbers);
        }).compose(p -> {
            if (p == null) {
                throttle.failed(username);
                return Future.failedFuture(new ApiException(401, "bad-credentials", "wrong username or password"));
            }
            throttle.succeeded(username);
            return Future.succeededFuture(new LoggedIn(sessions.create(p), p));
        });
    }
}
