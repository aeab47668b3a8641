package io.zuoxi.web.auth;

/**
 * The signed-in user behind a request or a WebSocket.
 *
 * @param tenant       every query and every event is scoped to this tenant
 * @param agentId      the agent seat this user works as, or {@code null} (pure supervisor/admin)
 * @param revealNumbers whether full phone numbers may be shown (号码展开权限); otherwise masked
 */
public record Principal(long userId, String tenant, String username, String displayName, Role role,
                        String agentId, boolean revealNumbers) {

    public boolean isSupervisor() {
        return role == Role.SUPERVISOR || role == Role.ADMIN;
    }
}
