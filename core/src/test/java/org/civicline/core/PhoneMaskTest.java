package org.civicline.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void mobileNumbersKeepOnlyTheirFirstThreeAndLastFourDigits() {
        assertThat(PhoneMask.mask("caller 13800138000 waited 12 s")).isEqualTo("caller 138****8000 waited 12 s");
        assertThat(PhoneMask.mask("+8613912345678")).isEqualTo("+86139****5678");
        assertThat(PhoneMask.mask("a=15000000001,b=18611112222")).isEqualTo("a=150****0001,b=186****2222");
    }

    @Test
    void longerDigitRunsAndOtherNumbersAreLeftAlone() {
        assertThat(PhoneMask.mask("uniqueid 1763888000123456")).isEqualTo("uniqueid 1763888000123456");
        assertThat(PhoneMask.mask("case 20261122-0001")).isEqualTo("case 20261122-0001");
        assertThat(PhoneMask.mask("12345")).isEqualTo("12345");
        assertThat(PhoneMask.mask(null)).isNull();
    }
}
