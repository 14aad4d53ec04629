package org.switchboard.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Hostile messages the probe found, read offline. */
class MailReaderTest {

    private static InboundMail read(String raw) {
        return new MailReader(10 << 20).read(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** 300,000 vertical tabs used to take minutes in a regular expression, again after every restart. */
    @Test
    void aLongRunOfBlanksInHtmlIsReadInLinearTime() {
        String html = "<p>start" + "\u000B".repeat(300_000) + "end</p><p>next   \t</p>\n\n\n\n<p>last</p>";
        String raw = "From: a@example.test\nSubject: x\nContent-Type: text/html; charset=UTF-8\n\n" + html + "\n";

        InboundMail mail = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(raw));

        assertThat(mail.text()).startsWith("start").endsWith("end\nnext\nlast");
        assertThat(HtmlText.tidy("a  \n\n\n\n b \t\r\n")).isEqualTo("a\n\n b");
    }

    @Test
    void aSenderAddressLongerThanSmtpCarriesIsNotUsed() {
        String raw = "From: " + "x".repeat(2_000) + "@example.test\nSubject: hi\n\nhello\n";

        InboundMail mail = read(raw);

        assertThat(mail.from()).isEmpty();
        assertThat(mail.warnings()).anyMatch(w -> w.contains("longer than 254"));
        assertThat(mail.text()).isEqualTo("hello");
    }

    @Test
    void programsAreRefusedHoweverTheirNamesAreDisguised() {
        String raw = """
                From: a@example.test
                Subject: files
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see files
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="setup.exe. "

                MZ
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="run.exe::$DATA"

                MZ
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="invoice\u202Efdp.iso"

                CD001
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="Report: Q3.pdf"

                %PDF
                --b--
                """;

        InboundMail mail = read(raw);

        assertThat(mail.dropped())
                .extracting(InboundMail.Dropped::name)
                .containsExactly("setup.exe", "run.exe", "invoicefdp.iso");
        assertThat(mail.attachments()).extracting(InboundMail.Attachment::name).containsExactly("Report_ Q3.pdf");
    }

    @Test
    void aBatchIsCutSoThatLargeMessagesAreReadAFewAtATime() throws Exception {
        Session session = Session.getInstance(new Properties());
        Message small = message(session, 1_000);
        Message large = message(session, 10 << 20);

        List<Message[]> parts =
                MailboxReader.bySize(new Message[] {small, large, large, large, small, large, large, large});

        assertThat(parts).extracting(p -> p.length).containsExactly(3, 3, 2);
        assertThat(MailboxReader.bySize(new Message[] {message(session, 40 << 20)}))
                .hasSize(1);
    }

    private static Message message(Session session, int bytes) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setText("x".repeat(bytes));
        m.saveChanges();
        return new MimeMessage(session, new java.io.ByteArrayInputStream(toBytes(m)));
    }

    private static byte[] toBytes(MimeMessage m) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
