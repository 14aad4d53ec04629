package org.switchboard.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Event;

/**
 * The IMAP IDLE path against Debian's Dovecot (installed by .ci/run), run unprivileged by the test with its own
 * configuration and port, mail delivered the Maildir way (a file moved into {@code new/}): with the poll at a minute,
 * the message becomes a contact within seconds only because the server told the waiting IDLE, and the message is then
 * flagged seen on the server ({@code :2,S} in {@code cur/}).
 */
class DovecotIdleTest {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

    @TempDir
    Path directory;

    private Process dovecot;
    private MailFixture mail;

    @AfterEach
    void stop() throws Exception {
        if (mail != null) {
            mail.close();
        }
        if (dovecot != null) {
            dovecot.destroy();
            if (!dovecot.waitFor(10, TimeUnit.SECONDS)) {
                dovecot.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aMessageDeliveredToTheMaildirBecomesAContactThroughIdleNotThroughThePoll() throws Exception {
        assertThat(Files.isExecutable(DOVECOT))
                .as("Dovecot is not installed (.ci/run installs it: apt-get install dovecot-imapd)")
                .isTrue();
        Path maildir = directory.resolve("mail/help/Maildir");
        int port = startDovecot(maildir);
        mail = new MailFixture(directory.resolve("center"));
        Mailbox dovecotMailbox = new Mailbox(
                "main",
                MailFixture.HELP,
                "127.0.0.1",
                port,
                "help",
                "127.0.0.1",
                mail.server.getSmtp().getPort(),
                "help",
                MailFixture.PASSWORD,
                false);
        MailGateway gateway = mail.start(new MailSettings(
                List.of(dovecotMailbox),
                "email",
                List.of(),
                14,
                1 << 20,
                Duration.ofSeconds(60),
                false,
                java.util.Set.of(),
                100));
        awaitIdle(gateway);

        deliver(maildir, """
                From: anna@example.test
                To: help@operator.test
                Subject: =?KOI8-R?B?8s/VzcnOxw==?=
                Message-ID: <dovecot-1@example.test>
                Content-Type: text/plain; charset=UTF-8

                Письмо через Dovecot.
                """);
        long sent = System.nanoTime();
        Event.MessageReceived received =
                mail.awaitEvent(Event.MessageReceived.class, e -> "dovecot-1@example.test".equals(e.externalId()));

        assertThat(received.text()).isEqualTo("Письмо через Dovecot.");
        assertThat(mail.awaitEvent(Event.ContactCreated.class, e -> true).attributes())
                .containsEntry("subject", "Роуминг");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent))
                .as("IDLE told the reader; a poll would have taken a minute (the test's own wait is 20 s)")
                .isLessThan(30);
        awaitSeen(maildir);
        assertThat(gateway.health().toString()).contains("idle=true");

        // an old mail program: 8-bit windows-1251 with no charset, raw in the subject and the sender's name too
        deliver(maildir, """
                From: Пётр Старый <petr@example.test>
                To: help@operator.test
                Subject: Жалоба на связь
                Message-ID: <dovecot-2@example.test>
                MIME-Version: 1.0
                Content-Type: text/plain
                Content-Transfer-Encoding: 8bit

                Добрый день. Не могу дозвониться.
                """, java.nio.charset.Charset.forName("windows-1251"));
        Event.MessageReceived old =
                mail.awaitEvent(Event.MessageReceived.class, e -> "dovecot-2@example.test".equals(e.externalId()));
        assertThat(old.text()).isEqualTo("Добрый день. Не могу дозвониться.");
        assertThat(mail.awaitEvent(
                                Event.ContactCreated.class,
                                e -> "dovecot-2@example.test"
                                        .equals(e.attributes().get("mail.message-id")))
                        .attributes())
                .containsEntry("subject", "Жалоба на связь")
                .containsEntry("name", "Пётр Старый");
    }

    /** Starts Dovecot in the foreground on a free loopback port, as the test's user (root: its own users). */
    private int startDovecot(Path maildir) throws Exception {
        Path home = Files.createDirectories(directory.resolve("dovecot"));
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(home.resolve("users"), "help:{PLAIN}" + MailFixture.PASSWORD + "\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        String user = root ? "dovecot" : System.getProperty("user.name");
        String loginUser = root ? "dovenull" : user;
        if (root) { // Dovecot never reads mail as root: the mailbox belongs to its own user
            own(directory.resolve("mail"), user);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        int port = freePort();
        Path config = home.resolve("dovecot.conf");
        Files.writeString(
                config, """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                first_valid_uid = 1
                first_valid_gid = 1
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                mail_location = maildir:%2$s
                default_internal_user = %3$s
                default_login_user = %4$s
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/users
                }
                userdb {
                  driver = static
                  args = uid=%3$s gid=%5$s home=%1$s
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %6$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service stats {
                  unix_listener stats-reader {
                    mode = 0666
                  }
                  unix_listener stats-writer {
                    mode = 0666
                  }
                }
                """.formatted(home, maildir, user, loginUser, root ? "dovecot" : groupOf(home), port));
        dovecot = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                assertThat(dovecot.isAlive())
                        .as(
                                "dovecot stopped: %s %s",
                                read(home.resolve("stdout.log")), read(home.resolve("dovecot.log")))
                        .isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("dovecot did not listen: " + read(home.resolve("dovecot.log")));
    }

    private static void own(Path tree, String user) throws IOException {
        UserPrincipalLookupService lookup = tree.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path path : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
    }

    private static String groupOf(Path path) throws IOException {
        return Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class)
                .group()
                .getName();
    }

    /** Maildir delivery: written in {@code tmp/}, then moved into {@code new/} in one step. */
    private static void deliver(Path maildir, String message) throws IOException {
        deliver(maildir, message, StandardCharsets.UTF_8);
    }

    private static void deliver(Path maildir, String message, java.nio.charset.Charset charset) throws IOException {
        String name = System.nanoTime() + ".M1P1.switchboard-test";
        Path tmp = maildir.resolve("tmp").resolve(name);
        Files.write(tmp, message.replace("\n", "\r\n").getBytes(charset));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.move(tmp, maildir.resolve("new").resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitIdle(MailGateway gateway) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!gateway.health().toString().contains("state=idle")) {
            assertThat(System.nanoTime())
                    .as("reader state: %s", gateway.health())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitSeen(Path maildir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Stream<Path> files = Files.list(maildir.resolve("cur"))) {
                if (files.anyMatch(f -> f.getFileName().toString().matches(".*:2,[A-Z]*S[A-Z]*"))) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("the message flagged seen in cur/").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
