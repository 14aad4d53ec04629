package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar over the wire: a REGISTER is challenged, a right digest answer binds the phone, a wrong one is
 * challenged again, another user's name is refused, and an address that keeps guessing is shut out.
 */
class RegistrarTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private SipGateway gateway;
    private RawPhone phone;

    @BeforeEach
    void start() throws Exception {
        disk = CenterOnDisk.start(directory);
        gateway = disk.gateway("10.0.0.0/8", CenterOnDisk.STRAIGHT_TO_INFO); // phones need not be trunks
        phone = new RawPhone(gateway.port());
    }

    @AfterEach
    void stop() {
        phone.close();
        gateway.close();
        disk.close();
    }

    @Test
    void aRightAnswerToTheChallengeRegistersThePhoneAndExpiresZeroUnregistersIt() throws Exception {
        String password = disk.phones.issue("olga");

        String challenge = register("olga", null, 3600);
        assertThat(challenge).startsWith("SIP/2.0 401").contains("realm=\"switchboard\"", "qop=\"auth\"");
        String nonce = nonce(challenge);
        String ok = register("olga", authorization("olga", password, nonce), 3600);

        assertThat(ok).startsWith("SIP/2.0 200").containsPattern("(?i)expires=3600");
        assertThat(gateway.registeredPhones()).isEqualTo(1);

        assertThat(register("olga", authorization("olga", password, nonce), 0)).startsWith("SIP/2.0 200");
        assertThat(gateway.registeredPhones()).isZero();
    }

    @Test
    void aRevokedOrReplacedPasswordEndsTheRegistrationAtOnce() throws Exception {
        String password = disk.phones.issue("olga");
        String nonce = nonce(register("olga", null, 3600));
        assertThat(register("olga", authorization("olga", password, nonce), 3600))
                .startsWith("SIP/2.0 200");
        assertThat(gateway.canRing("olga")).isTrue();

        disk.phones.revoke("olga");

        assertThat(gateway.canRing("olga")).isFalse();
        assertThat(register("olga", authorization("olga", password, nonce), 3600))
                .as("refused, not challenged again: the phone does not retry the old password at once")
                .startsWith("SIP/2.0 403");

        String replaced = disk.phones.issue("olga");
        assertThat(register("olga", authorization("olga", replaced, nonce), 3600))
                .startsWith("SIP/2.0 200");
        disk.phones.issue("olga");
        assertThat(gateway.canRing("olga"))
                .as("the password it registered with was replaced")
                .isFalse();
    }

    @Test
    void wrongPasswordsAnotherUsersNameAndTooShortIntervalsAreRefused() throws Exception {
        String password = disk.phones.issue("olga");
        disk.phones.issue("ivan");
        String nonce = nonce(register("olga", null, 3600));

        assertThat(register("olga", authorization("olga", "guess", nonce), 3600))
                .startsWith("SIP/2.0 403");
        assertThat(register("olga", authorization("ivan", password, nonce), 3600))
                .startsWith("SIP/2.0 403");
        assertThat(register("olga", authorization("olga", password, "forged.nonce"), 3600))
                .startsWith("SIP/2.0 401");
        assertThat(register("olga", authorization("olga", password, nonce), 10))
                .startsWith("SIP/2.0 423")
                .containsPattern("(?i)min-expires: *60");
        assertThat(register("nobody", authorization("nobody", "x", nonce), 3600))
                .startsWith("SIP/2.0 403");
        assertThat(gateway.registeredPhones()).isZero();
    }

    @Test
    void aNameGuessedFromAnAddressIsShutOutThereEvenWithTheRightPasswordButTheOtherPhonesThereAreNot()
            throws Exception {
        String password = disk.phones.issue("olga");
        String ivans = disk.phones.issue("ivan");
        String nonce = nonce(register("olga", null, 3600));
        for (int i = 0; i < Registrar.MAX_FAILURES; i++) {
            assertThat(register("olga", authorization("olga", "guess-" + i, nonce), 3600))
                    .startsWith("SIP/2.0 403");
        }

        assertThat(register("olga", authorization("olga", password, nonce), 3600))
                .startsWith("SIP/2.0 403");
        assertThat(register("ivan", authorization("ivan", ivans, nonce), 3600))
                .as("another phone behind the same address")
                .startsWith("SIP/2.0 200");
        assertThat(gateway.registeredPhones()).isEqualTo(1);
    }

    @Test
    void anAddressGuessingManyNamesIsShutOutForAll() throws Exception {
        String ivans = disk.phones.issue("ivan");
        String nonce = nonce(register("ivan", null, 3600));
        for (int i = 0; i < Registrar.MAX_ADDRESS_FAILURES; i++) {
            assertThat(register("user" + i, authorization("user" + i, "guess", nonce), 3600))
                    .startsWith("SIP/2.0 403");
        }

        assertThat(register("ivan", authorization("ivan", ivans, nonce), 3600)).startsWith("SIP/2.0 403");
        assertThat(gateway.registeredPhones()).isZero();
    }

    private String register(String user, String authorization, int expires) throws Exception {
        return phone.register(user, authorization, expires);
    }

    private String authorization(String user, String password, String nonce) {
        return phone.authorization(user, password, nonce);
    }

    private static String nonce(String challenge) {
        return RawPhone.nonce(challenge);
    }
}
