package io.zuoxi.web.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the {@code V<n>__<description>.sql} scripts of one classpath folder ({@code db/h2} or
 * {@code db/mysql}, shipped by the sql module) in ascending order, each in its own transaction, and
 * records them in {@code schema_version}. Refuses a database that is newer than the newest script:
 * an old Zuoxi must not write into a schema it does not understand. Blocking (JDBC): call it off the
 * event loop.
 */
public final class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_\\-]+)\\.sql");

    private final String location;
    private final ClassLoader loader;

    public MigrationRunner(String location, ClassLoader loader) {
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        this.loader = loader;
    }

    /** A script found on the classpath. */
    public record Script(int version, String description, String resource) {}

    /** Thrown when the database holds a schema version this code does not know. */
    public static final class SchemaTooNewException extends IllegalStateException {
        public SchemaTooNewException(String message) {
            super(message);
        }
    }

    /** Returns the versions applied by this call (empty when the schema was up to date). */
    public List<Integer> migrate(Connection connection) throws SQLException, IOException {
        List<Script> scripts = scripts();
        int newestKnown = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP(3) NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > newestKnown) {
            throw new SchemaTooNewException("database schema is at version " + current
                    + " but this Zuoxi only knows up to " + newestKnown + " (" + location
                    + "); upgrade Zuoxi or point it at another database");
        }
        List<Integer> applied = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (Script script : scripts) {
                if (script.version() <= current) {
                    continue;
                }
                apply(connection, script);
                applied.add(script.version());
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return applied;
    }

    private void apply(Connection connection, Script script) throws SQLException, IOException {
        String sql;
        try (InputStream in = loader.getResourceAsStream(script.resource())) {
            if (in == null) {
                throw new IOException("migration vanished: " + script.resource());
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(sql)) {
                st.execute(statement);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, script, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.description());
                ps.setString(3, script.resource());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            connection.commit();
            log.info("schema migrated to version {} ({})", script.version(), script.resource());
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + script.resource() + " failed: " + e.getMessage(), e);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits on {@code ;} at the end of a line; strips {@code --} comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** The scripts in version order; duplicate versions are an error. */
    public List<Script> scripts() throws IOException {
        TreeMap<Integer, Script> byVersion = new TreeMap<>();
        Enumeration<URL> roots = loader.getResources(location);
        while (roots.hasMoreElements()) {
            for (String name : list(roots.nextElement())) {
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                int version = Integer.parseInt(m.group(1));
                Script s = new Script(version, m.group(2).replace('_', ' '), location + "/" + name);
                Script previous = byVersion.put(version, s);
                if (previous != null && !previous.resource().equals(s.resource())) {
                    throw new IOException("two migrations for version " + version + ": "
                            + previous.resource() + ", " + s.resource());
                }
            }
        }
        return List.copyOf(byVersion.values());
    }

    private List<String> list(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        switch (url.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(URI.create(url.toString())))) {
                    files.forEach(p -> names.add(p.getFileName().toString()));
                }
            }
            case "jar" -> {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = c.getJarFile()) {
                    // the folder's entry is "db/h2/" in a jar with directory entries (the shaded zuoxi.jar)
                    String entry = c.getEntryName();
                    String prefix = entry.endsWith("/") ? entry : entry + "/";
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.length() > prefix.length()) {
                            names.add(n.substring(prefix.length()));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list migrations at " + url);
        }
        return names;
    }
}
