package org.switchboard.core.port;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The center's lists of reasons an operator picks from: why it is not ready (break, training...) and how a contact
 * ended (its disposition). Administrators keep them; an operator's choice must be an active entry, so reports group
 * by a known list. A retired entry stays (inactive) so that earlier contacts keep their meaning. Each change of a list
 * is audited with it, in one transaction. Thread-safe; a store that cannot answer throws
 * {@link StoreUnavailableException}.
 */
public interface ReasonCodes {

    int MAX_CODES = 50;

    /** Which list. */
    enum Kind {
        NOT_READY,
        DISPOSITION;

        public String wireName() {
            return this == NOT_READY ? "not-ready" : "dispositions";
        }
    }

    /** One entry: {@code name} is what is recorded (1 to 100 characters); {@code active} while it may be chosen. */
    record Code(String name, boolean active) {
        public Code {
            if (name == null
                    || name.isBlank()
                    || name.strip().length() > 100
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(
                        "a reason is 1 to 100 characters of text, was " + AuditText.cut(String.valueOf(name), 64));
            }
            name = name.strip();
        }
    }

    /** The list, in the order operators see it. */
    List<Code> list(Kind kind);

    /** Replaces the list, audited as {@code actor}. */
    void replace(Kind kind, List<Code> codes, String actor, long atMs);

    /** Whether {@code name} is an active entry of {@code kind}'s list; any text when the list is empty. */
    default boolean allows(Kind kind, String name) {
        List<Code> codes = list(kind);
        return codes.isEmpty()
                || codes.stream().anyMatch(c -> c.active() && c.name().equals(name));
    }

    /** {@code codes} as a list may hold them: at most {@value #MAX_CODES}, names unique in any case. */
    static List<Code> check(List<Code> codes) {
        if (codes == null || codes.size() > MAX_CODES || codes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a list holds 0 to " + MAX_CODES + " reasons");
        }
        Set<String> seen = new HashSet<>();
        for (Code code : codes) {
            if (!seen.add(code.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + AuditText.cut(code.name(), 64) + "' is in the list twice");
            }
        }
        return List.copyOf(codes);
    }
}
