package io.zuoxi.web.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zuoxi.core.call.CallRecord;
import io.zuoxi.web.screenpop.CustomerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistenceIT {

    @TempDir
    Path dir;
    private Vertx vertx;
    private String url;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        url = "jdbc:h2:file:" + dir.resolve("zuoxi") + ";AUTO_SERVER=FALSE";
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void migrationsApplyOnceAndHibernateValidatesTheEntitiesAgainstThem() throws Exception {
        Database db = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        await(db.close());
        assertThat(count("SELECT COUNT(*) FROM schema_version")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM not_ready_reasons")).isEqualTo(7);
        // second start: nothing re-applied (a re-run of V1 would fail on existing tables anyway)
        Database again = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        await(again.close());
        assertThat(count("SELECT COUNT(*) FROM schema_version")).isEqualTo(1);
    }

    @Test
    void validationFailsWhenTheSchemaDriftsFromTheEntities() throws Exception {
        await(Database.open(vertx, new Database.Settings(url, "sa", "")).compose(Database::close));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE call_records DROP COLUMN offers");
        }
        assertThatThrownBy(() -> await(Database.open(vertx, new Database.Settings(url, "sa", ""))))
                .hasStackTraceContaining("offers");
    }

    @Test
    void refusesADatabaseNewerThanTheCode() throws Exception {
        await(Database.open(vertx, new Database.Settings(url, "sa", "")).compose(Database::close));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'from the future', 'db/h2/V99__x.sql', CURRENT_TIMESTAMP)");
        }
        assertThatThrownBy(() -> await(Database.open(vertx, new Database.Settings(url, "sa", ""))))
                .hasRootCauseInstanceOf(MigrationRunner.SchemaTooNewException.class)
                .hasStackTraceContaining("version 99");
    }

    @Test
    void customerDirectoryFindsByNormalisedNumberWithLatestFiveCalls() throws Exception {
        Database db = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        await(db.tx(s -> Seeder.seedDemo(s, "asterisk-sim", "PJSIP/")));
        Instant t0 = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < 7; i++) {
            CallRecord r = new CallRecord("c" + i, "asterisk-sim", "l" + i, "INBOUND", "13800138000", "张伟",
                    "4001", "support", "1001", "ANSWERED", t0.plusSeconds(i * 600L), null, null, null,
                    t0.plusSeconds(i * 600L + 60), 5, 50 + i, null, 1, false, Map.of(), List.of());
            await(db.tx(s -> CallRecordStore.insertIfAbsent(s, r)));
        }
        CustomerDirectory dir = new DbCustomerDirectory(db);
        Optional<CustomerDirectory.Customer> c = dir.findByPhone("demo", "+86 138-0013-8000")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(c).isPresent();
        assertThat(c.get().name()).isEqualTo("张伟");
        assertThat(c.get().vip()).isTrue();
        assertThat(c.get().history()).extracting(CustomerDirectory.Interaction::callId)
                .containsExactly("c6", "c5", "c4", "c3", "c2");
        assertThat(c.get().history().get(0).talkSeconds()).isEqualTo(56);
        assertThat(dir.findByPhone("other-tenant", "13800138000").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(dir.findByPhone("demo", "13000000000").toCompletableFuture().get(10, TimeUnit.SECONDS)).isEmpty();
        await(db.close());
    }

    @Test
    void demoSeatsFollowTheDemoPbxAtEveryStartButAreSeededOnce() throws Exception {
        Database db = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        boolean first = await(db.tx(s -> Seeder.seedDemo(s, "asterisk-sim", "PJSIP/")));
        boolean second = await(db.tx(s -> Seeder.seedDemo(s, "freeswitch-sim", "user/")));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        await(db.close());
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM agents WHERE default_pbx = 'freeswitch-sim'")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM agents WHERE default_endpoint = 'user/1003'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM agents WHERE default_endpoint LIKE 'PJSIP/%'")).isZero();
    }

    @Test
    void withoutDemoDataTheFirstAdminGetsARandomPasswordAndNoDemoUsersExist() throws Exception {
        Database db = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        await(db.tx(s -> {
            Seeder.ensureAdmin(s);
            return null;
        }));
        await(db.tx(s -> {
            Seeder.ensureAdmin(s);
            return null;
        }));
        await(db.close());
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM users WHERE username = 'agent1'")).isZero();
    }

    @Test
    void aFailedWriteIsRetriedUntilTheDatabaseTakesIt() throws Exception {
        Database db = await(Database.open(vertx, new Database.Settings(url, "sa", "")));
        EventRecorder recorder = new EventRecorder(vertx, db, 100, 20, 100, 1000);
        await(recorder.start());
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            // the table is gone for a while: every insert fails
            st.execute("ALTER TABLE agent_state_history RENAME TO agent_state_history_away");
        }
        vertx.eventBus().publish(io.zuoxi.core.bus.Addresses.AGENT_STATE, io.zuoxi.core.bus.BusJson.encode(
                new io.zuoxi.core.agent.AgentStateChanged("1001", io.zuoxi.core.agent.AgentState.READY,
                        io.zuoxi.core.agent.AgentState.NOT_READY, "break", null, "PJSIP/1001", Instant.now())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (failedWrites(recorder) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(failedWrites(recorder)).isGreaterThanOrEqualTo(3);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE agent_state_history_away RENAME TO agent_state_history");
        }
        while (count("SELECT COUNT(*) FROM agent_state_history") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count("SELECT COUNT(*) FROM agent_state_history WHERE reason = 'break'")).isEqualTo(1);
        assertThat(await(vertx.executeBlocking(() -> recorder.debugState().getLong("givenUp")))).isZero();
        await(recorder.stop());
        await(db.close());
    }

    private long failedWrites(EventRecorder recorder) {
        return recorder.debugState().getLong("failedWrites");
    }
}
