package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;

@ParameterizedClass
@EnumSource(Backend.class)
class SubscriberRegistryTest extends BackendTest {

    private static final Subscriber IVAN =
            new Subscriber("+79120000001", "Ivan Petrov", "Smart M", 12_345, "RUB", List.of("roaming", "mms"), "ru");
    private static final Subscriber OLGA =
            new Subscriber("+79120000002", "Olga Sidorova", "Basic", -500, "RUB", List.of(), "en");

    private SubscriberRegistry registry;

    @BeforeEach
    void openRegistry() {
        registry = database.subscribers();
    }

    @Test
    void findsASavedSubscriberAndNothingForAnUnknownNumber() {
        registry.save(IVAN, "sunflower");

        assertThat(registry.find(IVAN.msisdn())).contains(IVAN);
        assertThat(registry.find("+79129999999")).isEmpty();
    }

    @Test
    void acceptsTheRightCodeWordIgnoringCaseAndSurroundingSpaces() {
        registry.save(IVAN, "Sunflower");

        assertThat(registry.verifyCodeWord(IVAN.msisdn(), "sunflower")).isTrue();
        assertThat(registry.verifyCodeWord(IVAN.msisdn(), "  SUNFLOWER ")).isTrue();
    }

    @Test
    void refusesAWrongBlankOrMissingCodeWordAndAnUnknownSubscriber() {
        registry.save(IVAN, "sunflower");

        assertThat(registry.verifyCodeWord(IVAN.msisdn(), "sunflowers")).isFalse();
        assertThat(registry.verifyCodeWord(IVAN.msisdn(), " ")).isFalse();
        assertThat(registry.verifyCodeWord(IVAN.msisdn(), null)).isFalse();
        assertThat(registry.verifyCodeWord("+79129999999", "sunflower")).isFalse();
    }

    @Test
    void keepsOnlyASaltedSlowHashOfTheCodeWord() throws SQLException {
        registry.save(IVAN, "sunflower");
        registry.save(OLGA, "sunflower");

        String ivans = storedHash(IVAN.msisdn());
        String olgas = storedHash(OLGA.msisdn());
        assertThat(ivans).doesNotContainIgnoringCase("sunflower").startsWith("pbkdf2-sha256$150000$");
        assertThat(ivans.split("\\$")).hasSize(4);
        assertThat(olgas).isNotEqualTo(ivans);
    }

    @Test
    void replacesTheSubscriberAndItsCodeWordOnSave() {
        registry.save(IVAN, "sunflower");
        Subscriber moved = new Subscriber(IVAN.msisdn(), "Ivan Petrov", "Smart L", 0, "RUB", List.of("5g"), "en");

        registry.save(moved, "daisy");

        assertThat(registry.find(IVAN.msisdn())).contains(moved);
        assertThat(registry.verifyCodeWord(IVAN.msisdn(), "daisy")).isTrue();
        assertThat(registry.verifyCodeWord(IVAN.msisdn(), "sunflower")).isFalse();
    }

    @Test
    void refusesABlankCodeWord() {
        assertThatThrownBy(() -> registry.save(IVAN, "  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.find(IVAN.msisdn())).isEmpty();
    }

    private String storedHash(String msisdn) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT code_word_hash FROM subscriber WHERE msisdn = ?")) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
