package org.switchboard.messaging.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a MIME message for the center ({@link InboundMail}). Whatever the sender wrote, it never throws: what cannot
 * be read is left out and named in the warnings, so a malformed message still becomes a contact with what could be
 * read. Text is decoded by the charset each part declares (UTF-8, KOI8-R, windows-1251 ...); 8-bit text that
 * declares none, or only US-ASCII (what IMAP servers report for a part without a charset), and raw 8-bit headers are
 * read as UTF-8 when they are valid UTF-8, else as windows-1251 or KOI8-R, whichever makes more lower-case Cyrillic
 * letters: old Russian mail programs still send undeclared 8-bit text.
 */
public final class MailReader {

    /**
     * The most a message's text is read to, its text parts together: longer text is cut (a contact's message holds
     * 16,000 characters).
     */
    static final int MAX_TEXT_BYTES = 1 << 20;

    private static final int MAX_DEPTH = 12;
    /** The most of a raw Subject header decoded: enough for the 500 characters kept, whatever the encoding. */
    private static final int MAX_RAW_SUBJECT = 16_000;
    /** The longest address SMTP carries (RFC 5321: a path of 256 octets with its brackets). */
    static final int MAX_ADDRESS = 254;

    private static final int MAX_PARTS = 200;
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s\\p{Cc}]{1,900})>"); // no NUL or other control
    private static final Pattern BARE_MESSAGE_ID = Pattern.compile("[^<>\\s\\p{Cc}]{1,900}");
    private static final Set<String> EXECUTABLE = Set.of(
            "exe",
            "com",
            "bat",
            "cmd",
            "scr",
            "pif",
            "js",
            "jse",
            "vbs",
            "vbe",
            "wsf",
            "msi",
            "msp",
            "jar",
            "ps1",
            "sh",
            "dll",
            "hta",
            "lnk",
            "cpl",
            "reg",
            "apk",
            "msix",
            "msixbundle",
            "appx",
            "appxbundle",
            "xll",
            "chm",
            "url",
            "vhd",
            "vhdx",
            "iso",
            "img",
            "msc",
            "scf",
            "inf",
            "gadget",
            "application",
            "ps1xml",
            "psm1",
            "wsh",
            "vb",
            "xbap");
    private static final Set<String> EXECUTABLE_TYPES = Set.of(
            "application/x-msdownload",
            "application/x-msdos-program",
            "application/x-ms-installer",
            "application/java-archive",
            "application/x-sh",
            "application/x-executable",
            "application/vnd.android.package-archive",
            "application/hta");
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Charset KOI8_R = Charset.forName("KOI8-R");

    private final long maxAttachmentBytes;

    /** A reader that keeps attachments up to {@code maxAttachmentBytes} each. */
    public MailReader(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** Reads {@code raw}, the bytes of one message as a mailbox holds it. */
    public InboundMail read(byte[] raw) {
        try {
            return read(new MimeMessage(null, new ByteArrayInputStream(raw)));
        } catch (MessagingException | RuntimeException e) {
            return new InboundMail(
                    null,
                    "",
                    "",
                    List.of(),
                    "",
                    "",
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of("the message could not be read: " + describe(e)));
        }
    }

    /** Reads {@code message}; its parts are fetched as they are read (from IMAP: the large ones only if kept). */
    public InboundMail read(Message message) {
        Reading reading = new Reading();
        String messageId = firstId(header(message, "Message-ID", reading));
        String[] sender = sender(message, reading);
        List<String> recipients = recipients(message, reading);
        String subject = subject(message, reading);
        List<String> references = new ArrayList<>();
        references.addAll(ids(header(message, "In-Reply-To", reading)));
        List<String> chain = ids(header(message, "References", reading));
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!references.contains(chain.get(i))) {
                references.add(chain.get(i));
            }
        }
        reading.walk(message, 0);
        String automatic = automatic(message, sender[0], reading);
        String text = reading.plain != null ? reading.plain : reading.html != null ? HtmlText.toText(reading.html) : "";
        return new InboundMail(
                messageId,
                sender[0],
                sender[1],
                recipients,
                subject,
                text.strip(),
                references,
                reading.attachments,
                reading.dropped,
                automatic,
                List.copyOf(reading.bounced),
                List.copyOf(reading.bouncedTo),
                reading.warnings);
    }

    // ------------------------------------------------------------------ headers

    private static @Nullable String header(Part part, String name, Reading reading) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException | RuntimeException e) {
            lostConnection(e);
            reading.warn("the " + name + " header could not be read");
            return null;
        }
    }

    private static String[] sender(Message message, Reading reading) {
        // a name Jakarta Mail decoded (an encoded word) is Unicode already; only raw 8-bit bytes are guessed at
        boolean undeclared = rawEightBit(header(message, "From", reading));
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException | RuntimeException e) {
            from = lenient(header(message, "From", reading));
            if (from.length > 0) {
                reading.warn("the From header is malformed; read leniently");
            }
        }
        if (from != null) {
            for (Address address : from) {
                if (address instanceof InternetAddress internet
                        && internet.getAddress() != null
                        && internet.getAddress().strip().length() > MAX_ADDRESS) {
                    reading.warn("the sender's address is longer than " + MAX_ADDRESS + " characters: not used");
                    continue;
                }
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    String personal = internet.getPersonal();
                    String name = personal == null ? "" : clean(undeclared ? undeclared8Bit(personal) : personal);
                    return new String[] {internet.getAddress().strip().toLowerCase(Locale.ROOT), name};
                }
            }
        }
        reading.warn("no sender address could be read");
        return new String[] {"", ""};
    }

    private static Address[] lenient(@Nullable String header) {
        if (header == null) {
            return new Address[0];
        }
        try {
            return InternetAddress.parseHeader(header, false);
        } catch (AddressException | RuntimeException e) {
            return new Address[0];
        }
    }

    private static List<String> recipients(Message message, Reading reading) {
        Set<String> all = new LinkedHashSet<>();
        for (String name : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
            for (Address address : lenient(header(message, name, reading))) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    all.add(internet.getAddress().strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(all);
    }

    private static String subject(Message message, Reading reading) {
        String raw = header(message, "Subject", reading);
        if (raw == null) {
            return "";
        }
        try {
            // decoding costs about 50 µs an encoded word and only 500 characters are kept: a megabyte is not decoded
            String cut = raw.length() > MAX_RAW_SUBJECT ? raw.substring(0, MAX_RAW_SUBJECT) : raw;
            return clean(MimeUtility.decodeText(undeclared8Bit(MimeUtility.unfold(cut))));
        } catch (IOException | RuntimeException e) {
            reading.warn("the subject's encoding could not be read");
            return clean(undeclared8Bit(raw)); // raw 8-bit text as 8-bit text is read, not as Latin-1
        }
    }

    /** Whether a raw header holds undeclared 8-bit bytes (as characters U+0080..U+00FF). */
    private static boolean rawEightBit(@Nullable String raw) {
        return raw != null && raw.chars().anyMatch(c -> c >= 0x80 && c <= 0xFF);
    }

    /**
     * A header as Jakarta Mail hands it: raw bytes as characters U+0000..U+00FF. Undeclared 8-bit bytes there are
     * decoded as 8-bit text is; anything else (already Unicode, plain ASCII) is returned as it is.
     */
    static String undeclared8Bit(String header) {
        boolean eightBit = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c > 0xFF) {
                return header;
            }
            eightBit |= c >= 0x80;
        }
        return eightBit ? guessed(header.getBytes(StandardCharsets.ISO_8859_1)) : header;
    }

    /** Undeclared 8-bit text: UTF-8 when it is valid UTF-8, else the Cyrillic code page that reads better. */
    static String guessed(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int windowsLower = 0; // а..я in windows-1251 are 0xE0..0xFF, in KOI8-R 0xC0..0xDF
            int koiLower = 0;
            for (byte b : bytes) {
                int u = b & 0xFF;
                if (u >= 0xE0) {
                    windowsLower++;
                } else if (u >= 0xC0) {
                    koiLower++;
                }
            }
            return new String(bytes, koiLower > windowsLower ? KOI8_R : WINDOWS_1251);
        }
    }

    /** One line without control characters (C1 too: POSIX {@code \p{Cntrl}} is only ASCII's) or line separators. */
    private static String clean(String text) {
        String line = text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}&&[^\\t]]+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private static @Nullable String firstId(@Nullable String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    /** The message ids a header names, in its order. */
    static List<String> ids(@Nullable String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find() && ids.size() < 50) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty() && BARE_MESSAGE_ID.matcher(header.strip()).matches()) {
            ids.add(header.strip()); // written without brackets
        }
        return ids;
    }

    private static @Nullable String automatic(Message message, String from, Reading reading) {
        String autoSubmitted = header(message, "Auto-Submitted", reading);
        if (autoSubmitted != null
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + clean(autoSubmitted);
        }
        String precedence = header(message, "Precedence", reading);
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return "Precedence: " + clean(precedence);
        }
        for (String marker : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Reply")) {
            if (header(message, marker, reading) != null) {
                return marker;
            }
        }
        if (reading.report) {
            return "a delivery report (bounce)";
        }
        String local = from.contains("@") ? from.substring(0, from.indexOf('@')) : from;
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return "from " + local + " (bounce)";
        }
        String returnPath = header(message, "Return-Path", reading);
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "an empty Return-Path (bounce)";
        }
        if (header(message, "List-Id", reading) != null || header(message, "List-Unsubscribe", reading) != null) {
            return "a mailing list";
        }
        return null;
    }

    /** A mailbox whose connection was lost while a message was read: the message is read again, not half-read. */
    static final class MailboxLost extends RuntimeException {
        MailboxLost(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void lostConnection(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.mail.FolderClosedException
                    || t instanceof jakarta.mail.StoreClosedException
                    || t instanceof java.net.SocketException
                    || t instanceof java.net.SocketTimeoutException) {
                throw new MailboxLost(e);
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + clean(message));
    }

    // ------------------------------------------------------------------ body

    /** The walk over one message's parts. */
    private final class Reading {
        @Nullable
        String plain;

        @Nullable
        String html;

        boolean report;
        final List<InboundMail.Attachment> attachments = new ArrayList<>();
        final List<InboundMail.Dropped> dropped = new ArrayList<>();
        final Set<String> bounced = new LinkedHashSet<>();
        final Set<String> bouncedTo = new LinkedHashSet<>();
        final List<String> warnings = new ArrayList<>();
        int parts;

        void warn(String warning) {
            if (warnings.size() < 20 && !warnings.contains(warning)) {
                warnings.add(warning);
            }
        }

        void walk(Part part, int depth) {
            if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
                warn("the message has too many or too deeply nested parts; the rest is not read");
                return;
            }
            ContentType type = type(part);
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            try {
                if (base.startsWith("multipart/")) {
                    multipart(part, base, type, depth);
                } else if (isAttachment(part, base)) {
                    attachment(part, base);
                } else if (base.equals("text/plain") || base.equals("text/html")) {
                    text(part, base, type);
                } else if (base.equals("message/rfc822") || base.equals("text/rfc822-headers")) {
                    originalOf(part, base, depth);
                } else if (report && base.equals("message/delivery-status")) {
                    deliveryStatus(part); // the original message's id comes from its headers, its recipient from here
                } else {
                    attachment(part, base);
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                lostConnection(e);
                warn("a part (" + base + ") could not be read: " + describe(e));
            }
        }

        private ContentType type(Part part) {
            try {
                String value = part.getContentType();
                return value == null ? new ContentType("text/plain") : new ContentType(value);
            } catch (MessagingException | RuntimeException e) {
                warn("a part's Content-Type is malformed; read as text");
                return new ContentType("text", "plain", null);
            }
        }

        private void multipart(Part part, String base, ContentType type, int depth)
                throws MessagingException, IOException {
            if (base.equals("multipart/report")) {
                report = true;
            }
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                warn("a " + base + " part has no parts");
                return;
            }
            int count = multipart.getCount();
            if (base.equals("multipart/alternative")) {
                // the last part the reader can show is the richest; plain text is what the center shows
                for (int i = 0; i < count; i++) {
                    walk(multipart.getBodyPart(i), depth + 1);
                }
                return;
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, depth + 1);
            }
        }

        private boolean isAttachment(Part part, String base) throws MessagingException {
            String disposition = part.getDisposition();
            if (Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
                return true;
            }
            boolean text = base.equals("text/plain") || base.equals("text/html");
            return !text && fileName(part) != null;
        }

        private void text(Part part, String base, ContentType type) throws MessagingException, IOException {
            // what is left of the limit: many text parts, each within it, would add up to any length (and be copied
            // over and over as they are joined)
            int room =
                    base.equals("text/plain") && plain != null ? MAX_TEXT_BYTES - plain.length() - 2 : MAX_TEXT_BYTES;
            if (room <= 0) {
                warn("the text is longer than " + MAX_TEXT_BYTES + " bytes; the rest is not read");
                return;
            }
            byte[] bytes = bytes(part, room);
            if (bytes.length > room) {
                warn("the text is longer than " + MAX_TEXT_BYTES + " bytes; the rest is not read");
                bytes = java.util.Arrays.copyOf(bytes, room);
            }
            String text = decode(bytes, type.getParameter("charset"));
            text = text.length() > room ? text.substring(0, room) : text;
            if (base.equals("text/plain")) {
                plain = plain == null ? text : plain + "\n\n" + text;
            } else if (html == null) {
                html = text;
            }
        }

        private String decode(byte[] bytes, @Nullable String charsetName) {
            if (charsetName != null && !(isAscii(charsetName) && hasEightBit(bytes))) {
                try {
                    return new String(bytes, Charset.forName(MimeUtility.javaCharset(charsetName.strip())));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    warn("the charset '" + clean(charsetName)
                            + "' is unknown; the text is read as UTF-8 or a Cyrillic code page");
                }
            }
            return guessed(bytes);
        }

        private static boolean isAscii(String charsetName) {
            String name = charsetName.strip().toLowerCase(Locale.ROOT);
            return name.equals("us-ascii") || name.equals("ascii") || name.equals("ansi_x3.4-1968");
        }

        private static boolean hasEightBit(byte[] bytes) {
            for (byte b : bytes) {
                if (b < 0) {
                    return true;
                }
            }
            return false;
        }

        /** The recipients a delivery report names: {@code Final-Recipient: rfc822; someone@example.com} (RFC 3464). */
        private void deliveryStatus(Part part) throws MessagingException, IOException {
            String status = new String(bytes(part, 64 * 1024), StandardCharsets.US_ASCII);
            for (String line : status.split("\r?\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if ((lower.startsWith("final-recipient:") || lower.startsWith("original-recipient:"))
                        && lower.contains(";")
                        && bouncedTo.size() < 20) {
                    String address = lower.substring(lower.indexOf(';') + 1).strip();
                    if (!address.isEmpty() && address.length() <= MAX_ADDRESS) {
                        bouncedTo.add(address);
                    }
                }
            }
        }

        private void originalOf(Part part, String base, int depth) throws MessagingException, IOException {
            if (!report) {
                attachment(part, base);
                return;
            }
            byte[] headers = bytes(part, 64 * 1024);
            try {
                MimeMessage original = new MimeMessage(null, new ByteArrayInputStream(headers));
                String id = firstId(header(original, "Message-ID", this));
                if (id != null) {
                    bounced.add(id);
                }
            } catch (MessagingException | RuntimeException e) {
                warn("the bounced message's headers could not be read");
            }
        }

        private void attachment(Part part, String base) throws MessagingException, IOException {
            String name = fileName(part);
            if (name == null) {
                name = "attachment-" + (attachments.size() + dropped.size() + 1);
            }
            int size = part.getSize();
            String extension = name.contains(".")
                    ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                    : "";
            if (EXECUTABLE.contains(extension) || EXECUTABLE_TYPES.contains(base)) {
                dropped.add(new InboundMail.Dropped(name, Math.max(size, 0), "a program or script is not accepted"));
                return;
            }
            // the transfer encoding makes the part about 4/3 of the file: a bigger part is not even fetched
            if (size > 0 && size / 4L * 3 > maxAttachmentBytes) {
                dropped.add(
                        new InboundMail.Dropped(name, size / 4L * 3, "larger than " + maxAttachmentBytes + " bytes"));
                return;
            }
            byte[] content = bytes(part, maxAttachmentBytes);
            if (content.length > maxAttachmentBytes) {
                dropped.add(
                        new InboundMail.Dropped(name, content.length, "larger than " + maxAttachmentBytes + " bytes"));
                return;
            }
            attachments.add(new InboundMail.Attachment(name, base, content));
        }

        private @Nullable String fileName(Part part) {
            try {
                String name = part.getFileName();
                if (name == null || name.isBlank()) {
                    return null;
                }
                // RFC 2231 and encoded-word names are Unicode once decoded; only a raw 8-bit name is guessed at
                boolean undeclared = rawEightBit(header(part, "Content-Disposition", this))
                        || rawEightBit(header(part, "Content-Type", this));
                String value = undeclared ? undeclared8Bit(name) : name;
                String decoded = value.contains("=?") ? MimeUtility.decodeText(value) : value;
                String base = decoded.replace('\\', '/');
                // no control or direction-changing characters (a right-to-left override shows "exe.pdf" as "fdp.exe"),
                // no NTFS stream suffix, no trailing dots or blanks (Windows drops them: "setup.exe." runs)
                base = withoutTrailingDots(base.substring(base.lastIndexOf('/') + 1)
                        .replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\"]", "")
                        .replaceAll("::?\\$[A-Za-z_]+$", "")
                        .replace(':', '_'));
                return base.isEmpty() ? null : base.length() > 200 ? base.substring(base.length() - 200) : base;
            } catch (MessagingException | IOException | RuntimeException e) {
                warn("an attachment's name could not be read");
                return null;
            }
        }

        private static String withoutTrailingDots(String name) {
            int end = name.length();
            while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
                end--;
            }
            return name.substring(0, end).strip();
        }

        /** The part's decoded bytes, read to at most {@code limit} + 1 (more says it is too big). */
        private byte[] bytes(Part part, long limit) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            }
        }
    }
}
