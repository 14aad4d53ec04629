package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;

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

    private static AuditRecord record(long atMs, String action, String subject, String detail) {
        return new AuditRecord(atMs, "anna", action, subject, detail);
    }
}
