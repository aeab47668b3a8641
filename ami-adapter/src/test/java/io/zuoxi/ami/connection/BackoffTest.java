package io.zuoxi.ami.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesFromMinAndCapsAtMax() {
        assertThat(AmiConnection.backoff(1, 500, 30_000)).isEqualTo(500);
        assertThat(AmiConnection.backoff(2, 500, 30_000)).isEqualTo(1000);
        assertThat(AmiConnection.backoff(4, 500, 30_000)).isEqualTo(4000);
        assertThat(AmiConnection.backoff(7, 500, 30_000)).isEqualTo(30_000);
        assertThat(AmiConnection.backoff(10_000, 500, 30_000)).isEqualTo(30_000);
    }
}
