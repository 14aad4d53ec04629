package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice menu's file: the demo loads, YAML and JSON mean the same, and every mistake is named where it is. */
class IvrTest {

    @TempDir
    Path directory;

    @Test
    void theDemoMenuOf111LoadsWithItsPromptsInBothLanguages() throws Exception {
        Ivr demo = Ivr.demo();

        assertThat(demo.start()).isEqualTo("main");
        assertThat(demo.languages()).containsExactly("ru", "en");
        assertThat(demo.queues()).containsExactlyInAnyOrder("info", "tech", "remote");
        assertThat(demo.menus().get("main").choices().get('2'))
                .isEqualTo(new Ivr.Action.ToQueue("tech", "mobile-internet"));
        assertThat(demo.menus().get("service").choices().get('*')).isEqualTo(new Ivr.Action.ToMenu("main"));
        Prompts prompts = Prompts.load(null, demo);
        assertThat(prompts.get("menu-main", "en").millis()).isGreaterThan(5_000);
    }

    @Test
    void waitingCallersHearWhatTheirQueueSaysElseTheDefault() {
        Ivr ivr = Ivr.parse(
                "t",
                ("{no-choice: {queue: info}, menus: {main: {}}, waiting: {offer-callback-over-seconds: 90},"
                                + " queues: {tech: {announce-every-seconds: 20}, remote: {offer-callback-over-seconds: never}}}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(ivr.waitingIn("info")).isEqualTo(new Ivr.Waiting(60, 90));
        assertThat(ivr.waitingIn("tech")).isEqualTo(new Ivr.Waiting(20, 90));
        assertThat(ivr.waitingIn("remote")).isEqualTo(new Ivr.Waiting(60, null));
        assertThat(Ivr.demo().waitingIn("tech")).isEqualTo(new Ivr.Waiting(45, 60));
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {}}\nwaiting: {announce-every-seconds: 0, offer-callback-over-seconds: 5}",
                "waiting.announce-every-seconds must be above 0");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {}}\nqueues: {tech: {offer-callback-over-seconds: soon}}",
                "queues.tech.offer-callback-over-seconds");
    }

    @Test
    void aQueueIsRecordedWhenItOrTheDefaultSaysSoAndOnlyARecordedQueueAnnouncesIt() {
        Ivr ivr = Ivr.parse(
                "t",
                ("{no-choice: {queue: info}, menus: {main: {}}, recording: {record: true, consent: told},"
                                + " queues: {tech: {record: false}, remote: {consent: none}, vip: {consent: vip-told}}}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(ivr.recordingIn("info")).isEqualTo(new Ivr.Recording(true, "told"));
        assertThat(ivr.recordingIn("tech").on()).isFalse();
        assertThat(ivr.recordingIn("tech").announced()).isNull();
        assertThat(ivr.recordingIn("remote")).isEqualTo(new Ivr.Recording(true, null));
        assertThat(ivr.recordingIn("vip").announced()).isEqualTo("vip-told");
        assertThat(ivr.prompts()).contains("told", "vip-told");
        Ivr demo = Ivr.demo();
        assertThat(demo.recordingIn("tech")).isEqualTo(new Ivr.Recording(true, "recording-consent"));
        assertThat(demo.recordingIn("info").on()).isFalse();
        assertThat(Ivr.parse("t", "{no-choice: {queue: info}, menus: {main: {}}}".getBytes())
                        .prompts())
                .as("nothing recorded: the consent prompt need not exist")
                .doesNotContain("recording-consent");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {}}\nrecording: {record: yes please}",
                "recording.record must be true or false");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {}}\nqueues: {tech: {record: 1}}",
                "queues.tech.record must be true or false");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {}}\nrecording: {stereo: true}", "recording.stereo");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {}}\nqueues: {tech: {loud: 1}}", "queues.tech.loud");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {}}\nqueues: {tech: {record: true, consent: '../x'}}",
                "queues.tech.consent");
    }

    @Test
    void jsonIsReadLikeYaml() throws Exception {
        Path file = directory.resolve("menu.json");
        Files.writeString(file, """
                {"no-choice": {"queue": "info"}, "menus": {"main": {"prompt": "queued", "choices": {"#": {"queue": "tech"}}}}}
                """);

        Ivr ivr = Ivr.load(file);

        assertThat(ivr.menus().get("main").choices()).containsEntry('#', new Ivr.Action.ToQueue("tech", null));
        assertThat(ivr.language()).isEqualTo("ru");
    }

    @Test
    void mistakesAreRefusedNamingWhereTheyAre() {
        assertRefused("menus: [", "not a menu in YAML or JSON");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'2': {queue: tech}, '2': {queue: remote}}}}",
                "Duplicate field '2'");
        assertRefused("no-choice: {queue: info}\nno-choice: {queue: tech}\nmenus: {}", "(line 2");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {prompt: p}}\n---\nno-choice: {queue: x}\n", "line");
        assertThatThrownBy(() -> Ivr.parse(
                        "menu.yaml", ("[".repeat(2_000) + "]".repeat(2_000)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested too deeply")
                .hasMessageNotContaining("StreamReadConstraints")
                .hasMessageNotContaining("\n");
        assertRefused("[1, 2]", "the menu file must be a mapping");
        assertRefused("menus: {main: {}}", "no-choice is missing");
        assertRefused("no-choice:\nmenus: {main: {}}", "no-choice is missing"); // as "no-choice: ~" is
        assertRefused("no-choice: {queue: info}\nmenus: {}", "menus must hold");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {choices: {'1': {queue: x}}}}", "menus.main.prompt");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'12': {queue: x}}}}",
                "'12' is not a key");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'1': {menu: nowhere}}}}",
                "menus.main.choices.1.menu no menu is named 'nowhere'");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'1': {queue: a, menu: b}}}}",
                "exactly one of");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'1': {language: de}}}}",
                "'de' is not one of languages");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {prompt: p, timeout-seconds: 0}}", "timeout-seconds");
        assertRefused("no-choice: {queue: info}\nmenus: {main: {prompt: p, atempts: 2}}", "atempts is not a field");
        assertRefused("no-choice: {queue: 'Info Desk'}\nmenus: {main: {}}", "no-choice.queue must be a name");
        assertRefused("no-choice: {queue: info}\nstart: lobby\nmenus: {main: {}}", "start no menu is named");
        assertRefused(
                "no-choice: {menu: b}\nmenus: {a: {no-choice: {menu: b}}, b: {}}", "round menus without a prompt");
        assertRefused(
                "no-choice: {queue: info}\nmenus: {a: {no-choice: {language: ru}}}", "cannot change the language");
    }

    @Test
    void aMenuWhosePromptIsMissingInOneLanguageStopsTheStartNamingTheFile() throws Exception {
        Ivr ivr = Ivr.parse(
                "t", "{languages: [ru, en], no-choice: {queue: info}, menus: {m: {prompt: farewell}}}".getBytes());
        Files.createDirectories(directory.resolve("ru"));
        Files.write(
                directory.resolve("ru/farewell.wav"),
                Files.readAllBytes(Path.of(
                        IvrTest.class.getResource("/prompts/ru/queued.wav").toURI())));

        assertThatThrownBy(() -> Prompts.load(directory, ivr)).hasMessageContaining("en/farewell.wav");
    }

    @Test
    void randomBytesAreRefusedWithAMessageNeverAnythingElse() {
        Random random = new Random(7);
        byte[] demo = "no-choice: {queue: info}\nmenus: {main: {prompt: p, choices: {'1': {menu: main}}}}"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            byte[] mangled = demo.clone();
            for (int flips = random.nextInt(4) + 1; flips > 0; flips--) {
                mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(128);
            }
            try {
                Ivr ivr = Ivr.parse("fuzz", mangled);
                assertThat(ivr.menus()).containsKey(ivr.start());
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz");
            }
        }
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> Ivr.parse("menu.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("menu.yaml")
                .hasMessageContaining(message);
    }
}
