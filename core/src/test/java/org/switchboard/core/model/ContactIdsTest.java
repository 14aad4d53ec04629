package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContactIdsTest {

    private static final long EPOCH_MS = 1_700_000_000_000L;

    @Test
    void idsAreVersion7WithTheirCreationTime() {
        UUID id = ContactIds.next(EPOCH_MS);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(EPOCH_MS);
    }

    @Test
    void idsSortByCreationTime() {
        assertThat(ContactIds.next(EPOCH_MS)).isLessThan(ContactIds.next(EPOCH_MS + 1));
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ContactIds.next(EPOCH_MS));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aDerivedIdIsTheSameOnReplayAndDiffersFromItsParent() {
        UUID parent = ContactIds.next(EPOCH_MS);

        UUID derived = ContactIds.derived(parent, EPOCH_MS + 60_000);

        assertThat(ContactIds.derived(parent, EPOCH_MS + 60_000)).isEqualTo(derived);
        assertThat(derived).isNotEqualTo(parent);
        assertThat(derived.version()).isEqualTo(7);
        assertThat(derived.getMostSignificantBits() >>> 16).isEqualTo(EPOCH_MS + 60_000);
    }

    @Test
    void siblingsDeriveDifferentIds() {
        assertThat(ContactIds.derived(ContactIds.next(EPOCH_MS), EPOCH_MS))
                .isNotEqualTo(ContactIds.derived(ContactIds.next(EPOCH_MS), EPOCH_MS));
    }

    @Test
    void onlyTheCanonicalFormOfAnIdIsRead() {
        String id = "0192f7c4-5e6a-7b8c-9d0e-1f2a3b4c5d6e";

        assertThat(ContactIds.parse(id)).isEqualTo(UUID.fromString(id));
        assertThat(ContactIds.parse(id.toUpperCase(Locale.ROOT))).isEqualTo(UUID.fromString(id));
        for (String lenient : List.of(
                "1-1-1-1-1",
                "+1-+1-+1-+1-+1",
                "1-1-1-1-000000000001",
                "00000001-0001-0001-0001-00000000001",
                "{" + id + "}",
                id + " ",
                id.replace('-', '_'),
                id.replace('0', '\uff10'),
                "")) {
            assertThatThrownBy(() -> ContactIds.parse(lenient))
                    .as(lenient)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
