package org.switchboard.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.core.message.Credential;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.TokenInUseException;
import org.switchboard.core.time.Clock;

/** Test fixtures: in-memory implementations of the ports the web uses. */
final class MemoryPorts {

    private MemoryPorts() {}

    /** What a store's port throws when its database is away. */
    static void failIf(boolean unavailable) {
        if (unavailable) {
            throw new StoreUnavailableException("the database is away (SQLState 08006)", null);
        }
    }

    /**
     * Tokens by their hash, as the real store keeps them; a principal's new token drops its old one; another
     * principal's token is refused.
     */
    static final class Tokens implements AccessTokens {
        private final Map<String, Principal> byHash = new ConcurrentHashMap<>();
        /** While true, every look-up fails as the real store does when its database is away. */
        volatile boolean unavailable;

        @Override
        public Optional<Principal> authenticate(String token) {
            failIf(unavailable);
            return token == null
                    ? Optional.empty()
                    : Optional.ofNullable(byHash.get(Credential.ofToken(token).tokenHash()));
        }

        @Override
        public synchronized void issue(Principal principal, String token) {
            Principal holder = byHash.get(Credential.ofToken(token).tokenHash());
            if (holder != null && !holder.name().equals(principal.name())) {
                throw new TokenInUseException();
            }
            grant(principal, Credential.ofToken(token));
        }

        /** What the journal's credential projection does for a definition that carries a token. */
        synchronized void grant(Principal principal, Credential credential) {
            byHash.values().removeIf(p -> p.name().equals(principal.name()));
            byHash.put(credential.tokenHash(), principal);
        }
    }

    static final class Audit implements AuditLog {
        private final List<AuditRecord> records = new ArrayList<>();
        /** While true, every record fails as the real log does when its database is away. */
        volatile boolean unavailable;

        @Override
        public synchronized void record(AuditRecord record) {
            failIf(unavailable);
            records.add(record);
        }

        @Override
        public synchronized List<AuditRecord> about(String subject, int limit) {
            return records.reversed().stream()
                    .filter(r -> r.subject().equals(subject))
                    .limit(limit)
                    .toList();
        }

        synchronized List<AuditRecord> all() {
            return List.copyOf(records);
        }
    }

    /** Failed code-word checks per line, as the port's contract says, in memory. */
    static final class Attempts implements CodeWordAttempts {
        private final Map<String, Deque<Long>> failuresByMsisdn = new HashMap<>();
        private final Clock clock;

        Attempts(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized boolean reserve(String msisdn) {
            long nowInMs = clock.nowInMs();
            Deque<Long> failures = failuresByMsisdn.computeIfAbsent(msisdn, k -> new ArrayDeque<>());
            while (!failures.isEmpty() && failures.peekFirst() <= nowInMs - WINDOW_IN_MS) {
                failures.removeFirst();
            }
            if (failures.size() >= MAX_FAILURES) {
                return false;
            }
            failures.addLast(nowInMs);
            return true;
        }

        @Override
        public synchronized void succeeded(String msisdn) {
            failuresByMsisdn.remove(msisdn);
        }
    }

    /** Subscribers with plain code words; a check can be made as slow as a real hash, and is counted. */
    static final class Subscribers implements SubscriberRegistry {
        private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
        private final Map<String, String> codeWords = new ConcurrentHashMap<>();
        private final AtomicInteger checks = new AtomicInteger();
        private volatile Duration checkTime = Duration.ZERO;
        /** While true, every look-up fails as the real registry does when its database is away. */
        volatile boolean unavailable;

        @Override
        public Optional<Subscriber> find(String msisdn) {
            failIf(unavailable);
            return Optional.ofNullable(subscribers.get(msisdn));
        }

        @Override
        public boolean verifyCodeWord(String msisdn, String codeWord) {
            checks.incrementAndGet();
            try {
                Thread.sleep(checkTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return codeWord.equals(codeWords.get(msisdn));
        }

        /** How many code words were checked so far. */
        int checks() {
            return checks.get();
        }

        /** Makes each check take {@code time}, as the slow hash of the real registry does (about 40 ms). */
        void checkTakes(Duration time) {
            checkTime = time;
        }

        @Override
        public void save(Subscriber subscriber, String codeWord) {
            subscribers.put(subscriber.msisdn(), subscriber);
            codeWords.put(subscriber.msisdn(), codeWord);
        }
    }

    /** Phone credentials as the port's contract says, in memory: HA1 by user name, and the last password issued. */
    static final class Phones implements PhoneCredentials {
        private final String realm;
        private final Map<String, String> ha1s = new ConcurrentHashMap<>();

        Phones(String realm) {
            this.realm = realm;
        }

        @Override
        public String realm() {
            return realm;
        }

        @Override
        public String issue(String user) {
            String password = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            ha1s.put(user, PhoneCredentials.ha1(user, realm, password));
            return password;
        }

        @Override
        public boolean revoke(String user) {
            return ha1s.remove(user) != null;
        }

        @Override
        public Optional<String> ha1(String user) {
            return Optional.ofNullable(ha1s.get(user));
        }
    }

    /** Recordings as the port's contract says: rows in memory, audio in a temporary directory. */
    static final class Recordings implements org.switchboard.core.port.Recordings {
        private final java.nio.file.Path directory;
        private final Map<UUID, Recording> rows = new ConcurrentHashMap<>();
        /** While true, every call fails as the real store does when its database is away. */
        volatile boolean unavailable;

        Recordings() {
            try {
                directory = java.nio.file.Files.createTempDirectory("switchboard-recordings");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Lists a recording of {@code contactId} with {@code agentId} whose audio is {@code audio}. */
        Recording add(UUID contactId, String agentId, byte[] audio) {
            UUID id = UUID.randomUUID();
            try {
                java.nio.file.Files.write(audioFile(id), audio);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long now = System.currentTimeMillis();
            Recording recording = new Recording(id, contactId, agentId, "q", now - 1_000, now, audio.length);
            add(recording);
            return recording;
        }

        @Override
        public java.nio.file.Path audioFile(UUID id) {
            return directory.resolve(id + ".wav");
        }

        @Override
        public void add(Recording recording) {
            failIf(unavailable);
            rows.put(recording.id(), recording);
        }

        @Override
        public List<Recording> ofContact(UUID contactId) {
            failIf(unavailable);
            return rows.values().stream()
                    .filter(r -> r.contactId().equals(contactId))
                    .sorted(java.util.Comparator.comparingLong(Recording::startedAtMs))
                    .toList();
        }

        @Override
        public Optional<Recording> find(UUID id) {
            failIf(unavailable);
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public java.io.InputStream audio(Recording recording) throws java.io.IOException {
            return java.nio.file.Files.newInputStream(audioFile(recording.id()));
        }

        @Override
        public int forgetBefore(long cutoffMs) {
            List<Recording> old =
                    rows.values().stream().filter(r -> r.endedAtMs() < cutoffMs).toList();
            old.forEach(r -> rows.remove(r.id()));
            return old.size();
        }
    }

    /**
     * The voice channel's side of listening in, as the port's contract says: the contacts {@link #connect}ed are
     * bridged calls, every supervisor but {@code "nophone"} has a registered phone, one supervisor per call.
     */
    static final class Monitoring implements org.switchboard.core.port.CallMonitoring {
        private final Set<UUID> connected = ConcurrentHashMap.newKeySet();
        private final Map<UUID, String> supervisors = new ConcurrentHashMap<>();
        private final Map<UUID, Mode> modes = new ConcurrentHashMap<>();

        void connect(UUID contactId) {
            connected.add(contactId);
        }

        /** The mode {@code contactId}'s supervisor is in, if one is. */
        Optional<Mode> mode(UUID contactId) {
            return Optional.ofNullable(modes.get(contactId));
        }

        @Override
        public synchronized Result monitor(UUID contactId, String supervisor, Mode mode) {
            if (!connected.contains(contactId)) {
                return Result.NOT_CONNECTED;
            }
            String present = supervisors.get(contactId);
            if (present != null && !present.equals(supervisor)) {
                return Result.TAKEN;
            }
            if (present == null && supervisor.equals("nophone")) {
                return Result.NO_PHONE;
            }
            supervisors.put(contactId, supervisor);
            modes.put(contactId, mode);
            return present == null ? Result.RINGING : Result.CHANGED;
        }

        @Override
        public synchronized boolean stop(UUID contactId, String supervisor) {
            if (!supervisor.equals(supervisors.get(contactId))) {
                return false;
            }
            supervisors.remove(contactId);
            modes.remove(contactId);
            return true;
        }
    }
}
