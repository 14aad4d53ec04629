package org.switchboard.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One caller's way through the {@link Ivr}: told what the caller pressed or that the wait for a key ran out, it says
 * what the caller hears next, or which queue the caller goes to. A key while a prompt plays counts at once (callers
 * who know the menu need not listen to it). A wrong key or silence costs an attempt; after the menu's last one the
 * menu's no-choice action applies, so a caller who presses nothing still reaches a queue. Not thread-safe: the call
 * that owns it serialises its events.
 */
final class MenuWalk {

    /** What the caller hears or where the caller goes next. */
    sealed interface Step {
        /** Play {@code prompts}, then wait {@code seconds} for a key (then {@link #timedOut}). */
        record Play(List<String> prompts, int seconds) implements Step {}

        /** The menu is over: the caller waits in {@code queue}, hearing {@code prompts} first. */
        record Queue(String queue, @Nullable String topic, List<String> prompts) implements Step {}

        /** Nothing changes (a key after the menu was over). */
        record Nothing() implements Step {}
    }

    private final Ivr ivr;
    private String language;
    private Ivr.Menu menu;
    private int attempts;
    private boolean over;
    private final StringBuilder path = new StringBuilder();

    MenuWalk(Ivr ivr, @Nullable String subscriberLanguage) {
        this.ivr = ivr;
        this.language = subscriberLanguage != null && ivr.languages().contains(subscriberLanguage)
                ? subscriberLanguage
                : ivr.language();
        this.menu = Objects.requireNonNull(ivr.menus().get(ivr.start()));
    }

    /** The menu this walk is in: the one its call started with, whatever the console changed since. */
    Ivr ivr() {
        return ivr;
    }

    /** The call was answered: the greeting and the first menu. */
    Step start() {
        List<String> prompts = new ArrayList<>();
        if (ivr.greeting() != null) {
            prompts.add(ivr.greeting());
        }
        return enter(menu, prompts);
    }

    Step pressed(char key) {
        if (over) {
            return new Step.Nothing();
        }
        Ivr.Action action = menu.choices().get(key);
        if (action == null) {
            List<String> prompts = new ArrayList<>();
            if (ivr.invalid() != null) {
                prompts.add(ivr.invalid());
            }
            return retry(prompts);
        }
        path.append(path.isEmpty() ? "" : "-").append(key);
        return act(action, new ArrayList<>());
    }

    Step timedOut() {
        return over ? new Step.Nothing() : retry(new ArrayList<>());
    }

    /** The language the caller hears prompts in now. */
    String language() {
        return language;
    }

    /** The keys that chose the way, e.g. {@code 3-1}; empty when the caller chose nothing. */
    String path() {
        return path.toString();
    }

    private Step retry(List<String> prompts) {
        if (++attempts >= menu.attempts()) {
            return act(menu.noChoice(), prompts);
        }
        prompts.add(Objects.requireNonNull(menu.prompt()));
        return new Step.Play(prompts, menu.seconds());
    }

    private Step act(Ivr.Action action, List<String> prompts) {
        return switch (action) {
            case Ivr.Action.ToQueue to -> queue(to, prompts);
            case Ivr.Action.ToMenu to ->
                enter(Objects.requireNonNull(ivr.menus().get(to.menu())), prompts);
            case Ivr.Action.Language to -> {
                language = to.language();
                yield enter(menu, prompts);
            }
        };
    }

    private Step enter(Ivr.Menu next, List<String> prompts) {
        menu = next;
        attempts = 0;
        String prompt = next.prompt();
        if (prompt == null) {
            return act(next.noChoice(), prompts); // Ivr made sure this ends: no loop of menus without prompts
        }
        prompts.add(prompt);
        return new Step.Play(prompts, next.seconds());
    }

    private Step queue(Ivr.Action.ToQueue to, List<String> prompts) {
        over = true;
        if (ivr.queued() != null) {
            prompts.add(ivr.queued());
        }
        return new Step.Queue(to.queue(), to.topic(), prompts);
    }
}
