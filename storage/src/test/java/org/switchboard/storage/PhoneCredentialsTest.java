package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.PhoneCredentials;

@ParameterizedClass
@EnumSource(Backend.class)
class PhoneCredentialsTest extends BackendTest {

    private static final String REALM = "center.example.org";

    private PhoneCredentials phones;

    @BeforeEach
    void openPhones() {
        phones = database.phoneCredentials(REALM);
    }

    @Test
    void storesTheDigestHa1OfTheIssuedPasswordForItsRealm() throws NoSuchAlgorithmException {
        String password = phones.issue("a1");

        assertThat(phones.realm()).isEqualTo(REALM);
        assertThat(password).hasSize(JdbcPhoneCredentials.PASSWORD_LENGTH).matches("[A-Z2-7]+");
        assertThat(phones.ha1("a1")).contains(md5Hex("a1:" + REALM + ":" + password));
    }

    @Test
    void aNewPasswordReplacesTheEarlierOneAndSurvivesARestart() throws NoSuchAlgorithmException {
        String first = phones.issue("a1");
        String second = phones.issue("a1");

        assertThat(second).isNotEqualTo(first);
        String ha1 = md5Hex("a1:" + REALM + ":" + second);
        assertThat(phones.ha1("a1")).contains(ha1);
        assertThat(fixture.reopen().phoneCredentials(REALM).ha1("a1")).contains(ha1);
    }

    @Test
    void revokingForgetsTheCredentialsOnceAndOnlyThatUsers() {
        phones.issue("a1");
        phones.issue("a2");

        assertThat(phones.revoke("a1")).isTrue();

        assertThat(phones.ha1("a1")).isEmpty();
        assertThat(phones.revoke("a1")).isFalse();
        assertThat(phones.ha1("a2")).isPresent();
    }

    @Test
    void knowsNothingOfAUserNeverIssuedOrANameNoPhoneCanHave() {
        assertThat(phones.ha1("nobody")).isEmpty();
        assertThat(phones.ha1("a:1")).isEmpty();
        assertThat(phones.ha1("")).isEmpty();
        assertThat(phones.ha1(null)).isEmpty();
        assertThat(phones.revoke("nobody")).isFalse();
    }

    @Test
    void neverStoresThePassword() throws SQLException {
        String password = phones.issue("a1");

        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM phone_credential")) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    values.add(rows.getString(column));
                }
            }
            assertThat(values).hasSize(3).noneMatch(v -> v.contains(password));
        }
    }

    @Test
    void refusesUserNamesNoDigestCanCarry() {
        for (String bad : new String[] {null, "", "a:1", "a\n1", "a\u00001", "a".repeat(201)}) {
            assertThatThrownBy(() -> phones.issue(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> phones.revoke(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(phones.issue("a".repeat(200))).isNotEmpty();
    }

    private static String md5Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
