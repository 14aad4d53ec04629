package org.switchboard.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.EventListener;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.runtime.Outbox;
import org.switchboard.runtime.Projection;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * A real mail server on loopback (GreenMail: SMTP and IMAP with IDLE) holding the center's mailbox {@code
 * help@operator.test} and the subscribers' mailboxes, and a real center on the embedded database.
 */
final class MailFixture implements AutoCloseable {

    static final String HELP = "help@operator.test";
    static final String PASSWORD = "help-secret";
    static final Projection.Kind<Outbox> OUTBOX = Outbox.kind(MailGateway.DELIVERED);

    final GreenMail server =
            new GreenMail(com.icegreen.greenmail.util.ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Map<UUID, Long> ended = new ConcurrentHashMap<>();
    final Map<UUID, String> senderOf = new ConcurrentHashMap<>();
    final Database database;
    ContactCenter center;
    MailGateway gateway;

    MailFixture(Path directory) {
        server.start();
        server.setUser(HELP, "help", PASSWORD);
        server.setUser("anna@example.test", "anna", "anna");
        database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
        center = new ContactCenter(database.journal(), System::currentTimeMillis, 1024);
        center.addProjection(OUTBOX);
        center.addListener((EventListener) (batch, replay) -> {
            for (Event e : batch) {
                if (e instanceof Event.ContactEnded end) {
                    ended.put(end.contactId(), end.atMs());
                }
                if (e instanceof Event.ContactCreated created) {
                    senderOf.put(created.contactId(), created.from());
                }
            }
            if (!replay) {
                events.addAll(batch);
            }
        });
        center.start();
        QueueConfig simple = QueueConfig.simple("email", "E-mail", List.of("email"));
        center.submit(new Command.DefineQueue(new QueueConfig(
                        "email",
                        "E-mail",
                        simple.steps(),
                        new ServiceLevelTarget(4 * 3600, 90, 3600),
                        simple.strategy(),
                        simple.wrapUpSeconds(),
                        simple.offerTimeoutSeconds(),
                        0,
                        simple.plannedAhtSeconds())))
                .join();
        center.submit(new Command.DefineQueue(QueueConfig.simple("roaming", "Roaming", List.of("roaming"))))
                .join();
    }

    /** The display name the center's answers come from. */
    static final String FROM_NAME = "MOTIV Support — Поддержка";

    Mailbox mailbox() {
        return new Mailbox(
                "main",
                HELP,
                "127.0.0.1",
                server.getImap().getPort(),
                "help",
                "127.0.0.1",
                server.getSmtp().getPort(),
                "help",
                PASSWORD,
                false,
                FROM_NAME);
    }

    MailSettings settings(boolean acknowledge) {
        return settings(acknowledge, false);
    }

    /** With {@code signedBounces}, signed with {@link #BOUNCE_KEY}. */
    MailSettings settings(boolean acknowledge, boolean signedBounces) {
        MailSettings plain = new MailSettings(
                List.of(mailbox()),
                "email",
                List.of(new MailSettings.Route("subject", "roaming", "roaming")),
                14,
                MailSettings.DEFAULT_MAX_ATTACHMENT_BYTES,
                Duration.ofSeconds(2),
                acknowledge,
                Set.of(),
                100);
        return signedBounces ? signed(plain).withBounceKey(BOUNCE_KEY) : plain;
    }

    static final byte[] BOUNCE_KEY = "a test key of the bounce signatures".getBytes(StandardCharsets.UTF_8);

    private static MailSettings signed(MailSettings s) {
        return new MailSettings(
                s.mailboxes(),
                s.queue(),
                s.routes(),
                s.reopenDays(),
                s.maxAttachmentBytes(),
                s.poll(),
                s.acknowledge(),
                s.acknowledgeQueues(),
                s.senderLimitPerHour(),
                true,
                null);
    }

    Senders senders() {
        return new Senders() {
            @Override
            public java.util.Optional<Subscriber> byAddress(String address) {
                return address.equals("anna@example.test")
                        ? java.util.Optional.of(new Subscriber("+79120000001", "Motiv Smart"))
                        : java.util.Optional.empty();
            }

            @Override
            public OptionalLong endedAt(UUID contactId, String sender) {
                Long at = ended.get(contactId);
                return at == null || !sender.equalsIgnoreCase(senderOf.get(contactId))
                        ? OptionalLong.empty()
                        : OptionalLong.of(at);
            }
        };
    }

    MailGateway start(boolean acknowledge) {
        return start(settings(acknowledge));
    }

    MailGateway start(MailSettings settings) {
        gateway = MailGateway.start(
                settings,
                new InProcessChannelPort(center, "mail"),
                center.projection(OUTBOX),
                senders(),
                database.attachments());
        return gateway;
    }

    /** Sends {@code raw} (a whole message, CRLF or LF) to the help mailbox over SMTP, unchanged. */
    void deliver(String raw) throws Exception {
        deliver(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void deliver(byte[] raw) throws Exception {
        Properties envelope = new Properties();
        envelope.put("mail.smtp.from", "sender@example.test"); // the envelope's, whatever the From header says
        Session session = Session.getInstance(envelope);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", server.getSmtp().getPort(), null, null);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(HELP)});
        }
    }

    /** The messages in {@code user}'s inbox, copied so that they can be read after the folder closes. */
    List<Message> inbox(String user, String password) throws Exception {
        List<Message> copies = new java.util.ArrayList<>();
        readInbox(user, password, all -> {
            for (Message m : all) {
                copies.add(new MimeMessage((MimeMessage) m));
            }
        });
        return copies;
    }

    /** The seen flag of each message in {@code user}'s inbox; reads no content (some may be malformed). */
    List<Boolean> seenFlags(String user, String password) throws Exception {
        List<Boolean> seen = new java.util.ArrayList<>();
        readInbox(user, password, all -> {
            for (Message m : all) {
                seen.add(m.isSet(Flags.Flag.SEEN));
            }
        });
        return seen;
    }

    private interface FolderReader {
        void read(Message[] messages) throws Exception;
    }

    private void readInbox(String user, String password, FolderReader reader) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", server.getImap().getPort(), user, password);
        try {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            reader.read(folder.getMessages());
            folder.close(false);
        } finally {
            store.close();
        }
    }

    /** Anna's inbox, waiting until it holds {@code count} messages. */
    List<Message> awaitAnnasMail(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<Message> mail = inbox("anna", "anna");
            if (mail.size() >= count || System.nanoTime() > deadline) {
                assertThat(mail).as("anna's inbox").hasSizeGreaterThanOrEqualTo(count);
                return mail;
            }
            Thread.sleep(50);
        }
    }

    /** Waits until every message in the help mailbox is flagged seen. */
    void awaitAllSeen(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<Boolean> seen = seenFlags("help", PASSWORD);
            if (seen.size() == count && !seen.contains(false)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("seen flags: " + seen);
            }
            Thread.sleep(50);
        }
    }

    UUID answer(UUID contact, String text) {
        UUID message = ContactIds.next(System.currentTimeMillis());
        assertThat(center.submit(new Command.SendMessage(contact, message, null, "sue", text))
                        .join()
                        .outcome()
                        .isAccepted())
                .isTrue();
        return message;
    }

    <E extends Event> E awaitEvent(Class<E> type, Predicate<E> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (Event event : events) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " came; events: " + events);
    }

    long count(Class<? extends Event> type) {
        return events.stream().filter(type::isInstance).count();
    }

    <E extends Event> long count(Class<E> type, java.util.function.Predicate<E> which) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(which)
                .count();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        center.close();
        database.close();
        server.stop();
    }
}
