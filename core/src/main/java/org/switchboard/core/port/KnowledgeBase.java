package org.switchboard.core.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Articles and canned answers that operators search while serving subscribers and supervisors keep up to date. Every
 * change is audited with it, in one transaction. Thread-safe; a store that cannot answer throws
 * {@link StoreUnavailableException}.
 */
public interface KnowledgeBase {

    int MAX_RESULTS = 100;

    /**
     * Entries whose title, tags or body contain every word of {@code query} (case-insensitive; blank: all), titles
     * that contain the whole query first, then the most recently changed; at most {@code limit}.
     */
    List<Article> search(String query, Article.@Nullable Kind kind, int limit);

    Optional<Article> find(UUID id);

    /**
     * Creates the entry ({@code expectedVersion} null) or changes it from {@code expectedVersion}, auditing the change
     * as {@code actor}; answers it as stored, or why not.
     */
    Saved save(Draft draft, @Nullable Integer expectedVersion, String actor, long atMs);

    /** Removes the entry if it is at {@code expectedVersion}, auditing it; false when it is not there. */
    Saved delete(UUID id, int expectedVersion, String actor, long atMs);

    /** An entry as written: checked as {@link Article} checks it. */
    record Draft(UUID id, Article.Kind kind, String title, String body, List<String> tags) {
        public Draft {
            if (id == null || kind == null) {
                throw new IllegalArgumentException("an article has an id and a kind");
            }
            title = Article.checkTitle(title);
            body = Article.checkBody(body);
            tags = Article.checkTags(tags);
        }
    }

    /** What became of a change. */
    sealed interface Saved {
        /** Stored (null for a removal). */
        record Done(@Nullable Article article) implements Saved {}

        /** No entry with that id. */
        record Missing() implements Saved {}

        /** Someone changed it meanwhile: {@code current} is how it stands. */
        record Stale(Article current) implements Saved {}

        /** Another entry of the kind has the title. */
        record TitleTaken(String title) implements Saved {}

        /** Creating an entry whose id exists already. */
        record Exists() implements Saved {}
    }
}
