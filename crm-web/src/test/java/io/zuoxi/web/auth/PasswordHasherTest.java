package io.zuoxi.web.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        PasswordHasher.Hash h = PasswordHasher.hash("s3cret 密码", 1000);
        assertThat(PasswordHasher.verify("s3cret 密码", h.hash(), h.salt(), 1000)).isTrue();
        assertThat(PasswordHasher.verify("s3cret", h.hash(), h.salt(), 1000)).isFalse();
        assertThat(PasswordHasher.verify("s3cret 密码", h.hash(), h.salt(), 1001)).isFalse();
    }

    @Test
    void saltIsPerHashSoEqualPasswordsDiffer() {
        PasswordHasher.Hash a = PasswordHasher.hash("demo", 1000);
        PasswordHasher.Hash b = PasswordHasher.hash("demo", 1000);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(java.util.Base64.getDecoder().decode(a.hash())).hasSize(32);
    }

    @Test
    void defaultCostIsStored() {
        assertThat(PasswordHasher.hash("x").iterations()).isEqualTo(PasswordHasher.DEFAULT_ITERATIONS);
    }

    @Test
    void randomPasswordsAreLongAndDistinct() {
        assertThat(PasswordHasher.randomPassword()).hasSizeGreaterThanOrEqualTo(24)
                .isNotEqualTo(PasswordHasher.randomPassword());
    }
}
