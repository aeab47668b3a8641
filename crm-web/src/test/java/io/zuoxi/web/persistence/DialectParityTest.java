package io.zuoxi.web.persistence;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL is only exercised by the opt-in MySQL suite; this keeps its scripts from drifting away from
 * the H2 ones (which Hibernate validates in every build): same versions, tables, columns, indexes.
 */
class DialectParityTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\)", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("CREATE INDEX (\\w+) ON (\\w+) \\(([^)]*)\\)");

    @Test
    void h2AndMysqlScriptsDefineTheSameSchema() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        var h2 = new MigrationRunner("db/h2", cl).scripts();
        var mysql = new MigrationRunner("db/mysql", cl).scripts();
        assertThat(mysql).extracting(MigrationRunner.Script::version)
                .containsExactlyElementsOf(h2.stream().map(MigrationRunner.Script::version).toList());
        for (int i = 0; i < h2.size(); i++) {
            String a = read(cl, h2.get(i).resource());
            String b = read(cl, mysql.get(i).resource());
            assertThat(columns(b)).as(mysql.get(i).resource()).isEqualTo(columns(a));
            assertThat(indexes(b)).as(mysql.get(i).resource()).isEqualTo(indexes(a));
            assertThat(countInserts(b)).isEqualTo(countInserts(a));
        }
    }

    private static Map<String, List<String>> columns(String sql) {
        Map<String, List<String>> out = new TreeMap<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            List<String> cols = new ArrayList<>();
            for (String line : m.group(2).split("\\n")) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("CONSTRAINT") || t.startsWith("PRIMARY KEY")) {
                    continue;
                }
                cols.add(t.split("\\s+")[0].replace("`", "").toLowerCase(Locale.ROOT));
            }
            out.put(m.group(1), cols);
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static List<String> indexes(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = INDEX.matcher(sql);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3).replace("`", ""));
        }
        return out;
    }

    private static long countInserts(String sql) {
        return sql.lines().filter(l -> l.strip().startsWith("('")).count();
    }

    private static String read(ClassLoader cl, String resource) throws Exception {
        try (InputStream in = cl.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
