package io.zuoxi.web.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationRunnerTest {

    @Test
    void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
        String sql = "-- header\nCREATE TABLE a (\n  x INT\n);\n\nINSERT INTO a VALUES\n (1),\n (2);\nSELECT 'a;b' FROM a;";
        assertThat(MigrationRunner.statements(sql)).containsExactly(
                "CREATE TABLE a (\n  x INT\n)", "INSERT INTO a VALUES\n (1),\n (2)", "SELECT 'a;b' FROM a");
    }

    @Test
    void findsBothDialectsScriptsInVersionOrder() throws Exception {
        for (String dialect : new String[] {"h2", "mysql"}) {
            var scripts = new MigrationRunner("db/" + dialect, getClass().getClassLoader()).scripts();
            assertThat(scripts).isNotEmpty();
            assertThat(scripts.get(0).version()).isEqualTo(1);
            assertThat(scripts.get(0).resource()).isEqualTo("db/" + dialect + "/V1__init.sql");
        }
    }

    /** The shaded zuoxi.jar lists folders as entries ("db/h2/"): the packaged demo started without tables when missed. */
    @Test
    void findsScriptsInsideAJarWithDirectoryEntries(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/h2/"));
            for (String name : new String[] {"db/h2/V2__second.sql", "db/h2/V1__init.sql", "db/h2/README.txt",
                    "db/h2/sub/V9__nested.sql"}) {
                out.putNextEntry(new JarEntry(name));
                out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(new MigrationRunner("db/h2", loader).scripts()).extracting(MigrationRunner.Script::resource)
                    .containsExactly("db/h2/V1__init.sql", "db/h2/V2__second.sql");
        }
    }
}
