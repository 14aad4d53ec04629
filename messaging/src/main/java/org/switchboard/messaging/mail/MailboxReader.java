package org.switchboard.messaging.mail;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one mailbox's INBOX over IMAP on a thread of its own: every unread message, in batches, through the {@link
 * MailIntake}; a message is flagged {@code \Seen} only once the intake says it is recorded (its content is fetched
 * with {@code BODY.PEEK}, which leaves the flag alone). Between rounds it waits in IDLE when the server offers it,
 * woken at least every {@code mail.poll-seconds}, and polls otherwise. A lost connection is made again, with back-off.
 * The folder is reopened every few thousand messages so that a long backlog does not pile up in memory.
 */
final class MailboxReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReader.class);
    private static final int BATCH = 50;
    /** The most mail read into memory at once (several messages with large attachments are taken a few at a time). */
    static final long BATCH_BYTES = 24L << 20;
    /** How long mail from a sender over the hourly limit is left alone before it is looked at again. */
    private static final long LIMITED_WAIT_MS = 5 * 60_000;

    private static final int REOPEN_AFTER = 2_000;
    private static final long RETRY_MAX_MS = 60_000;

    private final Mailbox mailbox;
    private final MailSettings settings;
    private final MailIntake intake;
    private final MailReader reader;
    private final Thread thread;
    private final Thread waker;
    private final AtomicLong taken = new AtomicLong();
    /** Messages left unread for later, by UID: not read again before their time. */
    private final Map<Long, Long> laterUntil = new HashMap<>();

    private volatile boolean closed;
    private volatile @Nullable Store store;
    private volatile @Nullable Folder inbox;
    private volatile boolean idle;
    private volatile String state = "starting";
    private volatile long lastCheckMs;
    private volatile int unread;

    MailboxReader(Mailbox mailbox, MailSettings settings, MailIntake intake) {
        this.mailbox = mailbox;
        this.settings = settings;
        this.intake = intake;
        this.reader = new MailReader(settings.maxAttachmentBytes());
        this.thread = Thread.ofPlatform()
                .name("switchboard-mail-" + mailbox.name())
                .daemon(true)
                .unstarted(this::run);
        this.waker = Thread.ofPlatform()
                .name("switchboard-mail-wake-" + mailbox.name())
                .daemon(true)
                .unstarted(this::wake);
    }

    void start() {
        thread.start();
        waker.start();
    }

    Map<String, Object> health() {
        Map<String, Object> health = new java.util.LinkedHashMap<>();
        health.put("address", mailbox.address());
        health.put("imap", mailbox.imapHost() + ":" + mailbox.imapPort());
        health.put("state", state);
        health.put("idle", idle);
        health.put("unread", unread);
        health.put("taken", taken.get());
        health.put("lastCheckMs", lastCheckMs);
        return health;
    }

    boolean isConnected() {
        Folder folder = inbox;
        return folder != null && folder.isOpen();
    }

    private void run() {
        long backoffMs = 1_000;
        while (!closed) {
            try {
                connect();
                backoffMs = 1_000;
                int sinceOpen = 0;
                while (!closed) {
                    sinceOpen += drain();
                    if (sinceOpen >= REOPEN_AFTER) {
                        reopen();
                        sinceOpen = 0;
                        continue;
                    }
                    waitForMail();
                }
            } catch (InterruptedException e) {
                return;
            } catch (MessagingException | RuntimeException e) {
                if (closed) {
                    return;
                }
                state = "disconnected: " + e.getMessage();
                LOG.warn("Mailbox {}: {}; connecting again in {} s", mailbox.name(), e.toString(), backoffMs / 1000);
                disconnect();
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, RETRY_MAX_MS);
            }
        }
    }

    private void connect() throws MessagingException {
        String protocol = mailbox.tls() ? "imaps" : "imap";
        Session session = Session.getInstance(properties(protocol));
        Store connected = session.getStore(protocol);
        connected.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.imapUser(), mailbox.password());
        store = connected;
        Folder folder = connected.getFolder("INBOX");
        folder.open(Folder.READ_WRITE);
        inbox = folder;
        idle = connected instanceof IMAPStore imap && imap.hasCapability("IDLE");
        state = "connected";
        LOG.info("Mailbox {} read ({}), {}", mailbox.name(), mailbox.address(), idle ? "waiting in IDLE" : "polling");
    }

    private Properties properties(String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        long timeoutMs = Math.max(60_000, settings.poll().toMillis() * 3);
        p.put(prefix + "connectiontimeout", "10000");
        p.put(prefix + "timeout", Long.toString(timeoutMs));
        p.put(prefix + "writetimeout", "30000");
        p.put(prefix + "peek", "true");
        p.put(prefix + "partialfetch", "true");
        p.put(prefix + "fetchsize", Integer.toString(1 << 20));
        if (mailbox.tls()) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        } else {
            p.put(prefix + "auth.plain.disable", "false");
        }
        return p;
    }

    private void reopen() throws MessagingException {
        Folder folder = inbox;
        if (folder != null && folder.isOpen()) {
            folder.close(false);
        }
        if (folder != null) {
            folder.open(Folder.READ_WRITE);
        }
    }

    /** Takes every unread message; how many were looked at. */
    private int drain() throws MessagingException, InterruptedException {
        Folder folder = inbox;
        if (folder == null) {
            return 0;
        }
        lastCheckMs = System.currentTimeMillis();
        Message[] found = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        unread = found.length;
        long now = System.currentTimeMillis();
        laterUntil.values().removeIf(until -> until <= now);
        int looked = 0;
        for (int from = 0; from < found.length && !closed && looked < REOPEN_AFTER; from += BATCH) {
            Message[] batch = java.util.Arrays.copyOfRange(found, from, Math.min(found.length, from + BATCH));
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(IMAPFolder.FetchProfileItem.HEADERS);
            profile.add(FetchProfile.Item.SIZE);
            folder.fetch(batch, profile);
            for (Message[] part : bySize(batch)) {
                looked += take(folder, part);
            }
        }
        return looked;
    }

    /**
     * The batch cut so that each part holds at most {@link #BATCH_BYTES} of mail (a message alone may be larger): a
     * part is read whole into memory, attachments included, before its contacts are made durable.
     */
    static List<Message[]> bySize(Message[] batch) {
        List<Message[]> parts = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < batch.length; i++) {
            long size = sizeOf(batch[i]);
            if (i > from && bytes + size > BATCH_BYTES) {
                parts.add(java.util.Arrays.copyOfRange(batch, from, i));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (from < batch.length) {
            parts.add(java.util.Arrays.copyOfRange(batch, from, batch.length));
        }
        return parts;
    }

    /** The message's size as the server reports it, or 0 when the server cannot say (a malformed envelope). */
    private static long sizeOf(Message message) {
        try {
            return Math.max(0, message.getSize());
        } catch (MessagingException | RuntimeException e) {
            return 0;
        }
    }

    private int take(Folder folder, Message[] batch) throws MessagingException, InterruptedException {
        List<Message> messages = new ArrayList<>();
        List<MailIntake.Received> received = new ArrayList<>();
        for (Message message : batch) {
            long uid = folder instanceof UIDFolder uids ? uids.getUID(message) : -1;
            if (message.isExpunged() || laterUntil.containsKey(uid)) {
                continue;
            }
            if (intake.overLimit(senderOf(message))) { // not even downloaded while its sender is over the limit
                laterUntil.put(uid, System.currentTimeMillis() + LIMITED_WAIT_MS);
                continue;
            }
            messages.add(message);
            try {
                received.add(new MailIntake.Received(reader.read(message), mailbox));
            } catch (MailReader.MailboxLost e) {
                throw new MessagingException("the connection was lost while a message was read", e);
            }
        }
        List<MailIntake.Result> results = intake.take(received);
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (results.get(i) == MailIntake.Result.DONE) {
                message.setFlag(Flags.Flag.SEEN, true);
                taken.incrementAndGet();
                unread = Math.max(0, unread - 1);
            } else if (folder instanceof UIDFolder uids) {
                laterUntil.put(
                        uids.getUID(message),
                        System.currentTimeMillis() + settings.poll().toMillis());
            }
        }
        return messages.size();
    }

    /** The sender's address from the envelope already fetched, lower case; empty when there is none. */
    private static String senderOf(Message message) {
        try {
            Address[] from = message.getFrom();
            if (from != null
                    && from.length > 0
                    && from[0] instanceof InternetAddress internet
                    && internet.getAddress() != null) {
                return internet.getAddress().strip().toLowerCase(java.util.Locale.ROOT);
            }
        } catch (MessagingException | RuntimeException e) {
            // the reader reads a malformed sender leniently later
        }
        return "";
    }

    private void waitForMail() throws MessagingException, InterruptedException {
        Folder folder = inbox;
        if (idle && folder instanceof IMAPFolder imap) {
            state = "idle";
            imap.idle(true); // returns on the server's news, or when the waker sends a command
            state = "connected";
        } else {
            state = "polling";
            TimeUnit.MILLISECONDS.sleep(settings.poll().toMillis());
        }
    }

    /** Ends an IDLE every poll interval (a command on the folder ends it), so a lost notification costs one interval. */
    private void wake() {
        while (!closed) {
            try {
                Thread.sleep(settings.poll().toMillis());
                Folder folder = inbox;
                if (idle && folder != null && folder.isOpen()) {
                    folder.getMessageCount();
                }
            } catch (InterruptedException e) {
                return;
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("Mailbox {}: waking the reader failed: {}", mailbox.name(), e.toString());
            }
        }
    }

    private void disconnect() {
        Folder folder = inbox;
        inbox = null;
        Store s = store;
        store = null;
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing the folder", e);
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing the store", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        waker.interrupt();
        disconnect();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
