package io.zuoxi.core.bus;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/event-bus.md in step with the Addresses catalogue. */
class EventBusDocTest {

    @Test
    void everyAddressIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/event-bus.md"));
        int checked = 0;
        for (Field f : Addresses.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String address = (String) f.get(null);
                assertThat(doc).as("docs/event-bus.md documents %s (%s)", f.getName(), address).contains("`" + address);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(11);
    }
}
