package org.switchboard.messaging.mail;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;
import org.switchboard.core.view.RoutingView;

/**
 * Mail as senders write it, and worse: realistic messages (Russian code pages, HTML, attachments, a forward, a
 * bounce, folded and raw 8-bit headers, deep nesting) mutated under a fixed seed, so every run reads the same inputs.
 * Holds that the reader never throws or hangs and keeps its limits whatever it is given, and that what it reads
 * always makes commands the center's checks accept: no mail is lost to a value the reader produced. Inputs that once
 * broke this are kept as named cases below.
 */
class MailFuzzTest {

    private static final long SEED = 0x5B17_C4B0_A2DL;
    private static final int MUTANTS_PER_SEED = 80;
    /** Small, so that the corpus has attachments on both sides of it. */
    private static final long MAX_ATTACHMENT_BYTES = 8 * 1024;

    private static final long HANG_SECONDS = 10;
    private static final Charset KOI8_R = Charset.forName("KOI8-R");
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final UUID CONTACT = UUID.fromString("0191d5a0-7c1e-7000-8000-00000000c0de");
    private static final UUID ANSWER = UUID.fromString("0191d5a0-7c1e-7000-8000-0000000a5e12");
    private static final String OUR_ID = "sb." + CONTACT + "." + ANSWER + "@operator.test";

    @TempDir
    Path directory;

    private MailFixture mail;

    @AfterEach
    void stop() {
        if (mail != null) {
            mail.close();
        }
    }

    // ---------------------------------------------------------------- the fuzz

    @Test
    void whateverTheSenderWroteTheReaderNeitherThrowsNorHangsAndKeepsItsLimits() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Read read : reads()) {
            String problem = read.mail() == null ? read.failure() : broken(read.mail());
            if (problem != null) {
                broken.add(keep(read.input(), problem));
            }
        }
        assertThat(broken).as("inputs that broke the reader's promises").isEmpty();
    }

    @Test
    void whatTheReaderReadsAlwaysMakesCommandsTheCenterAccepts() throws Exception {
        List<String> lost = new ArrayList<>();
        int opened;
        try (Intake intake = new Intake()) {
            for (Read read : reads()) {
                String refused = read.mail() == null ? null : intake.refusal(read.mail());
                if (refused != null) {
                    lost.add(keep(read.input(), refused));
                }
            }
            opened = intake.center.opened;
        }
        assertThat(lost).as("mail the intake could not take").isEmpty();
        assertThat(opened).as("conversations opened, their commands checked").isGreaterThan(reads().size() / 2);
    }

    /** A few of the mutants through a real mailbox (GreenMail's IMAP) and a real center: the production path. */
    @Test
    void aHandfulOfMangledMessagesThroughARealMailboxAreAllTaken() throws Exception {
        mail = new MailFixture(directory);
        mail.start(false);
        List<Input> all = corpus();
        int delivered = 0;
        for (int i = 0; i < all.size() && delivered < 20; i += MUTANTS_PER_SEED / 2 + 1) {
            // an id of its own, or the mutants of one seed are taken as one message, the rest as repeats
            String id = "Message-ID: <mangled-" + i + "@example.test>\r\n";
            mail.deliver((id + new String(all.get(i).raw(), ISO_8859_1)).getBytes(ISO_8859_1));
            delivered++;
        }

        mail.awaitAllSeen(delivered);
        Map<String, Long> figures = mail.gateway.figures();
        assertThat(figures.getOrDefault("unreadable", 0L))
                .as("mail lost: " + figures)
                .isZero();
        assertThat(java.util.stream.Stream.of("opened", "continued", "duplicate", "automatic", "own")
                        .mapToLong(what -> figures.getOrDefault(what, 0L))
                        .sum())
                .as("each message opened a contact, continued one or was set aside: " + figures)
                .isEqualTo(delivered);
        assertThat(figures.getOrDefault("opened", 0L)).isGreaterThan(delivered / 2);
    }

    // ---------------------------------------------------------------- inputs that broke it once

    /** Reads {@code text}, written with LF, its characters the message's bytes (ISO-8859-1). */
    private static InboundMail read(String text) {
        return new MailReader(MAX_ATTACHMENT_BYTES).read(crlf(text).getBytes(ISO_8859_1));
    }

    /**
     * {@code \p{Cntrl}} is only ASCII's controls: a C1 control (U+0080..U+009F) stayed in a subject when a raw byte
     * broke an encoded word's charset name and the header was shown as it came (found as {@code html-only#57}: a byte
     * 0x8D in {@code =?windows-1251?B?...?=}), and when an encoded word held one; a file name kept it too, and a line
     * separator stayed in either.
     */
    @Test
    void aControlCharacterBeyondAsciiStaysNeitherInTheSubjectNorInAFileName() {
        InboundMail encoded = read("""
                From: anna@example.test
                Subject: =?ISO-8859-1?Q?a=85b=00c?= =?UTF-8?Q?d=E2=80=A8e?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see the file
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''report%C2%85%E2%80%A8.pdf

                %PDF
                --b--
                """);
        InboundMail broken = read("From: anna@example.test\nSubject: =?KOI8-R\u0085?B?883FzsEg1MHSycbB?=\n\nhi\n");

        assertThat(encoded.subject()).isEqualTo("a b cd e");
        assertThat(encoded.attachments())
                .extracting(InboundMail.Attachment::name)
                .containsExactly("report.pdf");
        assertThat(broken.subject()).startsWith("=?KOI8-R").doesNotContainPattern("\\p{Cc}");
    }

    /** A subject that does not decode is shown as it came, its undeclared 8-bit text read as such, not as Latin-1. */
    @Test
    void aSubjectThatDoesNotDecodeKeepsItsRussian() {
        String cyrillic = new String("Привет".getBytes(WINDOWS_1251), ISO_8859_1); // the bytes as the header holds them
        InboundMail mail = read("From: anna@example.test\nSubject: " + cyrillic + " =?KOI8-R\u0085?B?883F?=\n\nhi\n");

        assertThat(mail.subject()).startsWith("Привет ").doesNotContainPattern("\\p{Cc}");
        assertThat(mail.warnings()).contains("the subject's encoding could not be read");
    }

    /**
     * Each text part was cut to the limit, but their sum was not: four copies of a 570 KB part ({@code long-text#16})
     * made a text of 1.5 million characters, each part copying all the text before it as it was joined.
     */
    @Test
    void manyLongTextPartsTogetherAreCutToTheLimit() {
        String part = "--b\nContent-Type: text/plain; charset=utf-8\n\n" + "a line of a long log\n".repeat(20_000);
        InboundMail mail = read("From: anna@example.test\nSubject: logs\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n" + part.repeat(6) + "--b--\n");

        assertThat(mail.text())
                .hasSizeLessThanOrEqualTo(MailReader.MAX_TEXT_BYTES)
                .startsWith("a line of a long log");
        assertThat(mail.text().length()).isGreaterThan(MailReader.MAX_TEXT_BYTES - 1_000);
        assertThat(mail.warnings())
                .contains("the text is longer than " + MailReader.MAX_TEXT_BYTES + " bytes; the rest is not read");
    }

    /**
     * Seen while writing the fuzz: a name correctly encoded ({@code =?UTF-8?Q?J=C3=BCrgen?=}, or RFC 2231's {@code
     * filename*=UTF-8''M%C3%BCller.pdf}) is decoded by Jakarta Mail; the decoded text, all below U+0100, was then taken
     * for undeclared 8-bit bytes and read as windows-1251 ("Jьrgen Mьller"). Only a raw 8-bit header is guessed at now.
     */
    @Test
    void aLatinNameEncodedAsItShouldBeIsNotReadAsCyrillic() {
        InboundMail mail = read("""
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.test>
                Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                hi
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''M%C3%BCller.pdf

                %PDF
                --b--
                """);

        assertThat(mail.subject()).isEqualTo("Grüße");
        assertThat(mail.fromName()).isEqualTo("Jürgen Müller"); // was "Jьrgen Mьller"
        assertThat(mail.attachments()).extracting(InboundMail.Attachment::name).containsExactly("Müller.pdf");
    }

    /** A sender's name is one line like the subject, and a Message-ID with a control character is not taken. */
    @Test
    void aSendersNameIsOneLineAndAControlCharacterSpoilsAMessageId() {
        InboundMail mail = read("""
                From: =?UTF-8?Q?Ivan=0A=00Petrov?= <ivan@example.test>
                Message-ID: <a\u007Fb@example.test>
                Subject: hello

                hi
                """);

        assertThat(mail.fromName()).isEqualTo("Ivan Petrov");
        assertThat(mail.messageId()).isNull();
    }

    // ---------------------------------------------------------------- what is checked

    /** What {@code read} broke of the reader's promises, or null. */
    private static @Nullable String broken(InboundMail read) {
        if (read.text().length() > MailReader.MAX_TEXT_BYTES) {
            return "text of " + read.text().length() + " characters";
        }
        for (InboundMail.Attachment a : read.attachments()) {
            if (a.content().length > MAX_ATTACHMENT_BYTES) {
                return "attachment " + a.name() + " of " + a.content().length + " bytes kept";
            }
            if (hasControl(a.name(), true)) {
                return "attachment name with a control character: " + escaped(a.name());
            }
        }
        for (InboundMail.Dropped d : read.dropped()) {
            if (hasControl(d.name(), true)) {
                return "dropped attachment's name with a control character: " + escaped(d.name());
            }
        }
        if (read.from().length() > MailReader.MAX_ADDRESS) {
            return "sender of " + read.from().length() + " characters";
        }
        if (hasControl(read.subject(), false)) {
            return "subject with a control character: " + escaped(read.subject());
        }
        return null;
    }

    /** A control character other than tab; with {@code format}, a direction-changing one too. */
    private static boolean hasControl(String text, boolean format) {
        return text.chars()
                .anyMatch(c -> (Character.isISOControl(c) && c != '\t')
                        || (format && Character.getType(c) == Character.FORMAT));
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(200).forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    /** Keeps a breaking input under {@code target/mail-fuzz/} to be read again; the line that names it. */
    private static String keep(Input input, String problem) {
        try {
            Path dir = Path.of("target", "mail-fuzz");
            Files.createDirectories(dir);
            Path file = dir.resolve(input.name().replaceAll("[^A-Za-z0-9.-]+", "_") + ".eml");
            Files.write(file, input.raw());
            return input.name() + " (" + input.raw().length + " bytes, " + file + "): " + problem;
        } catch (java.io.IOException e) {
            return input.name() + ": " + problem;
        }
    }

    /** What reading one input gave: the mail, or why there is none (it threw, it hung). */
    record Read(
            Input input,
            @Nullable InboundMail mail,
            @Nullable String failure) {}

    private static @Nullable List<Read> reads;

    /**
     * The corpus read once for the tests that look at it, each message on a thread of its own: a hang is reported as
     * one (after {@link #HANG_SECONDS}, generous: a detector, not a measure of speed), not a test that never ends.
     */
    static synchronized List<Read> reads() throws InterruptedException {
        if (reads == null) {
            MailReader reader = new MailReader(MAX_ATTACHMENT_BYTES);
            List<Read> all = new ArrayList<>();
            ExecutorService thread = readingThread();
            try {
                for (Input input : corpus()) {
                    Future<InboundMail> reading = thread.submit(() -> reader.read(input.raw()));
                    try {
                        all.add(new Read(input, reading.get(HANG_SECONDS, TimeUnit.SECONDS), null));
                    } catch (ExecutionException e) {
                        all.add(new Read(input, null, "threw " + e.getCause()));
                    } catch (TimeoutException e) {
                        all.add(new Read(input, null, "still reading after " + HANG_SECONDS + " s"));
                        thread.shutdownNow(); // the stuck thread is a daemon: it is left behind
                        thread = readingThread();
                    }
                }
            } finally {
                thread.shutdownNow();
            }
            reads = List.copyOf(all);
        }
        return reads;
    }

    private static ExecutorService readingThread() {
        return Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("mail-fuzz").daemon(true).unstarted(r));
    }

    /**
     * The intake against a center that checks nothing but what the commands check themselves: every reply comes from
     * a closed contact of the sender's, so that the reopening and bounce paths are taken too.
     */
    private static final class Intake implements AutoCloseable {
        final Center center = new Center();
        final List<String> counted = new ArrayList<>();
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        final MailIntake intake;
        final Mailbox mailbox = new Mailbox(
                "main", MailFixture.HELP, "127.0.0.1", 143, "help", "127.0.0.1", 25, "help", "secret", false);

        Intake() {
            MailSettings settings = new MailSettings(
                    List.of(mailbox),
                    "email",
                    List.of(new MailSettings.Route("subject", "роуминг", "roaming")),
                    14,
                    MAX_ATTACHMENT_BYTES,
                    java.time.Duration.ofSeconds(30),
                    false,
                    java.util.Set.of(),
                    Integer.MAX_VALUE);
            Senders closedContacts = new Senders() {
                @Override
                public Optional<Subscriber> byAddress(String address) {
                    return address.startsWith("anna")
                            ? Optional.of(new Subscriber("+79120000001", "Motiv Smart"))
                            : Optional.empty();
                }

                @Override
                public OptionalLong endedAt(UUID contactId, String sender) {
                    return OptionalLong.of(center.nowInMs() - 60_000);
                }
            };
            intake = new MailIntake(settings, center, closedContacts, new Discarding(), counted::add, new Quiet());
            log.start();
            Logger logger = (Logger) LoggerFactory.getLogger(MailIntake.class);
            logger.addAppender(log);
            logger.setAdditive(false); // a line for each of a thousand messages says nothing here
        }

        /** Why the intake could not take {@code read}, or null when it took it (or rightly set it aside). */
        @Nullable
        String refusal(InboundMail read) throws InterruptedException {
            counted.clear();
            log.list.clear();
            List<MailIntake.Result> results = intake.take(List.of(new MailIntake.Received(read, mailbox)));
            if (!counted.contains("unreadable") && results.equals(List.of(MailIntake.Result.DONE))) {
                return null;
            }
            return log.list.stream()
                    .map(e -> e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                    ? ""
                                    : ": " + e.getThrowableProxy().getClassName() + ": "
                                            + e.getThrowableProxy().getMessage()))
                    .findFirst()
                    .orElse("counted " + counted + ", " + results);
        }

        @Override
        public void close() {
            Logger logger = (Logger) LoggerFactory.getLogger(MailIntake.class);
            logger.detachAppender(log);
            logger.setAdditive(true);
        }
    }

    /** Accepts whatever command could be built. */
    private static final class Center implements ChannelPort {
        int opened;

        @Override
        public CompletableFuture<Outcome> send(Command.FromChannel command, String idempotencyKey) {
            if (command instanceof Command.OpenConversation) {
                opened++;
            }
            return CompletableFuture.completedFuture(Outcome.Accepted.PLAIN);
        }

        @Override
        public RoutingView view() {
            return new RoutingView() {
                @Override
                public Optional<ContactView> contact(UUID contactId) {
                    return Optional.empty();
                }

                @Override
                public Optional<AgentView> agent(String agentId) {
                    return Optional.empty();
                }

                @Override
                public List<AgentView> agents() {
                    return List.of();
                }

                @Override
                public Map<String, Role> users() {
                    return Map.of();
                }

                @Override
                public Optional<QueueView> queue(String queueId) {
                    return Optional.empty();
                }

                @Override
                public List<QueueView> queues() {
                    return List.of();
                }

                @Override
                public List<ContactView> contactsOf(String queueId, int limit) {
                    return List.of();
                }

                @Override
                public long nowInMs() {
                    return Center.this.nowInMs();
                }
            };
        }

        @Override
        public long nowInMs() {
            return 1_767_000_000_000L;
        }

        @Override
        public AutoCloseable subscribe(Consumer<Event> listener) {
            return () -> {};
        }
    }

    /** Keeps no file, as a store that takes any name and type. */
    private static final class Discarding implements Attachments {
        @Override
        public Stored save(UUID contactId, UUID messageId, String name, String contentType, byte[] content, long at) {
            return new Stored(UUID.randomUUID(), contactId, messageId, name, contentType, content.length, at);
        }

        @Override
        public List<Stored> of(UUID contactId) {
            return List.of();
        }

        @Override
        public Optional<File> open(UUID contactId, UUID id) {
            return Optional.empty();
        }

        @Override
        public void deleteOf(UUID contactId, UUID messageId) {}

        @Override
        public int deleteBefore(long cutMs) {
            return 0;
        }
    }

    private static final class Quiet implements MailIntake.Acknowledgements {
        @Override
        public void opened(Mailbox m, InboundMail i, UUID c, String q, List<InboundMail.Dropped> d) {}

        @Override
        public void dropped(Mailbox m, InboundMail i, UUID c, List<InboundMail.Dropped> d) {}
    }

    // ---------------------------------------------------------------- the corpus

    /** One message to read: its name says which seed and which mutations made it. */
    static final class Input {
        private final String name;
        private final byte[] raw;

        Input(String name, byte[] raw) {
            this.name = name;
            this.raw = raw;
        }

        String name() {
            return name;
        }

        byte[] raw() {
            return raw;
        }
    }

    private static @Nullable List<Input> corpus;

    /** The seeds and their mutants, the same every run. */
    static synchronized List<Input> corpus() {
        if (corpus == null) {
            List<Input> all = new ArrayList<>();
            List<Input> seeds = seeds();
            for (int s = 0; s < seeds.size(); s++) {
                Input seed = seeds.get(s);
                all.add(seed);
                Mutator mutator = new Mutator(new Random(SEED + 7919L * s));
                int mutants = seed.raw().length > 100_000 ? MUTANTS_PER_SEED / 4 : MUTANTS_PER_SEED;
                for (int m = 1; m <= mutants; m++) {
                    all.add(mutator.mutate(seed, m));
                }
            }
            corpus = List.copyOf(all);
        }
        return corpus;
    }

    static List<Input> seeds() {
        List<Input> seeds = new ArrayList<>();
        seeds.add(seed("utf8-plain", """
                From: %s <Anna.Petrova@Example.test>
                To: help@operator.test, "Отдел продаж" <sales@operator.test>
                Cc: boss@example.test
                Subject: %s
                Date: Mon, 6 Jan 2025 10:00:00 +0300
                Message-ID: <utf8-1@example.test>
                In-Reply-To: <%s>
                References: <older@example.test>
                 <%s>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(
                word("Анна Петрова", "UTF-8", "B"),
                word("Не работает интернет — роуминг", "UTF-8", "Q"),
                OUR_ID,
                OUR_ID,
                raw("Здравствуйте!\nС вчерашнего дня не работает интернет. [#" + CONTACT + "]\n-- \nАнна", UTF_8))));
        seeds.add(seed("koi8-plain", """
                From: "Petr" <petr@example.test>
                To: help@operator.test
                Subject: %s
                Message-ID: <koi8-1@example.test>
                MIME-Version: 1.0
                Content-Type: text/plain; charset="koi8-r"
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(
                        word("Смена тарифа", "KOI8-R", "B"), raw("Смените мне тариф, пожалуйста.\nПётр", KOI8_R))));
        seeds.add(seed("cp1251-qp", """
                From: =?windows-1251?Q?=CF=E5=F2=F0?= <petr@example.test>
                To: help@operator.test
                Subject: %s
                Message-ID: <cp1251-qp@example.test>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=windows-1251
                Content-Transfer-Encoding: quoted-printable

                %s
                """.formatted(
                        word("Счёт за май", "windows-1251", "Q"),
                        encoded(
                                ("Здравствуйте! Почему списали 300 рублей? Длинная строка, чтобы мягкий перенос"
                                                + " строки в quoted-printable тоже был.\n")
                                        .getBytes(WINDOWS_1251),
                                "quoted-printable"))));
        seeds.add(seed("alternative-html", """
                From: Boris <boris@example.test>
                To: help@operator.test
                Subject: Balance
                Message-ID: <alt-1@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt-1"

                This is a multi-part message in MIME format.
                --alt-1
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                %s
                --alt-1
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                --alt-1--
                """.formatted(
                        encoded("Мой баланс неверный — 1 000 ₽\n".getBytes(UTF_8), "quoted-printable"),
                        encoded(
                                ("<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
                                                + "<p>Мой <b>баланс</b> неверный&nbsp;&mdash; 1&#160;000 &#8381;"
                                                + "<img src=\"http://tracker.example/x.png\"></p><div onclick=\"x()\">"
                                                + "Спасибо<!-- comment --></div><table><tr><td>a<td>b</table>"
                                                + "</body></html>")
                                        .getBytes(UTF_8),
                                "base64"))));
        byte[] png = new byte[12_000];
        new Random(SEED).nextBytes(png);
        seeds.add(seed("mixed-attachments", """
                From: anna@example.test
                To: help@operator.test
                Subject: Documents
                Message-ID: <mixed-1@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="----=_Part_0_1.2"

                ------=_Part_0_1.2
                Content-Type: text/plain; charset=UTF-8

                Договор и фото.
                ------=_Part_0_1.2
                Content-Type: application/pdf; name="contract.pdf"
                Content-Disposition: attachment; filename="contract.pdf"
                Content-Transfer-Encoding: base64

                %s
                ------=_Part_0_1.2
                Content-Type: text/csv; charset=windows-1251
                Content-Disposition: attachment;
                 filename*=UTF-8''%%D1%%81%%D1%%87%%D0%%B5%%D1%%82.csv
                Content-Transfer-Encoding: quoted-printable

                %s
                ------=_Part_0_1.2
                Content-Type: image/png; name="%s"
                Content-Disposition: inline
                Content-Transfer-Encoding: base64

                %s
                ------=_Part_0_1.2
                Content-Type: application/x-msdownload
                Content-Disposition: attachment; filename="setup.exe"
                Content-Transfer-Encoding: base64

                TVqQAAMAAAAEAAAA
                ------=_Part_0_1.2--
                epilogue
                """.formatted(
                        encoded(("%PDF-1.4\n" + "1 0 obj <<>> endobj\n".repeat(60)).getBytes(UTF_8), "base64"),
                        encoded("дата;сумма\n01.05;300,00\n".getBytes(WINDOWS_1251), "quoted-printable"),
                        word("фото экрана.png", "UTF-8", "B"),
                        encoded(png, "base64"))));
        seeds.add(seed("forwarded", """
                From: anna@example.test
                To: help@operator.test
                Subject: Fwd: your offer
                Message-ID: <fwd-1@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: text/plain; charset=us-ascii

                See below.
                --outer
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: shop@example.test
                To: anna@example.test
                Subject: %s
                Message-ID: <offer@shop.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: 8bit

                %s
                --inner
                Content-Type: text/html; charset=koi8-r

                <p>%s</p>
                --inner--

                --outer--
                """.formatted(
                        word("Акция", "KOI8-R", "Q"), raw("Скидка 50%", KOI8_R), raw("Скидка <b>50%</b>", KOI8_R))));
        seeds.add(seed("bounce", """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: help@operator.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce-1@mx.example.test>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                The mailbox anna@example.test is full.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test
                Final-Recipient: rfc822; anna@example.test
                Original-Recipient: rfc822;Anna@Example.test
                Action: failed
                Status: 5.2.2
                --r
                Content-Type: message/rfc822

                From: help@operator.test
                To: anna@example.test
                Message-ID: <%s>
                Subject: Re: Question [#%s]

                Hello!
                --r--
                """.formatted(OUR_ID, CONTACT)));
        seeds.add(seed("folded-headers", """
                From: anna@example.test (Анна
                 Петрова)
                To: help@operator.test,
                \tsales@operator.test,
                 "Someone, Else" <else@example.test>
                Subject: %s
                 %s
                \tplain tail
                Message-ID:
                 <folded-1@example.test>
                Content-Type: text/plain;
                 charset="utf-8"
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(
                        word("Очень длинная тема письма, ", "UTF-8", "B"),
                        word("перенесённая на следующую строку", "UTF-8", "Q"),
                        raw("Текст.", UTF_8))));
        seeds.add(seed("undeclared-8bit", """
                From: %s <petr@example.test>
                To: help@operator.test
                Subject: %s
                Message-ID: <old-1@example.test>
                MIME-Version: 1.0
                Content-Type: text/plain
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(
                        raw("Пётр Старый", WINDOWS_1251),
                        raw("Жалоба на связь", KOI8_R),
                        raw("Добрый день. Не могу дозвониться.", WINDOWS_1251))));
        seeds.add(seed("html-only", """
                From: vera@example.test
                To: help@operator.test
                Subject: =?windows-1251?B?z/Du4evl7OA=?=
                Message-ID: <html-1@example.test>
                Content-Type: text/html; charset=windows-1251

                %s
                """.formatted(raw(
                "<html><body><h1>Проблема</h1><ul><li>нет связи<li>нет интернета</ul>"
                        + "<blockquote>цитата &lt;script&gt;</blockquote><pre>  код\u000B\u000B  </pre>"
                        + "<form><input value=x></form><iframe src=x></iframe><br><br><br>конец",
                WINDOWS_1251))));
        seeds.add(seed("auto-reply", """
                From: anna@example.test
                To: help@operator.test
                Subject: Out of office
                Auto-Submitted: auto-replied
                Precedence: bulk
                Message-ID: <ooo@example.test>

                I am on holiday until Monday.
                """));
        seeds.add(seed("deeply-nested", nested(20)));
        seeds.add(seed("long-text", """
                From: anna@example.test
                To: help@operator.test
                Subject: Log
                Message-ID: <long-1@example.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                %s
                --b
                Content-Type: text/plain; charset=utf-8

                The log above.
                --b--
                """.formatted(raw("Строка журнала номер 0123456789.\n".repeat(11_000), UTF_8))));
        return seeds;
    }

    private static String nested(int depth) {
        StringBuilder message = new StringBuilder("""
                From: anna@example.test
                To: help@operator.test
                Subject: Nested
                Message-ID: <nested@example.test>
                MIME-Version: 1.0
                """);
        for (int i = 0; i < depth; i++) {
            message.append("Content-Type: multipart/mixed; boundary=n")
                    .append(i)
                    .append("\n\n--n")
                    .append(i)
                    .append('\n');
        }
        message.append("Content-Type: text/plain\n\nAt the bottom.\n");
        for (int i = depth - 1; i >= 0; i--) {
            message.append("--n").append(i).append("--\n");
        }
        return message.toString();
    }

    /** A message written with LF and bytes as ISO-8859-1 characters, sent with CRLF. */
    private static Input seed(String name, String text) {
        return new Input(name, crlf(text).getBytes(ISO_8859_1));
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** {@code text} in {@code charset}, its bytes as ISO-8859-1 characters. */
    private static String raw(String text, Charset charset) {
        return new String(text.getBytes(charset), ISO_8859_1);
    }

    private static String word(String text, String charset, String encoding) {
        try {
            return MimeUtility.encodeText(text, charset, encoding);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(byte[] content, String encoding) {
        if (encoding.equals("base64")) {
            return Base64.getMimeEncoder(76, "\n".getBytes(ISO_8859_1)).encodeToString(content);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream qp = MimeUtility.encode(out, encoding)) {
                qp.write(content);
            }
            return out.toString(ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mutations of a message, chosen by its random: what broken mail programs, servers and attackers send. */
    static final class Mutator {
        private static final List<String> TOKENS = List.of(
                "\r",
                "\n",
                "\r\n",
                "\r\n\r\n",
                "\u0000",
                "\u0085",
                "\u00ff\u00fe",
                "=?",
                "?=",
                "=?utf-8?B?",
                "=?UTF-8?Q?=C2=85?=",
                "=?utf-8?B?4oCu?=",
                "=?x-unknown?Q?abc?=",
                "=?utf-8?X?abc?=",
                "=?utf-8?B?!!!?=",
                "=?koi8-r?Q?=ZZ=?=",
                "=?utf-8*ru?B?0JA=?=",
                "=?",
                "--",
                "--b\r\n",
                "=\r\n",
                "=ZZ",
                "=",
                "\"",
                "<",
                ">",
                "@",
                ";",
                " ",
                "\t",
                "\u000B",
                "\u001B[2J",
                "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n",
                "Content-Transfer-Encoding: base64\r\n",
                "Content-Transfer-Encoding: quoted-printable\r\n",
                "Content-Type: message/rfc822\r\n\r\n",
                "Content-Disposition: attachment; filename=\"a\u0085\u202Eexe.txt\"\r\n",
                "charset=\"",
                "; charset*=utf-8''%D0%",
                "<&#0;&#x85;",
                "&#x202E;");
        private static final List<String> CHARSETS = List.of(
                "",
                "\"\"",
                "x-unknown",
                "utf-8\"",
                "utf-16",
                "UTF-32BE",
                "ISO-8859-1'en'",
                ".",
                "utf8;;",
                "ks_c_5601-1987",
                "gb2312",
                "us-ascii",
                "\u0000",
                "=?utf-8?B?x?=",
                "a".repeat(300));

        private final Random random;

        Mutator(Random random) {
            this.random = random;
        }

        Input mutate(Input seed, int number) {
            String text = new String(seed.raw(), ISO_8859_1);
            StringBuilder name = new StringBuilder(seed.name()).append('#').append(number);
            int operations = 1 + random.nextInt(3);
            for (int i = 0; i < operations; i++) {
                int kind = random.nextInt(20); // 17..19: a part repeated, what breaks limits that hold per part
                kind = kind >= 17 ? 14 : kind;
                String before = text;
                text = apply(kind, text, name);
                if (text.length() > 4_000_000) {
                    text = before; // keeps the corpus's memory and time in bounds
                }
            }
            return new Input(name.toString(), text.getBytes(ISO_8859_1));
        }

        private String apply(int kind, String text, StringBuilder name) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length());
            switch (kind) {
                case 0 -> {
                    name.append(" flip@").append(at);
                    return text.isEmpty()
                            ? text
                            : text.substring(0, at) + (char) random.nextInt(256) + text.substring(at + 1);
                }
                case 1 -> {
                    String token = TOKENS.get(random.nextInt(TOKENS.size()));
                    name.append(" insert@").append(at);
                    return text.substring(0, at) + token + text.substring(at);
                }
                case 2 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(64));
                    name.append(" delete@").append(at).append('-').append(end);
                    return text.substring(0, at) + text.substring(end);
                }
                case 3 -> {
                    name.append(" cut@").append(at);
                    return text.substring(0, at);
                }
                case 4 -> {
                    List<int[]> lines = boundaryLines(text);
                    if (lines.isEmpty()) {
                        return apply(1, text, name);
                    }
                    int[] line = lines.get(random.nextInt(lines.size()));
                    name.append(" boundary-twice@").append(line[0]);
                    String copy = text.substring(line[0], line[1]);
                    return text.substring(0, line[1]) + copy.repeat(1 + random.nextInt(3)) + text.substring(line[1]);
                }
                case 5 -> {
                    List<int[]> lines = boundaryLines(text);
                    if (lines.isEmpty()) {
                        return apply(2, text, name);
                    }
                    int[] line = lines.get(random.nextInt(lines.size()));
                    name.append(" boundary-gone@").append(line[0]);
                    return text.substring(0, line[0]) + text.substring(line[1]);
                }
                case 6 -> {
                    name.append(" never-closed");
                    return text.replaceAll("(?m)^(--[^\\r\\n]*)--(\\r?\\n|$)", "");
                }
                case 7 -> {
                    // Jakarta Mail takes about 50 µs for each encoded word: a few hundred of them, then plain text
                    int length = 8_000 + random.nextInt(56_000);
                    int words = 20 + random.nextInt(200);
                    String header = switch (random.nextInt(5)) {
                        case 0 -> "Subject: " + "=?utf-8?B?0JA=?= ".repeat(words) + "x".repeat(length);
                        case 1 -> "X-Long: " + "a".repeat(length);
                        case 2 -> "References: " + "<x@y> ".repeat(length / 6);
                        case 3 -> "From: " + "=?koi8-r?Q?=F0?= ".repeat(words) + "<a@example.test>";
                        default -> "To: " + "a@b, ".repeat(length / 5);
                    };
                    name.append(" huge-")
                            .append(header, 0, header.indexOf(':'))
                            .append('-')
                            .append(length);
                    return header + "\r\n" + text;
                }
                case 8 -> {
                    int depth = 13 + random.nextInt(40);
                    name.append(" nested-").append(depth);
                    int body = text.indexOf("\r\n\r\n");
                    String head = body < 0 ? text : text.substring(0, body);
                    StringBuilder wrapped = new StringBuilder(head.replaceAll("(?im)^content-type:", "X-Was:"));
                    for (int i = 0; i < depth; i++) {
                        wrapped.append("\r\nContent-Type: multipart/mixed; boundary=z")
                                .append(i)
                                .append("\r\n\r\n--z")
                                .append(i);
                    }
                    wrapped.append(body < 0 ? "\r\n\r\n" : text.substring(body));
                    return wrapped.toString();
                }
                case 9 -> {
                    String lone = random.nextBoolean() ? "\r" : "\n";
                    boolean everywhere = random.nextBoolean();
                    name.append(everywhere ? " all-lone-" : " lone-").append(lone.equals("\r") ? "CR" : "LF");
                    if (everywhere) {
                        return text.replace("\r\n", lone);
                    }
                    int crlf = text.indexOf("\r\n", at);
                    return crlf < 0 ? text + lone : text.substring(0, crlf) + lone + text.substring(crlf + 2);
                }
                case 10 -> {
                    name.append(" nul@").append(at);
                    return text.substring(0, at) + "\u0000".repeat(1 + random.nextInt(4)) + text.substring(at);
                }
                case 11 -> {
                    name.append(" bad-encoding");
                    String garbage = List.of("!!!!", "====", "=Z=", "=\r\n=", "QUJD=RA", "@@@\u0000", "=C")
                            .get(random.nextInt(7));
                    int line = text.indexOf("\r\n", at);
                    return line < 0 ? text + garbage : text.substring(0, line) + garbage + text.substring(line);
                }
                case 12 -> {
                    String charset = CHARSETS.get(random.nextInt(CHARSETS.size()));
                    name.append(" charset=").append(charset.length() > 20 ? "long" : charset);
                    return text.replaceFirst(
                            "(?i)charset=\"?[\\w.:-]+\"?",
                            java.util.regex.Matcher.quoteReplacement("charset=" + charset));
                }
                case 13 -> {
                    String[] bad = {
                        "=?utf-8?B?" + "\u00ff" + "?=",
                        "=?utf-8?Q?=FF=FE?=",
                        "=?unknown-8bit?Q?=CF=F0?=",
                        "=?windows-1251?B?====?=",
                        "=?koi8-r?q?" + "=F0".repeat(600) + "?=",
                        "=?utf-8?B?wg==?= =?utf-8?B?hQ==?=",
                        "=?ISO-8859-1?Q?a=85b=00c?="
                    };
                    String word = bad[random.nextInt(bad.length)];
                    name.append(" bad-word");
                    return text.replaceFirst(
                            "(?im)^(subject|from|content-disposition):[^\\r\\n]*",
                            "$1: "
                                    + java.util.regex.Matcher.quoteReplacement(
                                            word + " <x@example.test>; filename=\"" + word + "\""));
                }
                case 14 -> {
                    List<int[]> lines = boundaryLines(text);
                    if (lines.size() < 2) {
                        return apply(1, text, name);
                    }
                    int first = random.nextInt(lines.size() - 1);
                    int[] from = lines.get(first);
                    int[] to = lines.get(first + 1);
                    int times = 2 + random.nextInt(4);
                    name.append(" part-x").append(times).append('@').append(from[0]);
                    String part = text.substring(from[0], to[0]);
                    return text.substring(0, to[0]) + part.repeat(times) + text.substring(to[0]);
                }
                case 15 -> {
                    name.append(" header-body-swap");
                    int body = text.indexOf("\r\n\r\n");
                    return body < 0 ? "\r\n" + text : text.substring(body + 4) + "\r\n\r\n" + text.substring(0, body);
                }
                default -> {
                    int length = 1 + random.nextInt(16);
                    StringBuilder bytes = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        bytes.append((char) random.nextInt(256));
                    }
                    name.append(" random@").append(at);
                    return text.substring(0, at) + bytes + text.substring(at);
                }
            }
        }

        /** Where each line starting with {@code --} begins and where its line break ends. */
        private static List<int[]> boundaryLines(String text) {
            List<int[]> lines = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end + 1;
                if (text.startsWith("--", start)) {
                    lines.add(new int[] {start, end});
                }
                start = end;
            }
            return lines;
        }
    }
}
