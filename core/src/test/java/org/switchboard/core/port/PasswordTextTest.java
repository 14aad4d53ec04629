package org.switchboard.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Passwords are counted as people count characters and hold nothing that cannot be typed again or seen. */
class PasswordTextTest {

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDD11"; // 🔑, two UTF-16 units
        assertThat(PasswordText.length(emoji.repeat(150))).isEqualTo(150);
        assertThat(PasswordText.problem(emoji.repeat(150), 8, 200)).isNull(); // 300 units, 150 characters
        assertThat(PasswordText.problem(emoji.repeat(201), 8, 200)).contains("8 to 200 characters");
        assertThat(PasswordText.problem("пароль для входа", 8, 200)).isNull();
        assertThat(PasswordText.problem("a".repeat(200), 8, 200)).isNull();
        assertThat(PasswordText.problem("a".repeat(201), 8, 200)).isNotNull();
    }

    @Test
    void theMinimumIsMoreThanSpaces() {
        assertThat(PasswordText.problem("          x", 8, 200)).contains("8 to 200");
        assertThat(PasswordText.problem(" seven7 ", 8, 200)).contains("8 to 200");
        assertThat(PasswordText.problem("with spaces inside", 8, 200)).isNull();
        assertThat(PasswordText.problem("\u00A0".repeat(8) + "x", 8, 200))
                .as("no-break spaces")
                .contains("8 to 200");
        assertThat(PasswordText.problem(null, 8, 200)).contains("8 to 200");
    }

    @Test
    void whatCannotBeTypedAgainOrSeenIsRefused() {
        for (String hidden : new String[] {
            "\t",
            "\n",
            "\u0000",
            "\u007F",
            "\u0085", // controls
            "\u200B",
            "\u2060",
            "\uFEFF",
            "\u202E",
            "\u00AD", // invisible formatting
            "\u2028",
            "\u2029", // line and paragraph separators
            "\uD800", // half a surrogate pair
            "\u0378" // unassigned
        }) {
            assertThat(PasswordText.problem("a long pass" + hidden + "word", 8, 200))
                    .as("U+%04X", (int) hidden.charAt(0))
                    .contains("invisible or other control characters");
        }
        assertThat(PasswordText.problem("private \uE000 use", 8, 200)).isNull();
        assertThat(PasswordText.problem("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", 8, 200))
                .as("an emoji sequence joined by ZWJ")
                .isNull();
        assertThat(PasswordText.problem("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 123", 8, 200))
                .as("Persian with a zero-width non-joiner")
                .isNull();
        assertThatThrownBy(() -> PasswordText.requireValid("a long pass\u200Bword", 8, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invisible");
        assertThat(PasswordText.requireValid("a long password", 8, 200)).isEqualTo("a long password");
    }
}
