package io.zuoxi.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebConfigTest {

    @Test
    void defaultsAreSafe() {
        WebConfig c = WebConfig.fromJson(new JsonObject());
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.database().url()).isEqualTo("jdbc:h2:file:./data/zuoxi;AUTO_SERVER=FALSE");
        assertThat(c.demoData()).isFalse();
        assertThat(c.sessionTtlMinutes()).isEqualTo(480);
        assertThat(c.pbxIds()).isEmpty();
        assertThat(c.coreTimeoutMillis()).isEqualTo(5000);
        assertThat(c.demoPbx()).isEqualTo("asterisk-sim");
        assertThat(c.demoDevicePrefix()).isEqualTo("PJSIP/");
    }

    @Test
    void readsEveryKeyAndNeverPrintsThePassword() {
        WebConfig c = WebConfig.fromJson(new JsonObject()
                .put("http", new JsonObject().put("host", "0.0.0.0").put("port", 0))
                .put("database", new JsonObject().put("url", "jdbc:mysql://db:3306/zuoxi").put("user", "zuoxi")
                        .put("password", "s3cr3t-pw"))
                .put("demoData", true).put("sessionTtlMinutes", 30)
                .put("pbxIds", new JsonArray().add("asterisk-sim").add("freeswitch-sim"))
                .put("demoPbx", "freeswitch-sim").put("demoDevicePrefix", "user/"));
        assertThat(c.demoPbx()).isEqualTo("freeswitch-sim");
        assertThat(c.demoDevicePrefix()).isEqualTo("user/");
        assertThat(c.httpPort()).isZero();
        assertThat(c.database().dialect()).isEqualTo("mysql");
        assertThat(c.pbxIds()).containsExactly("asterisk-sim", "freeswitch-sim");
        assertThat(c.toString()).doesNotContain("s3cr3t-pw");
        assertThat(c.database().password()).isEqualTo("s3cr3t-pw");
    }

    @Test
    void rejectsBadValuesWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("http", new JsonObject().put("port", 70000))))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("database",
                new JsonObject().put("url", "jdbc:postgresql://x/y")))).hasMessageContaining("database.url");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("demoData", "yes")))
                .hasMessageContaining("demoData must be true or false");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("http", new JsonObject().put("port", 80.5))))
                .hasMessageContaining("web.http: port must be a whole number");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("events", new JsonObject()
                .put("heartbeatSeconds", "15")))).hasMessageContaining("web.events: heartbeatSeconds");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("demoDat", true)))
                .hasMessageContaining("unknown key 'demoDat'");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("http", new JsonObject().put("prot", 1))))
                .hasMessageContaining("web.http").hasMessageContaining("'prot'");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("events",
                new JsonObject().put("heartbeat", 1)))).hasMessageContaining("web.events");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("demoDevicePrefix", "PJSIP")))
                .hasMessageContaining("demoDevicePrefix");
        assertThatThrownBy(() -> WebConfig.fromJson(new JsonObject().put("demoPbx", "my pbx")))
                .hasMessageContaining("demoPbx");
    }
}
