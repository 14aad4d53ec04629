package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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
}
