package io.zuoxi.web.persistence;

import org.junit.jupiter.api.Test;

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
}
