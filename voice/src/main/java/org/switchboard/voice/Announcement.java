package org.switchboard.voice;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a waiting caller is told, as prompt names: the position in the queue and the estimated wait in minutes, said
 * in parts that every language of the menu has recorded ({@code number/<n>}: units, 10 to 19, tens and hundreds;
 * {@code number/1f}, {@code number/2f} for the feminine forms Russian needs before "минута"; the word "minute" in the
 * form a number takes: {@code minute-one}, {@code minute-few}, {@code minute-many} by the Russian rule, which English
 * records as minute, minutes, minutes).
 */
final class Announcement {

    /** The prompts every announcement may use, for {@link Prompts} to load in every language. */
    static final List<String> PROMPTS = prompts();

    static final int MAX_SAID = 999;

    private Announcement() {}

    /** "Your position in the queue is N"; a position above 999 is said as 999. */
    static List<String> position(int position) {
        List<String> said = new ArrayList<>(List.of("position"));
        said.addAll(number(Math.clamp(position, 1, MAX_SAID), false));
        return said;
    }

    /**
     * "The estimated waiting time is N minutes" (rounded up; "less than a minute" under one), or nothing when the
     * center cannot estimate it (no agent can take the queue's contacts).
     */
    static List<String> estimatedWait(@Nullable Long seconds) {
        if (seconds == null) {
            return List.of();
        }
        if (seconds < 60) {
            return List.of("wait", "wait-short");
        }
        int minutes = (int) Math.min(MAX_SAID, (seconds + 59) / 60);
        List<String> said = new ArrayList<>(List.of("wait"));
        said.addAll(number(minutes, true));
        said.add(minuteWord(minutes));
        return said;
    }

    /** {@code n} (1 to 999) as parts: hundreds, then tens and units or 10 to 19. */
    static List<String> number(int n, boolean feminine) {
        List<String> parts = new ArrayList<>();
        int hundreds = n / 100 * 100;
        int rest = n % 100;
        if (hundreds > 0) {
            parts.add("number/" + hundreds);
        }
        if (rest >= 20) {
            parts.add("number/" + rest / 10 * 10);
            rest %= 10;
        }
        if (rest > 0 || parts.isEmpty()) {
            parts.add("number/" + rest + (feminine && (rest == 1 || rest == 2) ? "f" : ""));
        }
        return parts;
    }

    /** минута (1, 21, 31…), минуты (2-4, 22-24…), минут (the rest, 11-14 included). */
    static String minuteWord(int n) {
        int lastTwo = n % 100;
        int last = n % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return "minute-many";
        }
        return last == 1 ? "minute-one" : last >= 2 && last <= 4 ? "minute-few" : "minute-many";
    }

    private static List<String> prompts() {
        List<String> names = new ArrayList<>(List.of(
                "position",
                "wait",
                "wait-short",
                "minute-one",
                "minute-few",
                "minute-many",
                "callback-offer",
                "callback-confirmed",
                "callback-greeting",
                "number/1f",
                "number/2f"));
        for (int n = 0; n < 20; n++) {
            names.add("number/" + n);
        }
        for (int n = 20; n < 100; n += 10) {
            names.add("number/" + n);
        }
        for (int n = 100; n < 1_000; n += 100) {
            names.add("number/" + n);
        }
        return List.copyOf(names);
    }
}
