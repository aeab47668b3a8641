-- Zuoxi schema v1 (H2 2.x). Keep in step with db/mysql/V1__init.sql and with the Hibernate
-- entities in crm-web (hbm2ddl=validate checks them at every start).

CREATE TABLE tenants (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL
);

CREATE TABLE users (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant              VARCHAR(64)  NOT NULL REFERENCES tenants(id),
    username            VARCHAR(100) NOT NULL,
    display_name        VARCHAR(200) NOT NULL,
    role                VARCHAR(20)  NOT NULL,
    agent_id            VARCHAR(64),
    reveal_numbers      BOOLEAN      NOT NULL DEFAULT FALSE,
    password_hash       VARCHAR(128) NOT NULL,
    password_salt       VARCHAR(64)  NOT NULL,
    password_iterations INT          NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username)
);

CREATE TABLE agents (
    agent_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant           VARCHAR(64)  NOT NULL REFERENCES tenants(id),
    name             VARCHAR(200) NOT NULL,
    default_pbx      VARCHAR(64),
    default_endpoint VARCHAR(200)
);

CREATE TABLE queues (
    name            VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant          VARCHAR(64)  NOT NULL REFERENCES tenants(id),
    display_name    VARCHAR(200) NOT NULL,
    ring_timeout_s  INT          NOT NULL DEFAULT 20,
    wrap_up_s       INT          NOT NULL DEFAULT 10,
    service_level_s INT          NOT NULL DEFAULT 20,
    strategy        VARCHAR(64)  NOT NULL DEFAULT 'longest-idle'
);

CREATE TABLE agent_queues (
    agent_id   VARCHAR(64) NOT NULL REFERENCES agents(agent_id),
    queue_name VARCHAR(64) NOT NULL REFERENCES queues(name),
    PRIMARY KEY (agent_id, queue_name)
);

CREATE TABLE not_ready_reasons (
    code     VARCHAR(64)  NOT NULL PRIMARY KEY,
    label_zh VARCHAR(100) NOT NULL,
    label_en VARCHAR(100) NOT NULL
);

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
    tenant  VARCHAR(64)   NOT NULL REFERENCES tenants(id),
    name    VARCHAR(200)  NOT NULL,
    company VARCHAR(200),
    vip     BOOLEAN       NOT NULL DEFAULT FALSE,
    notes   VARCHAR(4000)
);

CREATE TABLE customer_phones (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant      VARCHAR(64) NOT NULL,
    customer_id BIGINT      NOT NULL REFERENCES customers(id),
    phone_number VARCHAR(32) NOT NULL,
    CONSTRAINT uq_customer_phones UNIQUE (tenant, phone_number)
);

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
    started_at      TIMESTAMP(3),
    enqueued_at     TIMESTAMP(3),
    offered_at      TIMESTAMP(3),
    answered_at     TIMESTAMP(3),
    ended_at        TIMESTAMP(3),
    wait_seconds    BIGINT       NOT NULL DEFAULT 0,
    talk_seconds    BIGINT       NOT NULL DEFAULT 0,
    wrap_up_seconds BIGINT,
    offers          INT          NOT NULL DEFAULT 0,
    reconciled      BOOLEAN      NOT NULL DEFAULT FALSE,
    attached_data   VARCHAR(16000),
    CONSTRAINT uq_call_records_call_id UNIQUE (call_id)
);
CREATE INDEX ix_call_records_tenant_ended ON call_records (tenant, ended_at);
CREATE INDEX ix_call_records_agent_ended ON call_records (agent_id, ended_at);
CREATE INDEX ix_call_records_caller ON call_records (caller_number);

CREATE TABLE call_legs (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    call_record_id BIGINT       NOT NULL REFERENCES call_records(id),
    leg_id         VARCHAR(128) NOT NULL,
    role           VARCHAR(16),
    channel        VARCHAR(200),
    agent_id       VARCHAR(64),
    created_at     TIMESTAMP(3),
    answered_at    TIMESTAMP(3),
    ended_at       TIMESTAMP(3),
    hangup_cause   INT
);
CREATE INDEX ix_call_legs_record ON call_legs (call_record_id);

CREATE TABLE agent_state_history (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    agent_id   VARCHAR(64)  NOT NULL,
    from_state VARCHAR(16),
    to_state   VARCHAR(16)  NOT NULL,
    reason     VARCHAR(64),
    call_id    VARCHAR(128),
    endpoint   VARCHAR(200),
    changed_at TIMESTAMP(3) NOT NULL
);
CREATE INDEX ix_agent_state_history_agent_at ON agent_state_history (agent_id, changed_at);
