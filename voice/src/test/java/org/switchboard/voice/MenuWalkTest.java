package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A caller's way through the demo menu of 111, key by key. */
class MenuWalkTest {

    private final Ivr demo = Ivr.demo();

    @Test
    void theGreetingAndMainMenuThenAKeyQueuesTheCallerWithTheQueueAnnouncement() {
        MenuWalk walk = new MenuWalk(demo, null);

        assertThat(walk.start()).isEqualTo(new MenuWalk.Step.Play(List.of("greeting", "menu-main"), 5));
        assertThat(walk.pressed('2')).isEqualTo(new MenuWalk.Step.Queue("tech", "mobile-internet", List.of("queued")));
        assertThat(walk.path()).isEqualTo("2");
        assertThat(walk.pressed('1')).isEqualTo(new MenuWalk.Step.Nothing());
        assertThat(walk.timedOut()).isEqualTo(new MenuWalk.Step.Nothing());
    }

    @Test
    void aSubMenuAndBackAndALanguageKeyReplayTheMenuInTheOtherLanguage() {
        MenuWalk walk = new MenuWalk(demo, "en");
        walk.start();
        assertThat(walk.language()).isEqualTo("en");

        assertThat(walk.pressed('3')).isEqualTo(new MenuWalk.Step.Play(List.of("menu-service"), 5));
        assertThat(walk.pressed('*')).isEqualTo(new MenuWalk.Step.Play(List.of("menu-main"), 5));
        assertThat(walk.pressed('8')).isEqualTo(new MenuWalk.Step.Play(List.of("menu-main"), 5));
        assertThat(walk.language()).isEqualTo("ru");
        assertThat(walk.pressed('0')).isEqualTo(new MenuWalk.Step.Queue("info", "operator", List.of("queued")));
        assertThat(walk.path()).isEqualTo("3-*-8-0");
    }

    @Test
    void wrongKeysAndSilenceCostAttemptsAndThenTheMenusNoChoiceApplies() {
        MenuWalk walk = new MenuWalk(demo, "de"); // a language the menu lacks: the menu's first
        walk.start();
        assertThat(walk.language()).isEqualTo("ru");

        assertThat(walk.pressed('7')).isEqualTo(new MenuWalk.Step.Play(List.of("invalid-choice", "menu-main"), 5));
        assertThat(walk.pressed('#'))
                .isEqualTo(new MenuWalk.Step.Queue("info", null, List.of("invalid-choice", "queued")));
        assertThat(walk.path()).isEmpty();
    }

    @Test
    void aCallerWhoPressesNothingHearsTheMainMenuTwiceAndReachesInfo() {
        MenuWalk walk = new MenuWalk(demo, null);

        assertThat(walk.start()).isEqualTo(new MenuWalk.Step.Play(List.of("greeting", "menu-main"), 5));
        assertThat(walk.timedOut()).isEqualTo(new MenuWalk.Step.Play(List.of("menu-main"), 5));
        assertThat(walk.timedOut()).isEqualTo(new MenuWalk.Step.Queue("info", null, List.of("queued")));
    }

    @Test
    void aSubMenusOwnNoChoiceWins() {
        MenuWalk walk = new MenuWalk(demo, null);
        walk.start();
        walk.pressed('3');
        walk.timedOut();
        walk.timedOut();

        assertThat(walk.timedOut()).isEqualTo(new MenuWalk.Step.Queue("remote", null, List.of("queued")));
    }

    @Test
    void aMenuWithoutAPromptSendsCallersStraightOn() {
        MenuWalk walk = new MenuWalk(CenterOnDisk.STRAIGHT_TO_INFO, null);

        assertThat(walk.start()).isEqualTo(new MenuWalk.Step.Queue("info", null, List.of()));
    }
}
