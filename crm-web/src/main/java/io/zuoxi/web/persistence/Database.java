package io.zuoxi.web.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * Hibernate ORM over H2 or MySQL. Every call runs on a dedicated worker pool, never on an event
 * loop, and comes back as a {@link Future}. {@link #open} first migrates the schema
 * ({@link MigrationRunner}), then lets Hibernate validate the entities against it.
 */
public final class Database {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 8;

    private final SessionFactory sessionFactory;
    private final WorkerExecutor workers;
    private final String dialect;

    private Database(SessionFactory sessionFactory, WorkerExecutor workers, String dialect) {
        this.sessionFactory = sessionFactory;
        this.workers = workers;
        this.dialect = dialect;
    }

    /** Connection settings; {@link #toString()} never shows the password. */
    public record Settings(String url, String user, String password) {
        public Settings {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("database.url is required");
            }
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        /** {@code h2} or {@code mysql}: the folder of the sql module's migrations. */
        public String dialect() {
            if (url.startsWith("jdbc:h2:")) {
                return "h2";
            }
            // MariaDB servers are reached with the MySQL driver too (jdbc:mysql:).
            if (url.startsWith("jdbc:mysql:")) {
                return "mysql";
            }
            throw new IllegalArgumentException("database.url: only jdbc:h2: and jdbc:mysql: are supported");
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    public static Future<Database> open(Vertx vertx, Settings settings) {
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("zuoxi-db", POOL_SIZE);
        return workers.executeBlocking(() -> {
            String dialect = settings.dialect();
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
                List<Integer> applied = new MigrationRunner("db/" + dialect, Database.class.getClassLoader()).migrate(c);
                if (applied.isEmpty()) {
                    log.info("database schema up to date ({})", dialect);
                }
            }
            return new Database(buildSessionFactory(settings, dialect), workers, dialect);
        }, false).onFailure(e -> workers.close());
    }

    private static SessionFactory buildSessionFactory(Settings settings, String dialect) {
        Properties p = new Properties();
        p.put("hibernate.connection.provider_class", "org.hibernate.hikaricp.internal.HikariCPConnectionProvider");
        p.put("hibernate.connection.url", settings.url());
        p.put("hibernate.connection.username", settings.user());
        p.put("hibernate.connection.password", settings.password());
        p.put("hibernate.hikari.maximumPoolSize", String.valueOf(POOL_SIZE));
        p.put("hibernate.hikari.poolName", "zuoxi-db");
        p.put("hibernate.hbm2ddl.auto", "validate");
        // Instants are stored as UTC TIMESTAMP(3) / DATETIME(3) in both dialects.
        p.put("hibernate.type.preferred_instant_jdbc_type", "TIMESTAMP");
        p.put("hibernate.jdbc.time_zone", "UTC");
        p.put("hibernate.show_sql", "false");
        Configuration cfg = new Configuration();
        cfg.addProperties(p);
        Entities.ALL.forEach(cfg::addAnnotatedClass);
        return cfg.buildSessionFactory();
    }

    public String dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction on a worker thread. */
    public <T> Future<T> tx(Function<Session, T> work) {
        return workers.executeBlocking(() -> sessionFactory.fromTransaction(work), false);
    }

    /** The same as {@link #tx} but blocking; for code that already runs on a worker. */
    public <T> T txBlocking(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    public Future<Void> close() {
        return workers.executeBlocking(() -> {
            sessionFactory.close();
            return (Void) null;
        }, false).eventually(workers::close);
    }
}
