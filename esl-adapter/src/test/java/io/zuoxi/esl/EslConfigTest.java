package io.zuoxi.esl;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EslConfigTest {

    @Test
    void defaults() {
        EslConfig c = EslConfig.fromJson(new JsonObject().put("id", "fs-1").put("password", "pw"));
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8021);
        assertThat(c.handoffSubclass()).isEqualTo("zuoxi::call_waiting");
        assertThat(c.defaultQueue()).isEqualTo("support");
        assertThat(c.reconnectMinMs()).isEqualTo(500);
        assertThat(c.reconnectMaxMs()).isEqualTo(30_000);
        assertThat(c.requestTimeoutMs()).isEqualTo(5_000);
        assertThat(c.maxPending()).isEqualTo(1000);
        assertThat(c.maxHeaderBytes()).isEqualTo(65536);
        assertThat(c.maxBodyBytes()).isEqualTo(8 << 20);
    }

    @Test
    void passwordIsRequiredAndNeverPrinted() {
        assertThatThrownBy(() -> EslConfig.fromJson(new JsonObject().put("id", "fs-1")))
                .hasMessageContaining("password is required");
        assertThatThrownBy(() -> EslConfig.fromJson(new JsonObject().put("password", "x")))
                .hasMessageContaining("id is required");
        EslConfig c = EslConfig.fromJson(new JsonObject().put("id", "fs-1").put("password", "Very-Secret"));
        assertThat(c.toString()).doesNotContain("Very-Secret");
    }

    @Test
    void badValuesAreRejectedWithTheKeyName() {
        JsonObject base = new JsonObject().put("id", "fs-1").put("password", "pw");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("port", 70000))).hasMessageContaining("port");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("reconnectMinMs", 5000).put("reconnectMaxMs", 10)))
                .hasMessageContaining("reconnectMinMs");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("password", "pw\napi x")))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("port", "8021")))
                .hasMessageContaining("port must be a whole number");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("requestTimeoutMs", 2.5)))
                .hasMessageContaining("requestTimeoutMs");
        assertThatThrownBy(() -> EslConfig.fromJson(base.copy().put("pasword", "pw")))
                .hasMessageContaining("unknown key 'pasword'").hasMessageContaining("fs-1");
    }
}
