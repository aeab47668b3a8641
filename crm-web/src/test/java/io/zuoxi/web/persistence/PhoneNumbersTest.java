package io.zuoxi.web.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @Test
    void stripsPresentationAndChinaCountryCode() {
        assertThat(PhoneNumbers.normalise("138 0013 8000")).isEqualTo("13800138000");
        assertThat(PhoneNumbers.normalise("+86 138-0013-8000")).isEqualTo("13800138000");
        assertThat(PhoneNumbers.normalise("+8613800138000")).isEqualTo("13800138000");
        assertThat(PhoneNumbers.normalise("0086 13800138000")).isEqualTo("13800138000");
        assertThat(PhoneNumbers.normalise("021-5555-0101")).isEqualTo("02155550101");
        assertThat(PhoneNumbers.normalise("(021) 5555.0101")).isEqualTo("02155550101");
    }

    @Test
    void keepsOtherCountriesAndNumbersThatMerelyStartWith86() {
        assertThat(PhoneNumbers.normalise("+49 30 123456")).isEqualTo("4930123456");
        // a local number beginning with 86 has no plus: not a country code
        assertThat(PhoneNumbers.normalise("86123456")).isEqualTo("86123456");
        assertThat(PhoneNumbers.normalise("")).isEmpty();
        assertThat(PhoneNumbers.normalise(null)).isNull();
        assertThat(PhoneNumbers.normalise("anonymous")).isEmpty();
    }
}
