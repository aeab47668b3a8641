package io.zuoxi.web.auth;

/** What a signed-in user may do. Supervisors see their tenant's queues and agents; admins also configure. */
public enum Role { AGENT, SUPERVISOR, ADMIN }
