-- Zuoxi schema v1 (MySQL 8 / MariaDB 10.6+, InnoDB, utf8mb4). Keep in step with db/h2/V1__init.sql and with the Hibernate
-- entities in crm-web (hbm2ddl=validate checks them at every start).

CREATE TABLE tenants (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant              VARCHAR(64)  NOT NULL,
    username            VARCHAR(100) NOT NULL,
    display_name        VARCHAR(200) NOT NULL,
    role                VARCHAR(20)  NOT NULL,
    agent_id            VARCHAR(64),
    reveal_numbers      BOOLEAN      NOT NULL DEFAULT FALSE,
    password_hash       VARCHAR(128) NOT NULL,
    password_salt       VARCHAR(64)  NOT NULL,
    password_iterations INT          NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT fk_users_tenant FOREIGN KEY (tenant) REFERENCES tenants(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agents (
    agent_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant           VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    default_pbx      VARCHAR(64),
    default_endpoint VARCHAR(200),
    CONSTRAINT fk_agents_tenant FOREIGN KEY (tenant) REFERENCES tenants(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE queues (
    name            VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant          VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    ring_timeout_s  INT          NOT NULL DEFAULT 20,
    wrap_up_s       INT          NOT NULL DEFAULT 10,
    service_level_s INT          NOT NULL DEFAULT 20,
    strategy        VARCHAR(64)  NOT NULL DEFAULT 'longest-idle',
    CONSTRAINT fk_queues_tenant FOREIGN KEY (tenant) REFERENCES tenants(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agent_queues (
    agent_id   VARCHAR(64) NOT NULL,
    queue_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (agent_id, queue_name),
    CONSTRAINT fk_agent_queues_agent_id FOREIGN KEY (agent_id) REFERENCES agents(agent_id),
    CONSTRAINT fk_agent_queues_queue_name FOREIGN KEY (queue_name) REFERENCES queues(name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE not_ready_reasons (
    code     VARCHAR(64)  NOT NULL PRIMARY KEY,
    label_zh VARCHAR(100) NOT NULL,
    label_en VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO not_ready_reasons (code, label_zh, label_en) VALUES
    ('break', '小休', 'Break'),
    ('meal', '用餐', 'Meal'),
    ('meeting', '会议', 'Meeting'),
    ('training', '培训', 'Training'),
    ('no-answer', '未接', 'No answer'),
    ('device-unavailable', '设备不可用', 'Device unavailable'),
    ('login', '签入', 'Just logged in');

CREATE TABLE customers (
    id      BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant  VARCHAR(64)   NOT NULL,
    name    VARCHAR(200)  NOT NULL,
    company VARCHAR(200),
    vip     BOOLEAN       NOT NULL DEFAULT FALSE,
    notes   TEXT,
    CONSTRAINT fk_customers_tenant FOREIGN KEY (tenant) REFERENCES tenants(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE customer_phones (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant      VARCHAR(64) NOT NULL,
    customer_id BIGINT      NOT NULL,
    phone_number VARCHAR(32) NOT NULL,
    CONSTRAINT uq_customer_phones UNIQUE (tenant, phone_number),
    CONSTRAINT fk_customer_phones_customer_id FOREIGN KEY (customer_id) REFERENCES customers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE call_records (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    call_id         VARCHAR(128) NOT NULL,
    tenant          VARCHAR(64),
    pbx             VARCHAR(64),
    linked_id       VARCHAR(128),
    direction       VARCHAR(16),
    caller_number   VARCHAR(64),
    caller_name     VARCHAR(200),
    called_number   VARCHAR(64),
    queue           VARCHAR(64),
    agent_id        VARCHAR(64),
    outcome         VARCHAR(32),
    started_at      DATETIME(3),
    enqueued_at     DATETIME(3),
    offered_at      DATETIME(3),
    answered_at     DATETIME(3),
    ended_at        DATETIME(3),
    wait_seconds    BIGINT       NOT NULL DEFAULT 0,
    talk_seconds    BIGINT       NOT NULL DEFAULT 0,
    wrap_up_seconds BIGINT,
    offers          INT          NOT NULL DEFAULT 0,
    reconciled      BOOLEAN      NOT NULL DEFAULT FALSE,
    attached_data   MEDIUMTEXT,
    CONSTRAINT uq_call_records_call_id UNIQUE (call_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_call_records_tenant_ended ON call_records (tenant, ended_at);
CREATE INDEX ix_call_records_agent_ended ON call_records (agent_id, ended_at);
CREATE INDEX ix_call_records_caller ON call_records (caller_number);

CREATE TABLE call_legs (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    call_record_id BIGINT       NOT NULL,
    leg_id         VARCHAR(128) NOT NULL,
    role           VARCHAR(16),
    channel        VARCHAR(200),
    agent_id       VARCHAR(64),
    created_at     DATETIME(3),
    answered_at    DATETIME(3),
    ended_at       DATETIME(3),
    hangup_cause   INT,
    CONSTRAINT fk_call_legs_call_record_id FOREIGN KEY (call_record_id) REFERENCES call_records(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_call_legs_record ON call_legs (call_record_id);

CREATE TABLE agent_state_history (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    agent_id   VARCHAR(64)  NOT NULL,
    from_state VARCHAR(16),
    to_state   VARCHAR(16)  NOT NULL,
    reason     VARCHAR(64),
    call_id    VARCHAR(128),
    endpoint   VARCHAR(200),
    changed_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_agent_state_history_agent_at ON agent_state_history (agent_id, changed_at);
