package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.Reply;

/** Token generation and the administrator's credential. */
final class Secrets {

    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** 256 random bits, URL-safe. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Letters and digits nobody misreads (no 0/o, 1/l/i). */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** A password a person can type: three groups of four, about 59 random bits ({@code k7mq-3xhe-p2dw}). */
    static String newPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    /** How the administrator's token was obtained, for the start-up banner. */
    enum AdminTokenSource {
        ENVIRONMENT,
        GENERATED,
        DATA_DIR
    }

    record AdminToken(
            String token, AdminTokenSource source, @Nullable Path file) {}

    /**
     * The administrator's token: {@code SWITCHBOARD_ADMIN_TOKEN} if set, else the one stored in the data directory,
     * else a new one, stored there (owner-readable only). Its hash is (re)issued in {@code tokens} every start.
     */
    static AdminToken adminToken(Map<String, String> env, Path dataDir, AccessTokens tokens) throws IOException {
        Path file = dataDir.resolve("admin-token");
        AdminToken admin;
        String fromEnv = env.get("SWITCHBOARD_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.trim().length() < 32) {
                throw new IllegalArgumentException("SWITCHBOARD_ADMIN_TOKEN must be at least 32 characters");
            }
            admin = new AdminToken(fromEnv.trim(), AdminTokenSource.ENVIRONMENT, null);
        } else if (Files.exists(file)) {
            admin = new AdminToken(Files.readString(file).trim(), AdminTokenSource.DATA_DIR, file);
        } else {
            admin = new AdminToken(newToken(), AdminTokenSource.GENERATED, file);
            writePrivate(file, admin.token() + "\n");
        }
        tokens.issue(Principal.notAnAgent(ADMIN, Role.ADMIN), admin.token());
        return admin;
    }

    /**
     * Makes the administrator a user of the engine with its token, journaled like every other principal: the name
     * {@value #ADMIN} is then taken in the one name space of agents and users, and the token belongs to it alone.
     */
    static void defineAdministrator(ContactCenter center, AdminToken admin) {
        Reply reply = center.submit(new Command.DefineUser(
                        ADMIN, Role.ADMIN, DefinitionMode.UPSERT, Credential.ofToken(admin.token())))
                .join();
        if (!reply.isAccepted()) {
            LOG.warn(
                    "The administrator could not be defined in the center: {}; its token still works", reply.outcome());
        }
    }

    /**
     * The key answers' envelope senders are signed with ({@code mail.signed-bounces}): 32 random bytes made once and
     * kept in the data directory, owner-readable only, so that bounces of answers sent before a restart or a password
     * change are still recognised.
     */
    static byte[] bounceKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("mail-bounce-key");
        if (!Files.exists(file)) {
            writePrivate(file, newToken() + "\n");
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(Files.readString(file).strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 16) {
            throw new IllegalArgumentException(file + " holds no bounce key (32 random bytes in base64url); delete it"
                    + " and a new one is made, and bounces of answers sent before are then not believed");
        }
        return key;
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
