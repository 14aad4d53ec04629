package org.switchboard.messaging.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One mailbox the center answers (docs/configuration.md, {@code mail.*}): read over IMAP, answered over SMTP
 * submission from its address.
 *
 * @param name     the mailbox's name in the configuration ({@code main} for the first), in logs and on {@code /health}
 * @param address  the address subscribers write to, and answers come from
 * @param imapHost the IMAP server
 * @param imapPort its port (993 with TLS, 143 without, by default)
 * @param imapUser the IMAP login
 * @param smtpHost the SMTP submission server
 * @param smtpPort its port (587 by default)
 * @param smtpUser the SMTP login (the IMAP user by default)
 * @param password the password, from the environment only
 * @param tls      TLS on both (implicit for IMAP, STARTTLS required for SMTP); off only for a server on loopback
 * @param fromName the display name answers come from ({@code MOTIV Support <help@…>}), or null for the bare address
 */
public record Mailbox(
        String name,
        String address,
        String imapHost,
        int imapPort,
        String imapUser,
        String smtpHost,
        int smtpPort,
        String smtpUser,
        String password,
        boolean tls,
        @Nullable String fromName) {

    /** The most characters of a display name: one header line's worth. */
    static final int MOST_NAME_CHARACTERS = 64;

    /** A mailbox whose answers come from the bare address. */
    public Mailbox(
            String name,
            String address,
            String imapHost,
            int imapPort,
            String imapUser,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            String password,
            boolean tls) {
        this(name, address, imapHost, imapPort, imapUser, smtpHost, smtpPort, smtpUser, password, tls, null);
    }

    public Mailbox {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        address = Objects.requireNonNull(address, "mail.address").strip().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("mail.address must be an e-mail address, was '" + address + "'");
        }
        requireHost("mail.imap-host", imapHost);
        requireHost("mail.smtp-host", smtpHost);
        requirePort("mail.imap-port", imapPort);
        requirePort("mail.smtp-port", smtpPort);
        if (imapUser == null || imapUser.isBlank()) {
            throw new IllegalArgumentException("mail.imap-user is required");
        }
        if (smtpUser == null || smtpUser.isBlank()) {
            smtpUser = imapUser;
        }
        fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
        if (fromName != null
                && (fromName.length() > MOST_NAME_CHARACTERS || fromName.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("mail.from-name must be 1 to " + MOST_NAME_CHARACTERS
                    + " characters on one line, was " + fromName.length() + " characters");
        }
        if (!tls && !(isLoopback(imapHost) && isLoopback(smtpHost))) {
            throw new IllegalArgumentException(
                    "mail.tls=false sends the mailbox's password in plain text: allowed only for servers on this machine"
                            + " (127.0.0.1, ::1, localhost), not " + imapHost + " / " + smtpHost);
        }
    }

    /** The domain of the mailbox's address: the right-hand side of the center's message ids. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return name + " <" + address + ">" + (fromName == null ? "" : " as '" + fromName + "'") + " imap " + imapHost
                + ":" + imapPort + ", smtp " + smtpHost + ":" + smtpPort + (tls ? ", TLS" : ", no TLS");
    }

    private static void requireHost(String key, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(key + " must be 1..65535, was " + port);
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name would be looked up: only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
