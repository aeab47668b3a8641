package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who signs in; the password is stored as PBKDF2 hash + salt + iteration count (base64). */
@Entity
@Table(name = "users")
public class UserEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant", nullable = false, length = 64)
    public String tenant;
    @Column(name = "username", nullable = false, length = 100)
    public String username;
    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;
    /** AGENT, SUPERVISOR or ADMIN. */
    @Column(name = "role", nullable = false, length = 20)
    public String role;
    @Column(name = "agent_id", length = 64)
    public String agentId;
    @Column(name = "reveal_numbers", nullable = false)
    public boolean revealNumbers;
    @Column(name = "password_hash", nullable = false, length = 128)
    public String passwordHash;
    @Column(name = "password_salt", nullable = false, length = 64)
    public String passwordSalt;
    @Column(name = "password_iterations", nullable = false)
    public int passwordIterations;
}
