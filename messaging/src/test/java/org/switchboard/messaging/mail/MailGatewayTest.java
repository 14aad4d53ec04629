package org.switchboard.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.MessageStatus;

/** The e-mail channel against a real IMAP/SMTP server on loopback (GreenMail), with a real center. */
class MailGatewayTest {

    @TempDir
    Path directory;

    private MailFixture mail;

    @AfterEach
    void stop() {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aMessageBecomesAContactAndTheAnswerAndTheReplyStayInItsThread() throws Exception {
        mail = new MailFixture(directory);
        mail.start(true);
        mail.deliver("""
                From: Anna Petrova <Anna@Example.test>
                To: help@operator.test
                Subject: Internet does not work
                Message-ID: <first-1@example.test>
                Content-Type: text/plain; charset=UTF-8

                Since yesterday the internet is off.
                """);

        Event.ContactCreated created = mail.awaitEvent(Event.ContactCreated.class, e -> true);
        assertThat(created.channel()).isEqualTo(Channel.EMAIL);
        assertThat(created.from()).isEqualTo("anna@example.test");
        assertThat(created.subscriberId())
                .as("matched by her registered address")
                .isEqualTo("+79120000001");
        assertThat(created.queueId()).isEqualTo("email");
        assertThat(created.attributes())
                .containsEntry("subject", "Internet does not work")
                .containsEntry("name", "Anna Petrova")
                .containsEntry("mail.message-id", "first-1@example.test");
        Event.MessageReceived first = mail.awaitEvent(Event.MessageReceived.class, e -> true);
        assertThat(first.text()).isEqualTo("Since yesterday the internet is off.");
        assertThat(first.externalId()).isEqualTo("first-1@example.test");
        mail.awaitAllSeen(1);

        Message acknowledgement = mail.awaitAnnasMail(1).getFirst();
        assertThat(acknowledgement.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(acknowledgement.getSubject()).isEqualTo("Re: Internet does not work [#" + created.contactId() + "]");
        assertThat(acknowledgement.getContent().toString()).contains("We usually answer within 4 hours");

        UUID answer = mail.answer(created.contactId(), "Please restart the phone — Перезагрузите телефон.");
        Message delivered = mail.awaitAnnasMail(2).get(1);
        assertThat(delivered.getSubject()).isEqualTo("Re: Internet does not work [#" + created.contactId() + "]");
        assertThat(delivered.getHeader("In-Reply-To")).containsExactly("<first-1@example.test>");
        assertThat(delivered.getHeader("Message-ID"))
                .containsExactly("<sb." + created.contactId() + "." + answer + "@operator.test>");
        InternetAddress from = (InternetAddress) delivered.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(MailFixture.HELP);
        assertThat(from.getPersonal()).isEqualTo(MailFixture.FROM_NAME); // encoded on the wire, read back whole
        assertThat(delivered.getContent().toString().strip())
                .isEqualTo("Please restart the phone — Перезагрузите телефон.");
        assertThat(mail.awaitEvent(
                                Event.MessageStatusChanged.class,
                                e -> e.messageId().equals(answer))
                        .status())
                .isEqualTo(MessageStatus.SUBMITTED);

        mail.deliver("""
                From: anna@example.test
                To: help@operator.test
                Subject: Re: Internet does not work [#%s]
                Message-ID: <second-2@example.test>
                In-Reply-To: <sb.%s.%s@operator.test>
                Content-Type: text/plain; charset=UTF-8

                It works now, thank you!
                """.formatted(created.contactId(), created.contactId(), answer));
        Event.MessageReceived reply =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.text().startsWith("It works"));
        assertThat(reply.contactId()).as("the reply continues the conversation").isEqualTo(created.contactId());
        assertThat(mail.count(Event.ContactCreated.class)).isOne();
        // counted once the center answered the intake, which may be just after the event was seen
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (mail.gateway.figure("continued") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(mail.gateway.figure("continued")).isOne();
    }

    @Test
    void aReplyToAClosedConversationOpensAContactThatNamesItsParent() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver(plain("<one@example.test>", "Roaming in Turkey", "Is roaming on?"));
        Event.ContactCreated first = mail.awaitEvent(Event.ContactCreated.class, e -> true);
        assertThat(first.queueId()).as("routed by a subject word").isEqualTo("roaming");
        mail.center
                .submit(new Command.AbandonContact(first.contactId(), "closed"))
                .join();
        mail.awaitEvent(Event.ContactEnded.class, e -> true);

        mail.deliver(plain("<two@example.test>", "Re: Roaming in Turkey [#" + first.contactId() + "]", "Still off."));
        Event.ContactCreated second =
                mail.awaitEvent(Event.ContactCreated.class, e -> !e.contactId().equals(first.contactId()));
        assertThat(second.parentId()).isEqualTo(first.contactId());
        assertThat(mail.center.view().contact(second.contactId()).orElseThrow().parentId())
                .isEqualTo(first.contactId());

        // a stranger naming the same closed contact gets a contact of their own, not a window into anna's
        mail.deliver(plain("<three@example.test>", "Re: Roaming in Turkey [#" + first.contactId() + "]", "Me too.")
                .replace("From: anna@example.test", "From: mallory@example.test"));
        Event.ContactCreated stranger =
                mail.awaitEvent(Event.ContactCreated.class, e -> e.from().equals("mallory@example.test"));
        assertThat(stranger.parentId()).isNull();
    }

    @Test
    void htmlOnlyMailIsReadSafelyAndRussianCharsetsReadCorrectly() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver("""
                From: boris@example.test
                To: help@operator.test
                Subject: =?UTF-8?B?0JHQsNC70LDQvdGB?=
                Message-ID: <html@example.test>
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p{color:red}</style><script>alert(1)</script></head>
                <body><p>Hello,</p><p>my <b>balance</b> is wrong<img src="http://tracker.example/x.png"></p>
                <div onclick="steal()">Thanks</div></body></html>
                """);
        byte[] cp1251 = raw(
                "<cp1251@example.test>",
                "=?windows-1251?B?" + b64("Счёт за май", "windows-1251") + "?=",
                "windows-1251",
                "Здравствуйте! Почему списали 300 рублей?");
        mail.deliver(cp1251);
        byte[] koi8 =
                raw("<koi8@example.test>", "=?KOI8-R?Q?=F4=C1=D2=C9=C6?=", "KOI8-R", "Смените мне тариф, пожалуйста.");
        mail.deliver(koi8);

        Event.MessageReceived html =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.externalId().equals("html@example.test"));
        assertThat(html.text()).isEqualTo("Hello,\nmy balance is wrong\nThanks");
        Event.MessageReceived windows =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.externalId().equals("cp1251@example.test"));
        assertThat(windows.text()).isEqualTo("Здравствуйте! Почему списали 300 рублей?");
        Event.MessageReceived russian =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.externalId().equals("koi8@example.test"));
        assertThat(russian.text()).isEqualTo("Смените мне тариф, пожалуйста.");
        List<String> subjects = mail.events.stream()
                .filter(e -> e instanceof Event.ContactCreated)
                .map(e -> ((Event.ContactCreated) e).attributes().get("subject"))
                .toList();
        assertThat(subjects).containsExactlyInAnyOrder("Баланс", "Счёт за май", "Тариф");
    }

    @Test
    void aNoticeLikeAConfirmationCodeIsMailedAtOnceAndMarkedAutomatic() throws Exception {
        mail = new MailFixture(directory);
        MailGateway gateway = mail.start(false);

        boolean sent = gateway.sendNotice("anna@example.test", "МОТИВ: подтверждение адреса", "Код: 123456");

        assertThat(sent).isTrue();
        Message notice = mail.awaitAnnasMail(1).getFirst();
        assertThat(notice.getSubject()).isEqualTo("МОТИВ: подтверждение адреса");
        assertThat(notice.getContent().toString()).contains("Код: 123456");
        assertThat(notice.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(gateway.sendNotice("not an address", "x", "y")).isFalse();
    }

    /** Old mail programs send 8-bit Russian with no charset at all; IMAP servers report such a part as US-ASCII. */
    @Test
    void undeclaredEightBitRussianIsReadInTheCodePageThatFits() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver(undeclared(
                "<old-1251@example.test>",
                "Пётр Старый",
                "Жалоба на связь",
                "Добрый день. Не могу дозвониться.",
                "windows-1251"));
        mail.deliver(undeclared(
                "<old-koi8@example.test>", "Пётр", "Смена тарифа", "Смените мне тариф, пожалуйста.", "KOI8-R"));

        Event.MessageReceived windows =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.externalId().equals("old-1251@example.test"));
        Event.MessageReceived koi8 =
                mail.awaitEvent(Event.MessageReceived.class, e -> e.externalId().equals("old-koi8@example.test"));

        assertThat(windows.text()).isEqualTo("Добрый день. Не могу дозвониться.");
        assertThat(koi8.text()).isEqualTo("Смените мне тариф, пожалуйста.");
        // GreenMail's IMAP turns raw 8-bit header bytes into '?': DovecotIdleTest reads such headers as Dovecot sends
        // them
    }

    private static byte[] undeclared(String messageId, String name, String subject, String text, String charset) {
        Charset cs = Charset.forName(charset);
        String head = "From: " + name + " <petr@example.test>\nTo: help@operator.test\nSubject: " + subject
                + "\nMessage-ID: " + messageId + "\nMIME-Version: 1.0\nContent-Type: text/plain\n"
                + "Content-Transfer-Encoding: 8bit\n\n" + text + "\n";
        return head.getBytes(cs);
    }

    @Test
    void anAttachmentOverTheLimitIsDroppedTheContactStillMadeAndTheSenderToldPolitely() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        byte[] big = new byte[20 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        String message = """
                From: anna@example.test
                To: help@operator.test
                Subject: Documents
                Message-ID: <docs@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                My contract and a video of the problem.
                --b1
                Content-Type: application/pdf; name="contract.pdf"
                Content-Disposition: attachment; filename="contract.pdf"
                Content-Transfer-Encoding: base64

                %s
                --b1
                Content-Type: video/mp4; name="problem.mp4"
                Content-Disposition: attachment; filename="problem.mp4"
                Content-Transfer-Encoding: base64

                %s
                --b1--
                """.formatted(
                        Base64.getMimeEncoder().encodeToString("%PDF-1.4 contract".getBytes(StandardCharsets.US_ASCII)),
                        Base64.getMimeEncoder().encodeToString(big));
        mail.deliver(message);

        Event.MessageReceived received = mail.awaitEvent(Event.MessageReceived.class, e -> true);
        assertThat(received.text())
                .startsWith("My contract and a video of the problem.")
                .contains("[attached: contract.pdf, 17 B]")
                .contains("[not accepted: problem.mp4");
        var stored = mail.database.attachments().of(received.contactId());
        assertThat(stored).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("contract.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(a.messageId()).isEqualTo(received.messageId());
        });
        assertThat(mail.database
                        .attachments()
                        .open(received.contactId(), stored.getFirst().id())
                        .orElseThrow()
                        .content())
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("%PDF-1.4 contract");
        Message polite = mail.awaitAnnasMail(1).getFirst();
        assertThat(polite.getContent().toString())
                .contains("problem.mp4")
                .contains("attachments may be at most 10.0 MB")
                .contains("Your message itself has reached us");
        assertThat(polite.getHeader("Auto-Submitted")).containsExactly("auto-replied");
    }

    @Test
    void withSignedBouncesOnlyABounceToTheAnswersOwnAddressFailsIt() throws Exception {
        mail = new MailFixture(directory);
        Mailbox signed = mail.mailbox();
        byte[] key = MailFixture.BOUNCE_KEY;
        mail.start(mail.settings(false, true));
        mail.deliver(plain("<q@example.test>", "Question", "Hello?"));
        Event.ContactCreated contact = mail.awaitEvent(Event.ContactCreated.class, e -> true);
        UUID answer = mail.answer(contact.contactId(), "Hello!");
        mail.awaitEvent(Event.MessageStatusChanged.class, e -> e.messageId().equals(answer));
        String returnTo = BounceAddress.of(key, signed, answer);
        assertThat(returnTo).startsWith("help+b").endsWith("@operator.test").matches("[a-z0-9+]{1,64}@operator\\.test");
        assertThat(mail.awaitAnnasMail(1).getFirst().getHeader("Return-Path"))
                .as("the envelope sender the recipient's server returns a bounce to")
                .containsExactly("<" + returnTo + ">");
        assertThat(BounceAddress.of(key, signed, UUID.randomUUID())).isNotEqualTo(returnTo);

        String bounce = """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: help@operator.test
                Delivered-To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                %s
                --r
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; anna@example.test
                Action: failed
                --r
                Content-Type: text/rfc822-headers

                Message-ID: <sb.%s.%s@operator.test>
                --r--
                """;
        // forged: it knows the answer's Message-ID and its recipient, but came to the mailbox's plain address, or to
        // a signed address of another answer, or to this one's with a signature made up
        String otherAnswers = BounceAddress.of(key, signed, UUID.randomUUID());
        String madeUp = returnTo.substring(0, returnTo.indexOf('@') - 1) + "a@operator.test";
        for (String forgedTo : List.of(MailFixture.HELP, otherAnswers, madeUp.equals(returnTo) ? "x" : madeUp)) {
            mail.deliver(bounce.formatted(
                    forgedTo, UUID.randomUUID(), "Your answer never arrived.", contact.contactId(), answer));
        }
        mail.deliver(bounce.formatted(
                returnTo, "real", "The mailbox anna@example.test is full.", contact.contactId(), answer));

        Event.MessageStatusChanged failed =
                mail.awaitEvent(Event.MessageStatusChanged.class, e -> e.status() == MessageStatus.FAILED);
        assertThat(failed.messageId()).isEqualTo(answer);
        assertThat(failed.detail()).contains("The mailbox anna@example.test is full.");
        mail.awaitAllSeen(5);
        assertThat(mail.gateway.figure("bounce_unmatched"))
                .as("the three forged bounces")
                .isEqualTo(3);
        assertThat(mail.count(Event.MessageStatusChanged.class, e -> e.status() == MessageStatus.FAILED))
                .isOne();
    }

    @Test
    void signedBouncesNeedRoomInTheAddressAndAreSignedWithTheCentersKey() {
        Mailbox longName = new Mailbox(
                "main",
                "customer.support.department@operator.test",
                "127.0.0.1",
                143,
                "help",
                "127.0.0.1",
                25,
                "help",
                "secret",
                false);
        assertThatThrownBy(() -> new MailSettings(
                        List.of(longName),
                        "email",
                        List.of(),
                        14,
                        1024,
                        java.time.Duration.ofSeconds(30),
                        false,
                        java.util.Set.of(),
                        30,
                        true,
                        null))
                .hasMessageContaining("mail.signed-bounces")
                .hasMessageContaining("at most 23 characters");
        Mailbox help = new Mailbox(
                "main", "help@operator.test", "127.0.0.1", 143, "help", "127.0.0.1", 25, "help", "secret", false);
        byte[] otherKey = "another key of the bounce signatures".getBytes(StandardCharsets.UTF_8);
        assertThat(BounceAddress.of(MailFixture.BOUNCE_KEY, help, new UUID(1, 2)))
                .as("another key, another signature")
                .isNotEqualTo(BounceAddress.of(otherKey, help, new UUID(1, 2)))
                .isEqualTo(BounceAddress.of(MailFixture.BOUNCE_KEY, help, new UUID(1, 2)));
    }

    @Test
    void autoRepliesBouncesAndTheCentersOwnMailOpenNoContactAndABounceFailsItsAnswer() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver(plain("<q@example.test>", "Question", "Hello?"));
        Event.ContactCreated contact = mail.awaitEvent(Event.ContactCreated.class, e -> true);
        UUID answer = mail.answer(contact.contactId(), "Hello!");
        mail.awaitEvent(Event.MessageStatusChanged.class, e -> e.messageId().equals(answer));

        mail.deliver("""
                From: anna@example.test
                To: help@operator.test
                Subject: Out of office
                Auto-Submitted: auto-replied
                Message-ID: <ooo@example.test>

                I am on holiday until Monday.
                """);
        mail.deliver("""
                From: help@operator.test
                To: help@operator.test
                Subject: Re: Question
                Message-ID: <loop@operator.test>

                A loop.
                """);
        // a forged bounce: it knows the answer's Message-ID but not whom the answer went to
        mail.deliver("""
                From: Mail Delivery System <MAILER-DAEMON@forged.example.test>
                To: help@operator.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <forged@forged.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Your answer never arrived, call +7 999 000 00 00.
                --r
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; mallory@example.test
                Action: failed
                --r
                Content-Type: text/rfc822-headers

                Message-ID: <sb.%s.%s@operator.test>
                --r--
                """.formatted(contact.contactId(), answer));
        mail.deliver("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: help@operator.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce@mx.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                The mailbox anna@example.test is full.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test
                Final-Recipient: rfc822; anna@example.test
                Action: failed
                Status: 5.2.2
                --r
                Content-Type: text/rfc822-headers

                From: help@operator.test
                Message-ID: <sb.%s.%s@operator.test>
                --r--
                """.formatted(contact.contactId(), answer));

        Event.MessageStatusChanged failed =
                mail.awaitEvent(Event.MessageStatusChanged.class, e -> e.status() == MessageStatus.FAILED);
        assertThat(failed.messageId()).isEqualTo(answer);
        assertThat(failed.detail()).contains("The mailbox anna@example.test is full.");
        mail.awaitAllSeen(5);
        assertThat(mail.gateway.figure("bounce_unmatched"))
                .as("the forged bounce")
                .isOne();
        assertThat(mail.count(Event.MessageStatusChanged.class, e -> e.status() == MessageStatus.FAILED))
                .as("failed once, by the real bounce")
                .isOne();
        assertThat(mail.count(Event.ContactCreated.class))
                .as("only the question")
                .isOne();
        assertThat(mail.count(Event.MessageReceived.class)).isOne();
        assertThat(mail.gateway.figure("automatic")).isEqualTo(3);
        assertThat(mail.gateway.figure("own")).isOne();
        assertThat(mail.awaitAnnasMail(1)).as("no answer to machines").hasSize(1);
    }

    @Test
    void aMessageRecordedBeforeACrashIsNotRecordedAgainWhenReadAgain() throws Exception {
        mail = new MailFixture(directory);
        mail.deliver(plain("<once@example.test>", "Once", "Only once, please."));
        // the crash: the intake recorded the message, the server never flagged it seen
        MailIntake intake = new MailIntake(
                mail.settings(false),
                new org.switchboard.runtime.InProcessChannelPort(mail.center, "mail"),
                mail.senders(),
                mail.database.attachments(),
                what -> {},
                new MailIntake.Acknowledgements() {
                    @Override
                    public void opened(Mailbox m, InboundMail i, UUID c, String q, List<InboundMail.Dropped> d) {}

                    @Override
                    public void dropped(Mailbox m, InboundMail i, UUID c, List<InboundMail.Dropped> d) {}
                });
        Message unread = mail.inbox("help", MailFixture.PASSWORD).getFirst();
        InboundMail read = new MailReader(1 << 20).read(unread);
        assertThat(intake.take(List.of(new MailIntake.Received(read, mail.mailbox()))))
                .containsExactly(MailIntake.Result.DONE);
        assertThat(mail.seenFlags("help", MailFixture.PASSWORD)).containsExactly(false);

        mail.start(false);
        mail.awaitAllSeen(1);
        assertThat(mail.gateway.figure("duplicate")).isOne();
        assertThat(mail.count(Event.ContactCreated.class)).isOne();
    }

    @Test
    void aStrangersMessageWithTheSameMessageIdDoesNotSuppressTheSubscribersOne() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver("""
                From: mallory@example.test
                To: help@operator.test
                Subject: First
                Message-ID: <guessed@example.test>
                Content-Type: text/plain; charset=UTF-8

                I came first with anna's Message-ID.
                """);
        mail.deliver(plain("<guessed@example.test>", "Real", "Anna's real message."));
        mail.deliver(plain("<guessed@example.test>", "Real", "Anna's real message."));

        mail.awaitEvent(Event.MessageReceived.class, e -> e.text().equals("Anna's real message."));
        mail.awaitAllSeen(3);
        assertThat(mail.count(Event.ContactCreated.class))
                .as("mallory's and anna's")
                .isEqualTo(2);
        assertThat(mail.gateway.figure("duplicate")).as("anna's second copy").isOne();
    }

    @Test
    void malformedMimeBecomesAContactWithWhatCouldBeReadAndAWarning() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        mail.deliver("""
                From: "broken <<@@example
                To: help@operator.test
                Subject: =?x-unknown-charset?Q?abc?=
                Message-ID: <broken@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-closed"

                --never-closed
                Content-Type: text/plain; charset=no-such-charset

                I can still be read.
                --never-closed
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="x.bin"

                ***not base64***
                """);
        mail.deliver(plain("<after@example.test>", "After", "The channel goes on."));

        Event.MessageReceived broken =
                mail.awaitEvent(Event.MessageReceived.class, e -> "broken@example.test".equals(e.externalId()));
        assertThat(broken.text()).startsWith("I can still be read.").contains("[warning:");
        mail.awaitEvent(Event.MessageReceived.class, e -> e.text().equals("The channel goes on."));
        mail.awaitAllSeen(2);
    }

    // ---------------------------------------------------------------- messages

    private static String plain(String messageId, String subject, String text) {
        return """
                From: anna@example.test
                To: help@operator.test
                Subject: %s
                Message-ID: %s
                Content-Type: text/plain; charset=UTF-8

                %s
                """.formatted(subject, messageId, text);
    }

    private static byte[] raw(String messageId, String encodedSubject, String charset, String text) {
        String head = """
                From: anna@example.test
                To: help@operator.test
                Subject: %s
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=%s
                Content-Transfer-Encoding: 8bit

                """.formatted(encodedSubject, messageId, charset);
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] body = (text + "\n").getBytes(Charset.forName(charset));
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static String b64(String text, String charset) {
        return Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset)));
    }
}
