package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.TokenInUseException;

@ParameterizedClass
@EnumSource(Backend.class)
class AccessTokensTest extends BackendTest {

    private static final Principal ANNA = new Principal("anna", Role.AGENT, "a1");
    private static final Principal ADMIN = new Principal("admin", Role.ADMIN, null);

    private AccessTokens tokens;

    @BeforeEach
    void openTokens() {
        tokens = database.accessTokens();
    }

    @Test
    void authenticatesTheOwnerOfAnIssuedToken() {
        String annas = JdbcAccessTokens.newToken();
        String admins = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, annas);
        tokens.issue(ADMIN, admins);

        assertThat(tokens.authenticate(annas)).contains(ANNA);
        assertThat(tokens.authenticate(admins)).contains(ADMIN);
        assertThat(tokens.authenticate(annas)).contains(ANNA);
    }

    @Test
    void knowsNoUnknownNullOrShortToken() {
        tokens.issue(ANNA, JdbcAccessTokens.newToken());

        assertThat(tokens.authenticate(JdbcAccessTokens.newToken())).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("short")).isEmpty();
    }

    @Test
    void aNewTokenReplacesThePrincipalsPreviousOneEvenWhenCached() {
        String old = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, old);
        assertThat(tokens.authenticate(old)).contains(ANNA);

        String fresh = JdbcAccessTokens.newToken();
        Principal promoted = new Principal("anna", Role.SUPERVISOR, null);
        tokens.issue(promoted, fresh);

        assertThat(tokens.authenticate(old)).isEmpty();
        assertThat(tokens.authenticate(fresh)).contains(promoted);
    }

    @Test
    void tokensSurviveARestart() {
        String token = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, token);

        assertThat(fixture.reopen().accessTokens().authenticate(token)).contains(ANNA);
    }

    @Test
    void storesOnlyTheSha256OfTheToken() throws SQLException {
        String token = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, token);

        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT token_hash FROM access_token")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1))
                    .isEqualTo(JdbcAccessTokens.sha256(token))
                    .hasSize(64)
                    .isNotEqualTo(token);
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void refusesATokenAnotherPrincipalHoldsWithoutNamingItAndChangesNothing() {
        String annas = JdbcAccessTokens.newToken();
        String admins = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, annas);
        tokens.issue(ADMIN, admins);

        assertThatThrownBy(() -> tokens.issue(ADMIN, annas))
                .isInstanceOf(TokenInUseException.class)
                .hasNoCause()
                .message()
                .doesNotContain(annas)
                .doesNotContain(JdbcAccessTokens.sha256(annas))
                .doesNotContain(ANNA.name());

        assertThat(tokens.authenticate(annas)).contains(ANNA);
        assertThat(tokens.authenticate(admins)).contains(ADMIN);
        assertThat(fixture.reopen().accessTokens().authenticate(admins)).contains(ADMIN);
    }

    @Test
    void reissuingAPrincipalItsOwnTokenKeepsIt() {
        String token = JdbcAccessTokens.newToken();
        tokens.issue(ANNA, token);

        tokens.issue(ANNA, token);

        assertThat(tokens.authenticate(token)).contains(ANNA);
    }

    @Test
    void aRepeatedUnknownTokenReachesTheDatabaseOncePerCachePeriod() {
        Connections connections = new Connections(database.dataSource());
        AtomicLong nanos = new AtomicLong();
        JdbcAccessTokens cached = new JdbcAccessTokens(
                connections.dataSource(), DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS, nanos::get);
        String known = JdbcAccessTokens.newToken();
        String unknown = JdbcAccessTokens.newToken();
        cached.issue(ANNA, known);
        int afterIssue = connections.opened();

        for (int i = 0; i < 1_000; i++) {
            assertThat(cached.authenticate(unknown)).isEmpty();
            assertThat(cached.authenticate(known)).contains(ANNA);
        }
        assertThat(connections.opened() - afterIssue).isEqualTo(2);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(JdbcAccessTokens.CACHE_TTL_SECONDS));
        assertThat(cached.authenticate(unknown)).isEmpty();
        assertThat(connections.opened() - afterIssue).isEqualTo(3);
    }

    @Test
    void aTokenReplacedOnAnotherNodeStopsWorkingHereWhenTheCachePeriodEnds() {
        AtomicLong nanos = new AtomicLong();
        JdbcAccessTokens here = new JdbcAccessTokens(
                database.dataSource(), DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS, nanos::get);
        JdbcAccessTokens otherNode = new JdbcAccessTokens(
                database.dataSource(), DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS, nanos::get);
        String old = JdbcAccessTokens.newToken();
        here.issue(ANNA, old);
        assertThat(here.authenticate(old)).contains(ANNA);

        String fresh = JdbcAccessTokens.newToken();
        otherNode.issue(ANNA, fresh);
        assertThat(otherNode.authenticate(old)).isEmpty();
        assertThat(here.authenticate(fresh)).contains(ANNA);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(JdbcAccessTokens.CACHE_TTL_SECONDS) - 1);
        assertThat(here.authenticate(old)).as("cached until the period ends").contains(ANNA);

        nanos.addAndGet(1);
        assertThat(here.authenticate(old)).isEmpty();
    }

    @Test
    void aTokenTriedBeforeItWasIssuedWorksAsSoonAsItIsIssuedHere() {
        String token = JdbcAccessTokens.newToken();
        assertThat(tokens.authenticate(token)).isEmpty();

        tokens.issue(ANNA, token);

        assertThat(tokens.authenticate(token)).contains(ANNA);
    }

    @Test
    void refusesToIssueAShortToken() {
        assertThatThrownBy(() -> tokens.issue(ANNA, "password1")).isInstanceOf(IllegalArgumentException.class);
    }
}
