package org.switchboard.core.port;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The voice menu (IVR) callers to the service numbers hear, as administrators edit it in the console: its text (YAML
 * or JSON, the format of {@code voice.ivr-file}, docs/configuration.md) with the queues it leads to, what waiting
 * callers hear (announcements, the callback offer's threshold) and which queues are recorded. A change is checked
 * completely, as the voice channel reads a menu, stored and audited in one transaction, and then walked by new calls;
 * calls already in the menu finish the one they started. Thread-safe; a store that cannot answer throws
 * {@link StoreUnavailableException}.
 */
public interface VoiceMenus {

    /** The longest menu text accepted, in characters (a request body holds 64 KiB). */
    int MAX_TEXT_CHARS = 60_000;

    /** The menu new calls walk; empty until the voice channel has started. */
    Optional<Menu> current();

    /**
     * Makes {@code text} the menu if the current one is still at {@code expectedVersion}, auditing it as {@code actor};
     * says why not otherwise, and then nothing changed.
     */
    Saved replace(String text, long expectedVersion, String actor, long atMs);

    /**
     * A menu as it stands.
     *
     * @param version     0 for the menu the center started with ({@code voice.ivr-file} or the built-in one), then one
     *                    more for each change made in the console
     * @param source      where it comes from: "console", the file's path, or "built-in"
     * @param changedAtMs when it was last changed in the console; null for version 0
     * @param changedBy   who changed it; null for version 0
     */
    record Menu(
            String text,
            long version,
            String source,
            @Nullable Long changedAtMs,
            @Nullable String changedBy) {}

    /** What became of a change. */
    sealed interface Saved {
        /** Stored, and new calls walk it. */
        record Done(Menu menu) implements Saved {}

        /** The text is not a menu every caller can walk: {@code problem} says what and where. */
        record Invalid(String problem) implements Saved {}

        /** Someone changed the menu meanwhile: {@code current} is how it stands. */
        record Stale(Menu current) implements Saved {}
    }
}
