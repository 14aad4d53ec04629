package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions and waits said in parts, with the word for "minute" in the form each number takes. */
class AnnouncementTest {

    @Test
    void numbersAreSaidInHundredsTensAndUnits() {
        assertThat(Announcement.number(7, false)).containsExactly("number/7");
        assertThat(Announcement.number(13, false)).containsExactly("number/13");
        assertThat(Announcement.number(40, false)).containsExactly("number/40");
        assertThat(Announcement.number(21, true)).containsExactly("number/20", "number/1f");
        assertThat(Announcement.number(302, true)).containsExactly("number/300", "number/2f");
        assertThat(Announcement.number(999, false)).containsExactly("number/900", "number/90", "number/9");
        assertThat(Announcement.number(112, false)).containsExactly("number/100", "number/12");
    }

    @Test
    void theMinuteWordAgreesWithItsNumber() {
        assertThat(List.of(1, 21, 101).stream().map(Announcement::minuteWord)).containsOnly("minute-one");
        assertThat(List.of(2, 3, 4, 22, 34).stream().map(Announcement::minuteWord))
                .containsOnly("minute-few");
        assertThat(List.of(5, 11, 12, 14, 20, 111, 25).stream().map(Announcement::minuteWord))
                .containsOnly("minute-many");
    }

    @Test
    void positionAndWaitAreRoundedAndBounded() {
        assertThat(Announcement.position(3)).containsExactly("position", "number/3");
        assertThat(Announcement.position(5_000)).containsExactly("position", "number/900", "number/90", "number/9");
        assertThat(Announcement.estimatedWait(null)).isEmpty();
        assertThat(Announcement.estimatedWait(59L)).containsExactly("wait", "wait-short");
        assertThat(Announcement.estimatedWait(61L)).containsExactly("wait", "number/2f", "minute-few");
        assertThat(Announcement.estimatedWait(60L)).containsExactly("wait", "number/1f", "minute-one");
    }

    @Test
    void everyPartIsAPromptOfBothBuiltInLanguages() throws Exception {
        Prompts prompts = Prompts.load(null, Ivr.demo());
        for (String name : Announcement.PROMPTS) {
            assertThat(prompts.get(name, "ru").millis()).as(name).isPositive();
            assertThat(prompts.get(name, "en").millis()).as(name).isPositive();
        }
    }
}
