package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.AuditText;

@ParameterizedClass
@EnumSource(Backend.class)
class AuditLogTest extends BackendTest {

    private static final String IVAN = "+79120000001";

    private AuditLog audit;

    @BeforeEach
    void openAudit() {
        audit = database.auditLog();
    }

    @Test
    void listsTheNewestRecordsAboutTheSubjectFirst() {
        AuditRecord viewed = record(1_000, "subscriber.view", IVAN, null);
        AuditRecord verified = record(2_000, "subscriber.verify-code-word", IVAN, "match");
        AuditRecord other = record(3_000, "subscriber.view", "+79120000002", null);
        AuditRecord changed = record(4_000, "subscriber.change-tariff", IVAN, "Smart L");
        audit.record(viewed);
        audit.record(verified);
        audit.record(other);
        audit.record(changed);

        assertThat(audit.about(IVAN, 10)).containsExactly(changed, verified, viewed);
    }

    @Test
    void returnsAtMostLimitRecords() {
        for (int i = 1; i <= 5; i++) {
            audit.record(record(i * 1_000L, "subscriber.view", IVAN, "#" + i));
        }

        assertThat(audit.about(IVAN, 2)).extracting(AuditRecord::detail).containsExactly("#5", "#4");
        assertThat(audit.about(IVAN, 0)).isEmpty();
        assertThatThrownBy(() -> audit.about(IVAN, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsRecordingOrderAmongRecordsOfTheSameMillisecond() {
        AuditRecord first = record(1_000, "subscriber.view", IVAN, "first");
        AuditRecord second = record(1_000, "subscriber.view", IVAN, "second");
        audit.record(first);
        audit.record(second);

        assertThat(audit.about(IVAN, 10)).containsExactly(second, first);
        assertThat(audit.about("+79129999999", 10)).isEmpty();
    }

    @Test
    void cutsValuesLongerThanTheirColumnsWithAMarkerInsteadOfFailing() {
        String subject = "7".repeat(300);
        audit.record(new AuditRecord(1_000, "a".repeat(500), "subscriber.".repeat(20), subject, "d".repeat(9_000)));

        AuditRecord stored = audit.about(subject, 10).getFirst();

        assertThat(stored.actor()).hasSize(JdbcAuditLog.ACTOR_LENGTH).endsWith("a" + AuditText.CUT_MARKER);
        assertThat(stored.action())
                .hasSize(JdbcAuditLog.ACTION_LENGTH)
                .startsWith("subscriber.subscriber.")
                .endsWith(AuditText.CUT_MARKER);
        assertThat(stored.subject())
                .hasSize(JdbcAuditLog.SUBJECT_LENGTH)
                .startsWith("7777")
                .endsWith(AuditText.CUT_MARKER);
        assertThat(stored.detail()).hasSize(JdbcAuditLog.DETAIL_LENGTH).endsWith(AuditText.CUT_MARKER);
        assertThat(audit.about(stored.subject(), 10)).containsExactly(stored);
    }

    @Test
    void storesValuesOfExactlyTheColumnSizeAsTheyAre() {
        String subject = "7".repeat(JdbcAuditLog.SUBJECT_LENGTH);
        AuditRecord full = new AuditRecord(
                1_000,
                "a".repeat(JdbcAuditLog.ACTOR_LENGTH),
                "subscriber.view",
                subject,
                "d".repeat(JdbcAuditLog.DETAIL_LENGTH));
        audit.record(full);

        assertThat(audit.about(subject, 10)).containsExactly(full);
    }

    @Test
    void neitherSplitsACharacterNorFailsOnANul() {
        String emoji = "\uD83D\uDCDE"; // a telephone receiver, two UTF-16 units
        String subject = "x".repeat(JdbcAuditLog.SUBJECT_LENGTH - 2) + emoji + "tail";
        audit.record(new AuditRecord(1_000, "anna", "subscriber.view", subject, "before\u0000after"));

        AuditRecord stored = audit.about(subject, 10).getFirst();

        assertThat(stored.subject()).isEqualTo("x".repeat(JdbcAuditLog.SUBJECT_LENGTH - 2) + AuditText.CUT_MARKER);
        assertThat(stored.detail()).isEqualTo("before\uFFFDafter");
    }

    private static AuditRecord record(long atMs, String action, String subject, String detail) {
        return new AuditRecord(atMs, "anna", action, subject, detail);
    }
}
