package org.switchboard.core.port;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the knowledge base as stored: what an operator looks up while serving a subscriber.
 *
 * @param id          the article's id
 * @param kind        a long-form {@code ARTICLE} to read, or a canned {@code ANSWER} to insert into a reply
 * @param title       1 to {@value #MAX_TITLE} characters, unique among articles of its kind
 * @param body        1 to {@value #MAX_BODY} characters of plain text
 * @param tags        at most {@value #MAX_TAGS} lower-case words that find it ({@code roaming}, {@code apn})
 * @param version     increases with every change; a change names the version it was made to
 * @param updatedAtMs when it last changed, epoch ms
 * @param updatedBy   who changed it last
 */
public record Article(
        UUID id,
        Kind kind,
        String title,
        String body,
        List<String> tags,
        int version,
        long updatedAtMs,
        String updatedBy) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 16_000;
    public static final int MAX_TAGS = 16;
    public static final int MAX_TAG = 40;

    /** What an entry is for. */
    public enum Kind {
        /** Reference for the operator: how a service works, what a tariff includes. */
        ARTICLE,
        /** A ready answer to send or read to the subscriber. */
        ANSWER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Article {
        if (id == null || kind == null || updatedBy == null) {
            throw new IllegalArgumentException("an article has an id, a kind and an author");
        }
        title = checkTitle(title);
        body = checkBody(body);
        tags = checkTags(tags);
    }

    /** The title stripped; 1 to {@value #MAX_TITLE} characters. */
    public static String checkTitle(@Nullable String title) {
        if (title == null || title.isBlank() || title.strip().length() > MAX_TITLE) {
            throw new IllegalArgumentException("a title has 1 to " + MAX_TITLE + " characters");
        }
        return title.strip();
    }

    /** The body stripped; 1 to {@value #MAX_BODY} characters. */
    public static String checkBody(@Nullable String body) {
        if (body == null || body.isBlank() || body.strip().length() > MAX_BODY) {
            throw new IllegalArgumentException("a body has 1 to " + MAX_BODY + " characters");
        }
        return body.strip();
    }

    /** The tags in lower case, without repeats; each a word of 1 to {@value #MAX_TAG} letters, digits or dashes. */
    public static List<String> checkTags(@Nullable List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("an article has at most " + MAX_TAGS + " tags");
        }
        return tags.stream()
                .map(tag -> {
                    String lower = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
                    if (!lower.matches("[\\p{L}\\p{N}-]{1," + MAX_TAG + "}")) { // after lower-casing: İ becomes i̇
                        throw new IllegalArgumentException("a tag is one word of 1 to " + MAX_TAG
                                + " letters, digits or dashes, was " + AuditText.cut(String.valueOf(tag), 64));
                    }
                    return lower;
                })
                .distinct()
                .toList();
    }
}
