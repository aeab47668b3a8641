package io.zuoxi.web.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void sameHostAndPortIsSameOrigin() {
        assertThat(EventHub.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(EventHub.sameOrigin("https://cc.example.com", "cc.example.com")).isTrue();
        assertThat(EventHub.sameOrigin("https://cc.example.com", "cc.example.com:443")).isTrue();
        assertThat(EventHub.sameOrigin("http://CC.example.com", "cc.example.com:80")).isTrue();
    }

    @Test
    void anythingElseIsCrossOrigin() {
        assertThat(EventHub.sameOrigin("http://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(EventHub.sameOrigin("http://127.0.0.1:9999", "127.0.0.1:8080")).isFalse();
        assertThat(EventHub.sameOrigin("null", "127.0.0.1:8080")).isFalse();
        assertThat(EventHub.sameOrigin("http://127.0.0.1:8080", null)).isFalse();
        assertThat(EventHub.sameOrigin("::not a uri::", "127.0.0.1:8080")).isFalse();
    }

    @Test
    void nonBrowserClientsWithoutOriginAreAllowed() {
        assertThat(EventHub.sameOrigin(null, "127.0.0.1:8080")).isTrue();
    }
}
