package io.zuoxi.core.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreConfigTest {

    @Test
    void defaults() {
        assertThat(CoreConfig.fromJson(new JsonObject())).isEqualTo(CoreConfig.defaults());
        assertThat(CoreConfig.defaults().commandTimeoutMs()).isEqualTo(5000);
    }

    @Test
    void queuesWithDefaults() {
        var c = CoreConfig.fromJson(new JsonObject().put("commandTimeoutMs", 800)
                .put("queues", new JsonArray().add(new JsonObject().put("name", "sales").put("wrapUpSeconds", -1))));
        assertThat(c.commandTimeoutMs()).isEqualTo(800);
        assertThat(c.queues()).singleElement().satisfies(q -> {
            assertThat(q.ringTimeoutSeconds()).isEqualTo(20);
            assertThat(q.wrapUpSeconds()).isEqualTo(-1);
            assertThat(q.strategy()).isEqualTo("longest-idle");
        });
    }

    @Test
    void badKeysAreNamed() {
        assertThatThrownBy(() -> CoreConfig.fromJson(new JsonObject().put("commandTimeout", 1)))
                .hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> CoreConfig.fromJson(new JsonObject().put("commandTimeoutMs", "x")))
                .hasMessageContaining("commandTimeoutMs");
        assertThatThrownBy(() -> CoreConfig.fromJson(new JsonObject().put("commandTimeoutMs", 0)))
                .hasMessageContaining("commandTimeoutMs");
        assertThatThrownBy(() -> CoreConfig.fromJson(new JsonObject().put("queues",
                new JsonArray().add(new JsonObject().put("name", "s").put("strategy", "random")))))
                .hasMessageContaining("queues[0].strategy");
        assertThatThrownBy(() -> CoreConfig.fromJson(new JsonObject().put("queues",
                new JsonArray().add(new JsonObject()))))
                .hasMessageContaining("queues[0].name");
    }
}
