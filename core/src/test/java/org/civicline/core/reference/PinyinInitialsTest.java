package org.civicline.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinyinInitialsTest {

    @Test
    void eachChineseCharacterGivesTheFirstLetterOfItsReading() {
        assertThat(PinyinInitials.of("路灯照明")).containsExactly("ldzm");
        assertThat(PinyinInitials.of("垃圾清运")).containsExactly("ljqy");
    }

    @Test
    void aCharacterWithSeveralReadingsGivesOneSpellingPerReadingTheUsualFirst() {
        // 长 is zhang or chang; 银行 is yin-hang, though 行 is read xing first.
        assertThat(PinyinInitials.of("长庆")).containsExactly("zq", "cq");
        assertThat(PinyinInitials.of("银行")).contains("yx", "yh");
    }

    @Test
    void spellingsStopGrowingAtTheLimit() {
        // Four characters of several readings each would make dozens of spellings.
        assertThat(PinyinInitials.of("长重行乐长重行乐")).hasSize(PinyinInitials.MAX_SPELLINGS);
    }

    @Test
    void latinLettersAndDigitsStayAndPunctuationIsLeftOut() {
        assertThat(PinyinInitials.of("12345 热线（App）")).containsExactly("12345rxapp");
        assertThat(PinyinInitials.of("——")).isEmpty();
        assertThat(PinyinInitials.of(null)).isEmpty();
    }
}
