package org.fundflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void acceptsWhatPeopleWriteIncludingSqlLookingTextAndSupplementaryCharacters() {
        assertThat(Texts.check("docNo", "晋财社〔2024〕5号", 100, false)).isEqualTo("晋财社〔2024〕5号");
        assertThat(Texts.check("note", "'; DROP TABLE allocation; --", 100, false)).startsWith("';");
        assertThat(Texts.check("note", "第一行\n第二行\t附注", 100, true)).contains("\n");
        assertThat(Texts.check("name", "𠀀".repeat(10), 10, false)).as("counted as characters").hasSize(20);
        assertThat(Texts.check("name", null, 10, false)).isNull();
    }

    @Test
    void refusesControlCharactersBidiOverridesLoneSurrogatesAndOverlongText() {
        assertRefused("a\u0000b", false, "control character U+0000");
        assertRefused("a\u0007b", true, "U+0007");
        assertRefused("line\nbreak", false, "single line");
        assertRefused("invoice\u202Egpj.exe", true, "U+202E");
        assertRefused("x\u2066y", true, "U+2066");
        assertRefused("x\uD800y", true, "lone surrogate");
        assertRefused("x".repeat(41), true, "at most 40 characters");
        assertThat(Texts.firstUnsafe("ok\u202Eno")).isEqualTo(0x202E);
        assertThat(Texts.printable("a\u0000b")).isEqualTo("a\\u0000b");
        assertThat(Texts.abbreviate("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx…");
    }

    private static void assertRefused(String value, boolean multiline, String message) {
        assertThatThrownBy(() -> Texts.check("field", value, 40, multiline)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining(message).extracting(e -> ((ApiProblem) e).field()).isEqualTo("field");
    }
}
