package org.switchboard.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.switchboard.messaging.mail.MailSettings;
import org.switchboard.messaging.mail.Mailbox;

/**
 * Reads the e-mail channel's settings ({@code mail.*}, docs/configuration.md): the first mailbox from {@code mail.*}
 * and {@code SWITCHBOARD_MAIL_*}, further ones from {@code mail.NAME.*} in the file; passwords only from the
 * environment ({@code SWITCHBOARD_MAIL_PASSWORD}, {@code SWITCHBOARD_MAIL_NAME_PASSWORD}).
 */
final class MailConfig {

    private MailConfig() {}

    /** The channel's settings, or null when {@code mail.imap-host} is not set (the channel does not start). */
    static @Nullable MailSettings read(Settings.Source s) {
        Mailbox main = mailbox(s, "main", "mail.", "SWITCHBOARD_MAIL_");
        String queue = s.get("mail.queue", "SWITCHBOARD_MAIL_QUEUE", "email");
        String routes = s.get("mail.routes", "SWITCHBOARD_MAIL_ROUTES", "");
        int reopenDays = s.getIntBetween("mail.reopen-days", "SWITCHBOARD_MAIL_REOPEN_DAYS", 14, 0, 365);
        int maxAttachment = s.getIntBetween(
                "mail.max-attachment-bytes",
                "SWITCHBOARD_MAIL_MAX_ATTACHMENT_BYTES",
                (int) MailSettings.DEFAULT_MAX_ATTACHMENT_BYTES,
                1,
                64 << 20);
        int pollSeconds = s.getIntBetween("mail.poll-seconds", "SWITCHBOARD_MAIL_POLL_SECONDS", 30, 1, 3_600);
        boolean acknowledge = s.getBoolean("mail.acknowledge", "SWITCHBOARD_MAIL_ACKNOWLEDGE", true);
        String acknowledgeQueues = s.get("mail.acknowledge-queues", "SWITCHBOARD_MAIL_ACKNOWLEDGE_QUEUES", "");
        int senderLimit =
                s.getIntBetween("mail.sender-limit-per-hour", "SWITCHBOARD_MAIL_SENDER_LIMIT_PER_HOUR", 30, 1, 100_000);
        boolean signedBounces = s.getBoolean("mail.signed-bounces", "SWITCHBOARD_MAIL_SIGNED_BOUNCES", false);
        List<Mailbox> mailboxes = new ArrayList<>();
        for (String name : s.namesBetween("mail.", ".address")) {
            if (!name.matches("[a-z0-9-]{1,32}")) {
                throw new IllegalArgumentException(
                        "mail." + name + ".address: a mailbox's name is 1 to 32 of a-z 0-9 -, was '" + name + "'");
            }
            Mailbox named = mailbox(s, name, "mail." + name + ".", "SWITCHBOARD_MAIL_" + envName(name) + "_");
            if (named == null) {
                throw new IllegalArgumentException("mail." + name + ".imap-host is required for mailbox " + name);
            }
            mailboxes.add(named);
        }
        if (main == null) {
            if (!mailboxes.isEmpty()) {
                throw new IllegalArgumentException("mailboxes " + s.namesBetween("mail.", ".address")
                        + " are configured but mail.imap-host is not: the first mailbox is mail.*");
            }
            return null;
        }
        mailboxes.addFirst(main);
        try {
            // without its bounce key: the key is the data directory's, added by Wiring when the channel starts
            return new MailSettings(
                    mailboxes,
                    queue,
                    routes(routes),
                    reopenDays,
                    maxAttachment,
                    Duration.ofSeconds(pollSeconds),
                    acknowledge,
                    queueNames(acknowledgeQueues),
                    senderLimit,
                    signedBounces);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("e-mail: " + e.getMessage(), e);
        }
    }

    private static @Nullable Mailbox mailbox(Settings.Source s, String name, String prefix, String env) {
        String host = s.getOrNull(prefix + "imap-host", env + "IMAP_HOST");
        String address = s.getOrNull(prefix + "address", env + "ADDRESS");
        boolean tls = s.getBoolean(prefix + "tls", env + "TLS", true);
        int imapPort = s.getIntBetween(prefix + "imap-port", env + "IMAP_PORT", tls ? 993 : 143, 1, 65_535);
        String imapUser = s.getOrNull(prefix + "imap-user", env + "IMAP_USER");
        String smtpHost = s.getOrNull(prefix + "smtp-host", env + "SMTP_HOST");
        int smtpPort = s.getIntBetween(prefix + "smtp-port", env + "SMTP_PORT", 587, 1, 65_535);
        String smtpUser = s.getOrNull(prefix + "smtp-user", env + "SMTP_USER");
        String fromName = s.getOrNull(prefix + "from-name", env + "FROM_NAME");
        if (host == null || host.isBlank()) {
            return null;
        }
        if (address == null) {
            throw new IllegalArgumentException(prefix + "address (" + env + "ADDRESS) is required with " + prefix
                    + "imap-host: the address subscribers write to");
        }
        String imapLogin = imapUser != null ? imapUser : address;
        String password = s.env().getOrDefault(env + "PASSWORD", "");
        try {
            return new Mailbox(
                    name,
                    address,
                    host,
                    imapPort,
                    imapLogin,
                    smtpHost != null ? smtpHost : host,
                    smtpPort,
                    smtpUser != null ? smtpUser : imapLogin, // Mailbox's own default: the IMAP user
                    password,
                    tls,
                    fromName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("e-mail (" + prefix + "*): " + e.getMessage(), e);
        }
    }

    private static java.util.Set<String> queueNames(String list) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String name : list.strip().split("\\s*,\\s*")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code to:billing@operator.test=billing, subject:roaming=roaming, tariff:corporate=business}. */
    static List<MailSettings.Route> routes(String list) {
        List<MailSettings.Route> routes = new ArrayList<>();
        for (String rule : list.strip().split("\\s*,\\s*")) {
            if (rule.isEmpty()) {
                continue;
            }
            int colon = rule.indexOf(':');
            int equals = rule.lastIndexOf('=');
            if (colon < 1 || equals < colon + 2 || equals == rule.length() - 1) {
                throw new IllegalArgumentException("mail.routes (SWITCHBOARD_MAIL_ROUTES) must be FIELD:VALUE=queue"
                        + " rules separated by commas (FIELD is to, subject or tariff), was '" + rule + "'");
            }
            try {
                routes.add(new MailSettings.Route(
                        rule.substring(0, colon), rule.substring(colon + 1, equals), rule.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mail.routes: " + e.getMessage() + " ('" + rule + "')", e);
            }
        }
        return routes;
    }
}
