package io.zuoxi.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDefaultIsTheDemoOnASimulatedAsterisk() {
        ZuoxiConfig config = ZuoxiConfig.from(ConfigFile.load(null));
        assertThat(config.simulator().kind()).isEqualTo(ZuoxiConfig.PbxKind.ASTERISK);
        assertThat(config.pbxs()).extracting(ZuoxiConfig.Pbx::id).containsExactly("asterisk-sim");
        assertThat(config.web().getBoolean("demoData")).isTrue();
        assertThat(config.web().getJsonObject("http").getString("host")).isEqualTo("127.0.0.1");
    }

    @Test
    void aUserFileIsMergedKeyByKeyAndListsAreReplaced() throws Exception {
        Path file = dir.resolve("zuoxi.yaml");
        Files.writeString(file, """
                pbx:
                  - id: pbx1
                    kind: asterisk
                    host: 10.0.0.5
                    username: zuoxi
                    secret: "s3cret"
                simulator:
                  enabled: false
                web:
                  http:
                    port: 9090
                """);
        JsonObject merged = ConfigFile.load(file);
        assertThat(merged.getJsonArray("pbx")).hasSize(1);
        assertThat(merged.getJsonObject("web").getJsonObject("http").getString("host")).as("kept from the default")
                .isEqualTo("127.0.0.1");
        assertThat(merged.getJsonObject("web").getJsonObject("http").getInteger("port")).isEqualTo(9090);
        assertThat(merged.getJsonObject("simulator").getString("kind")).as("kept, but disabled").isEqualTo("asterisk");
        ZuoxiConfig config = ZuoxiConfig.from(merged);
        assertThat(config.simulator()).isNull();
        assertThat(config.pbxs()).extracting(ZuoxiConfig.Pbx::id).containsExactly("pbx1");
    }

    @Test
    void setSwitchesTheDemoToFreeswitchAndTypesTheValue() {
        JsonObject c = ConfigFile.load(null, List.of("simulator.kind=freeswitch", "web.http.port=9090",
                "simulator.traffic.enabled=false", "core.queues.x=1"));
        assertThat(c.getJsonObject("simulator").getString("kind")).isEqualTo("freeswitch");
        assertThat(c.getJsonObject("web").getJsonObject("http").getValue("port")).isEqualTo(9090);
        assertThat(c.getJsonObject("simulator").getJsonObject("traffic").getValue("enabled")).isEqualTo(false);
        ZuoxiConfig config = ZuoxiConfig.from(ConfigFile.load(null, List.of("simulator.kind=freeswitch")));
        assertThat(config.pbxs()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("freeswitch-sim");
            assertThat(p.kind()).isEqualTo(ZuoxiConfig.PbxKind.FREESWITCH);
        });
    }

    @Test
    void setReachesIntoListItems() {
        JsonObject c = new JsonObject().put("pbx", new JsonArray().add(new JsonObject().put("id", "pbx1")));
        ConfigFile.set(c, "pbx.0.secret=abc");
        assertThat(c.getJsonArray("pbx").getJsonObject(0).getString("secret")).isEqualTo("abc");
        assertThatThrownBy(() -> ConfigFile.set(c, "pbx.3.secret=abc")).hasMessageContaining("pbx.3")
                .hasMessageContaining("1 items");
    }

    @Test
    void badAssignmentsAndFilesAreClearErrors() throws Exception {
        JsonObject c = new JsonObject();
        assertThatThrownBy(() -> ConfigFile.set(c, "simulator.kind")).hasMessageContaining("key.path=value");
        assertThatThrownBy(() -> ConfigFile.set(c, "=x")).hasMessageContaining("key.path=value");
        assertThatThrownBy(() -> ConfigFile.set(c, "a..b=1")).hasMessageContaining("key.path=value");
        assertThatThrownBy(() -> ConfigFile.set(c, "web.http=[1, 2]")).hasMessageContaining("single values");
        assertThatThrownBy(() -> ConfigFile.set(new JsonObject().put("web", "x"), "web.port=1"))
                .hasMessageContaining("web.port does not exist");
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("missing.yaml"))).hasMessageContaining("not found");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "web: [unclosed\n");
        assertThatThrownBy(() -> ConfigFile.load(bad)).hasMessageContaining("not valid YAML");
        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- a\n- b\n");
        assertThatThrownBy(() -> ConfigFile.load(list)).hasMessageContaining("mapping of sections");
    }
}
