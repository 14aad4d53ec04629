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
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Credential;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StaffSession;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;
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

    /**
     * Staff passwords kept in clear and sessions in a map: the web layer's side of sign-in (cookies, CSRF, roles) is
     * tested here; hashing and lockout are the storage's, tested there. The principal of a name is the token holder's.
     */
    static final class Staff implements StaffAccounts {
        private final Tokens tokens;
        private final Map<String, String> passwords = new ConcurrentHashMap<>();
        private final Map<String, String> sessionNames = new ConcurrentHashMap<>();
        private final Map<String, String> csrfTokens = new ConcurrentHashMap<>();
        private final Map<String, Long> expiries = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        /** When set, a sign-in as this name answers that it is locked. */
        volatile String locked;
        /** While true, every call fails as the real store does when its database is away. */
        volatile boolean unavailable;

        Staff(Tokens tokens) {
            this.tokens = tokens;
        }

        private Optional<Principal> principal(String name) {
            return tokens.byHash.values().stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst();
        }

        @Override
        public boolean setPassword(String name, String password) {
            failIf(unavailable);
            if (principal(name).isEmpty()) {
                return false;
            }
            passwords.put(name, password);
            sessionNames.values().removeIf(name::equals);
            return true;
        }

        @Override
        public SignIn signIn(String name, String password) {
            failIf(unavailable);
            if (name.equals(locked)) {
                return new SignIn.Locked(System.currentTimeMillis() + LOCK_MS, true);
            }
            if (!password.equals(passwords.get(name))) {
                return new SignIn.Refused();
            }
            String id = "session-" + ids.incrementAndGet() + "-0123456789abcdef0123456789";
            sessionNames.put(id, name);
            csrfTokens.put(id, "csrf-" + id);
            expiries.put(id, System.currentTimeMillis() + 12 * 3_600_000L);
            return new SignIn.Opened(id, session(id).orElseThrow());
        }

        @Override
        public Optional<StaffSession> session(String sessionId) {
            failIf(unavailable);
            String name = sessionId == null ? null : sessionNames.get(sessionId);
            return name == null
                    ? Optional.empty()
                    : principal(name)
                            .map(p -> new StaffSession(
                                    "key-" + sessionId, p, csrfTokens.get(sessionId), expiries.get(sessionId)));
        }

        @Override
        public void signOut(String sessionId) {
            failIf(unavailable);
            sessionNames.remove(sessionId);
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

    /** The reason lists in memory, starting with two of each kind. */
    /** Self-service sessions in memory; a session counts as followed up when its subscriber is in {@link #followed}. */
    static final class SelfService implements org.switchboard.core.port.SelfServiceLog {
        final List<Session> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.Set<String> followed = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void record(Session session) {
            sessions.add(session);
        }

        @Override
        public List<Outcome> endedBetween(long fromMs, long toMs) {
            return sessions.stream()
                    .filter(s -> s.endedAtMs() >= fromMs && s.endedAtMs() < toMs)
                    .map(s -> new Outcome(s, followed.contains(s.msisdn())))
                    .toList();
        }

        @Override
        public long forgetBefore(long ms) {
            long before = sessions.size();
            sessions.removeIf(s -> s.endedAtMs() < ms);
            return before - sessions.size();
        }

        @Override
        public List<Session> sessionsOf(String msisdn) {
            return sessions.stream().filter(s -> s.msisdn().equals(msisdn)).toList();
        }
    }

    static final class Reasons implements org.switchboard.core.port.ReasonCodes {
        private final java.util.Map<Kind, List<Code>> lists = new java.util.EnumMap<>(java.util.Map.of(
                Kind.NOT_READY, List.of(new Code("break", true), new Code("training", true)),
                Kind.DISPOSITION, List.of(new Code("resolved", true), new Code("information given", true))));

        @Override
        public synchronized List<Code> list(Kind kind) {
            return lists.get(kind);
        }

        @Override
        public synchronized void replace(Kind kind, List<Code> codes, String actor, long atMs) {
            lists.put(kind, org.switchboard.core.port.ReasonCodes.check(codes));
        }
    }

    /**
     * The voice menu in memory: a text is a menu when it has a line {@code start: NAME} (the voice channel's real check
     * is the app's business); {@code unavailable} makes it throw as a store that cannot answer.
     */
    static final class VoiceMenus implements org.switchboard.core.port.VoiceMenus {
        private Menu current = new Menu("start: main\n", 0, "built-in", null, null);
        volatile boolean unavailable;
        /** While true, no menu is loaded yet, as while the voice channel starts. */
        volatile boolean notLoaded;

        @Override
        public synchronized java.util.Optional<Menu> current() {
            check();
            return notLoaded ? java.util.Optional.empty() : java.util.Optional.of(current);
        }

        @Override
        public synchronized Saved replace(String text, long expectedVersion, String actor, long atMs) {
            check();
            if (expectedVersion != current.version()) {
                return new Saved.Stale(current);
            }
            if (!text.lines().anyMatch(l -> l.matches("start: [a-z]+"))) {
                return new Saved.Invalid("the menu: 'start' is required, the first menu callers hear");
            }
            current = new Menu(text, expectedVersion + 1, "console", atMs, actor);
            return new Saved.Done(current);
        }

        private void check() {
            if (unavailable) {
                throw new org.switchboard.core.port.StoreUnavailableException("the voice menu store is down", null);
            }
        }
    }

    /** The knowledge base as the port's contract says, in memory, auditing into {@code audit}. */
    static final class Knowledge implements org.switchboard.core.port.KnowledgeBase {
        private final java.util.Map<java.util.UUID, org.switchboard.core.port.Article> articles =
                new java.util.LinkedHashMap<>();
        private final Audit audit;

        Knowledge(Audit audit) {
            this.audit = audit;
        }

        @Override
        public synchronized List<org.switchboard.core.port.Article> search(
                String query, org.switchboard.core.port.Article.Kind kind, int limit) {
            List<String> words = query.isBlank()
                    ? List.of()
                    : List.of(query.toLowerCase(java.util.Locale.ROOT).strip().split("\\s+"));
            return articles.values().stream()
                    .filter(a -> kind == null || a.kind() == kind)
                    .filter(a -> words.stream().allMatch(w -> text(a).contains(w)))
                    .sorted(java.util.Comparator.comparingLong(org.switchboard.core.port.Article::updatedAtMs)
                            .reversed())
                    .limit(limit)
                    .toList();
        }

        private static String text(org.switchboard.core.port.Article a) {
            return (a.title() + " " + String.join(" ", a.tags()) + " " + a.body()).toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public synchronized java.util.Optional<org.switchboard.core.port.Article> find(java.util.UUID id) {
            return java.util.Optional.ofNullable(articles.get(id));
        }

        @Override
        public synchronized Saved save(Draft draft, Integer expectedVersion, String actor, long atMs) {
            var current = articles.get(draft.id());
            if (expectedVersion == null && current != null) {
                return new Saved.Exists();
            }
            if (expectedVersion != null && current == null) {
                return new Saved.Missing();
            }
            if (current != null && current.version() != expectedVersion) {
                return new Saved.Stale(current);
            }
            boolean taken = articles.values().stream()
                    .anyMatch(a -> !a.id().equals(draft.id())
                            && a.kind() == draft.kind()
                            && a.title().equals(draft.title()));
            if (taken) {
                return new Saved.TitleTaken(draft.title());
            }
            var saved = new org.switchboard.core.port.Article(
                    draft.id(),
                    draft.kind(),
                    draft.title(),
                    draft.body(),
                    draft.tags(),
                    current == null ? 1 : current.version() + 1,
                    atMs,
                    actor);
            audit.record(new AuditRecord(
                    atMs,
                    actor,
                    current == null ? "knowledge.create" : "knowledge.change",
                    "knowledge/" + draft.id(),
                    draft.title()));
            articles.put(draft.id(), saved);
            return new Saved.Done(saved);
        }

        @Override
        public synchronized Saved delete(java.util.UUID id, int expectedVersion, String actor, long atMs) {
            var current = articles.get(id);
            if (current == null) {
                return new Saved.Missing();
            }
            if (current.version() != expectedVersion) {
                return new Saved.Stale(current);
            }
            audit.record(new AuditRecord(atMs, actor, "knowledge.delete", "knowledge/" + id, current.title()));
            articles.remove(id);
            return new Saved.Done(null);
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
    /** Registered e-mail addresses in memory, audited as the database's are. */
    static final class Emails implements org.switchboard.core.port.SubscriberEmails {
        private final Map<String, String> byMsisdn = new ConcurrentHashMap<>();
        private final Subscribers subscribers;
        private final Audit audit;

        Emails(Subscribers subscribers, Audit audit) {
            this.subscribers = subscribers;
            this.audit = audit;
        }

        @Override
        public Optional<String> msisdnOf(String address) {
            var normalized = org.switchboard.core.port.SubscriberEmails.normalized(address);
            return byMsisdn.entrySet().stream()
                    .filter(e -> normalized.isPresent() && e.getValue().equals(normalized.get()))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }

        @Override
        public Optional<String> addressOf(String msisdn) {
            return Optional.ofNullable(byMsisdn.get(msisdn));
        }

        @Override
        public synchronized void register(
                String msisdn, @Nullable String address, org.switchboard.core.port.AccountActor actor) {
            String after = address == null
                    ? null
                    : org.switchboard.core.port.SubscriberEmails.normalized(address)
                            .orElseThrow(() -> new IllegalArgumentException("not an e-mail address: " + address));
            if (subscribers.find(msisdn).isEmpty()) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.UNKNOWN_SUBSCRIBER, "no subscriber " + msisdn);
            }
            String before = byMsisdn.get(msisdn);
            if (java.util.Objects.equals(before, after)) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.UNCHANGED, "unchanged");
            }
            if (after != null && msisdnOf(after).filter(m -> !m.equals(msisdn)).isPresent()) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.TAKEN, "another subscriber registered " + after);
            }
            if (after == null) {
                byMsisdn.remove(msisdn);
            } else {
                byMsisdn.put(msisdn, after);
            }
            audit.record(new AuditRecord(
                    actor.atMs(),
                    actor.principal(),
                    "subscriber.set-email",
                    msisdn,
                    "contact " + actor.contactId() + ": e-mail " + before + " -> " + after));
        }
    }

    /** Attachments in memory. */
    static final class AttachmentStore implements org.switchboard.core.port.Attachments {
        private final List<File> files = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** While true, every read fails as the real store does when its database is away. */
        volatile boolean unavailable;

        @Override
        public Stored save(UUID contactId, UUID messageId, String name, String contentType, byte[] content, long atMs) {
            Stored stored =
                    new Stored(UUID.randomUUID(), contactId, messageId, name, contentType, content.length, atMs);
            files.add(new File(stored, content.clone()));
            return stored;
        }

        @Override
        public List<Stored> of(UUID contactId) {
            failIf(unavailable);
            return files.stream()
                    .map(File::stored)
                    .filter(s -> s.contactId().equals(contactId))
                    .toList();
        }

        @Override
        public Optional<File> open(UUID contactId, UUID id) {
            failIf(unavailable);
            return files.stream()
                    .filter(f -> f.stored().contactId().equals(contactId)
                            && f.stored().id().equals(id))
                    .findFirst();
        }

        @Override
        public void deleteOf(UUID contactId, UUID messageId) {
            files.removeIf(f -> f.stored().contactId().equals(contactId)
                    && f.stored().messageId().equals(messageId));
        }

        @Override
        public int deleteBefore(long cutMs) {
            int before = files.size();
            files.removeIf(f -> f.stored().atMs() < cutMs);
            return before - files.size();
        }
    }

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

        /** Removes a subscriber, as an erasure by another node would. */
        void forget(String msisdn) {
            subscribers.remove(msisdn);
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

        private final Map<String, Tariff> tariffs = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final Map<String, LineService> services = new java.util.concurrent.ConcurrentSkipListMap<>();
        /** Where account changes are audited, as the real registry does in the change's transaction. */
        volatile Audit audit;

        @Override
        public Catalogue catalogue() {
            failIf(unavailable);
            return new Catalogue(List.copyOf(tariffs.values()), List.copyOf(services.values()));
        }

        @Override
        public void saveTariff(Tariff tariff) {
            tariffs.put(tariff.name(), tariff);
        }

        @Override
        public void saveService(LineService service) {
            services.put(service.name(), service);
        }

        @Override
        public synchronized AccountChange changeTariff(String msisdn, String tariff, AccountActor actor) {
            Subscriber before = existing(msisdn);
            if (!tariffs.containsKey(tariff)) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.NOT_IN_CATALOGUE, "no tariff " + tariff);
            }
            if (tariff.equals(before.tariff())) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.UNCHANGED, "on " + tariff + " already");
            }
            Subscriber after = new Subscriber(
                    msisdn,
                    before.name(),
                    tariff,
                    before.balanceMinor(),
                    before.currency(),
                    before.services(),
                    before.language());
            return changed(actor, "subscriber.change-tariff", before, after);
        }

        @Override
        public synchronized AccountChange setService(
                String msisdn, String service, boolean connected, AccountActor actor) {
            Subscriber before = existing(msisdn);
            if (!services.containsKey(service)) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.NOT_IN_CATALOGUE, "no service " + service);
            }
            if (before.services().contains(service) == connected) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.UNCHANGED, service + " already so");
            }
            List<String> now = new ArrayList<>(before.services());
            if (connected) {
                now.add(service);
            } else {
                now.remove(service);
            }
            Subscriber after = new Subscriber(
                    msisdn,
                    before.name(),
                    before.tariff(),
                    before.balanceMinor(),
                    before.currency(),
                    now,
                    before.language());
            return changed(
                    actor, connected ? "subscriber.connect-service" : "subscriber.disconnect-service", before, after);
        }

        private Subscriber existing(String msisdn) {
            failIf(unavailable);
            Subscriber before = subscribers.get(msisdn);
            if (before == null) {
                throw new AccountChangeRefused(AccountChangeRefused.Reason.UNKNOWN_SUBSCRIBER, "no " + msisdn);
            }
            return before;
        }

        private AccountChange changed(AccountActor actor, String action, Subscriber before, Subscriber after) {
            subscribers.put(after.msisdn(), after);
            if (audit != null) {
                audit.record(new AuditRecord(
                        actor.atMs(),
                        actor.principal(),
                        action,
                        after.msisdn(),
                        "contact " + actor.contactId() + ": " + before.tariff() + " " + before.services() + " -> "
                                + after.tariff() + " " + after.services()));
            }
            return new AccountChange(before, after);
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

        @Override
        public int forgetContact(UUID contactId) {
            List<Recording> theirs = rows.values().stream()
                    .filter(r -> r.contactId().equals(contactId))
                    .toList();
            theirs.forEach(r -> rows.remove(r.id()));
            return theirs.size();
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

    /** Itemized records in memory, in time order; a cursor is the index of the next record. */
    static final class Usage implements org.switchboard.core.port.UsageRecords {
        private final List<org.switchboard.core.port.UsageRecord> records =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public synchronized Page page(String msisdn, long fromMs, long toMs, String after, int limit) {
            if (limit < 1 || limit > MAX_PAGE) {
                throw new IllegalArgumentException("limit");
            }
            int start = 0;
            if (after != null) {
                if (!after.matches("0\\.[0-9a-z]{1,6}")) {
                    throw new IllegalArgumentException("cursor");
                }
                start = Integer.parseInt(after.substring(2), 36);
            }
            List<org.switchboard.core.port.UsageRecord> range = records.stream()
                    .filter(r -> r.msisdn().equals(msisdn) && r.atMs() >= fromMs && r.atMs() < toMs)
                    .sorted(java.util.Comparator.comparingLong(org.switchboard.core.port.UsageRecord::atMs))
                    .toList();
            int end = Math.min(range.size(), start + limit);
            return new Page(
                    range.subList(Math.min(start, end), end),
                    end < range.size() ? "0." + Integer.toString(end, 36) : null);
        }

        @Override
        public Map<org.switchboard.core.port.UsageKind, Total> totals(String msisdn, long fromMs, long toMs) {
            Map<org.switchboard.core.port.UsageKind, Total> totals =
                    new java.util.EnumMap<>(org.switchboard.core.port.UsageKind.class);
            records.stream()
                    .filter(r -> r.msisdn().equals(msisdn) && r.atMs() >= fromMs && r.atMs() < toMs)
                    .forEach(r -> totals.merge(
                            r.kind(),
                            new Total(1, r.quantity(), r.costMinor()),
                            (a, b) -> new Total(
                                    a.count() + b.count(),
                                    a.quantity() + b.quantity(),
                                    a.costMinor() + b.costMinor())));
            return totals;
        }

        @Override
        public void append(List<org.switchboard.core.port.UsageRecord> more) {
            records.addAll(more);
        }

        @Override
        public long erase(String msisdn) {
            long before = records.size();
            records.removeIf(r -> r.msisdn().equals(msisdn));
            return before - records.size();
        }

        @Override
        public long deleteBefore(long cutoffMs) {
            long before = records.size();
            records.removeIf(r -> r.atMs() < cutoffMs);
            return before - records.size();
        }
    }

    /** Erasure over the memory stores; the memory journal keeps its timelines (the database's erasure is tested in storage). */
    record Erasure(
            Subscribers subscribers,
            Usage usage,
            SelfService selfService,
            org.switchboard.core.port.ContactHistory history)
            implements org.switchboard.core.port.PersonalData {
        @Override
        public Erased erase(String msisdn) {
            boolean known = subscribers.find(msisdn).isPresent();
            subscribers.forget(msisdn);
            long before = selfService.sessions.size();
            selfService.sessions.removeIf(s -> s.msisdn().equals(msisdn));
            return new Erased(
                    known,
                    usage.erase(msisdn),
                    history.contactsOf(msisdn, 1_000),
                    before - selfService.sessions.size());
        }
    }

    /** Portal sign-in in memory: plain passwords, the newest code, sessions; five wrong tries lock a number. */
    static final class Portal implements org.switchboard.core.port.PortalAccounts {
        private final Subscribers subscribers;
        private final Map<String, String> passwords = new ConcurrentHashMap<>();
        private final Map<String, String> codes = new ConcurrentHashMap<>();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final Map<String, PortalSession> sessions = new ConcurrentHashMap<>();
        /** While true, password checks answer as when the slow hash's slots are all taken. */
        volatile boolean busy;
        /** While set, a password check waits for it to open (a slow hash), after counting itself in {@link #checking}. */
        volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch hold;
        /** Password checks made or waiting on {@link #hold}. */
        final java.util.concurrent.atomic.AtomicInteger checking = new java.util.concurrent.atomic.AtomicInteger();
        /** The codes "sent", newest last, for the tests to read as the subscriber's phone would. */
        final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        Portal(Subscribers subscribers) {
            this.subscribers = subscribers;
        }

        private final Map<String, Long> codeSentAt = new ConcurrentHashMap<>();

        @Override
        public CodeRequest requestCode(String msisdn) {
            if (subscribers.find(msisdn).isEmpty()) {
                return new CodeRequest.Withheld();
            }
            long now = System.currentTimeMillis();
            Long last = codeSentAt.put(msisdn, now);
            if (last != null && last + CODE_INTERVAL_MS > now) {
                codeSentAt.put(msisdn, last);
                return new CodeRequest.NotNow(last + CODE_INTERVAL_MS);
            }
            String code = String.format("%06d", new java.util.Random().nextInt(1_000_000));
            codes.put(msisdn, code);
            sent.add(code);
            return new CodeRequest.Issued(code);
        }

        @Override
        public SignIn signInWithPassword(String msisdn, String password) {
            checking.incrementAndGet();
            java.util.concurrent.CountDownLatch slowHash = hold;
            if (slowHash != null) {
                try {
                    slowHash.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (busy) {
                return new SignIn.Busy();
            }
            return check(msisdn, password.equals(passwords.get(msisdn)), 0);
        }

        @Override
        public SignIn signInWithCode(String msisdn, String code) {
            return check(msisdn, code.equals(codes.remove(msisdn)), System.currentTimeMillis() + RESET_WINDOW_MS);
        }

        private SignIn check(String msisdn, boolean right, long resetUntilMs) {
            if (failures.getOrDefault(msisdn, 0) >= MAX_FAILURES) {
                return new SignIn.Locked(System.currentTimeMillis() + LOCK_MS);
            }
            if (!right || subscribers.find(msisdn).isEmpty()) {
                return failures.merge(msisdn, 1, Integer::sum) >= MAX_FAILURES // the fifth wrong try locks
                        ? new SignIn.Locked(System.currentTimeMillis() + LOCK_MS, true)
                        : new SignIn.Refused();
            }
            failures.remove(msisdn);
            String id = UUID.randomUUID() + "-" + UUID.randomUUID();
            PortalSession session = new PortalSession(
                    msisdn, UUID.randomUUID().toString(), System.currentTimeMillis() + 3_600_000, resetUntilMs);
            sessions.put(id, session);
            return new SignIn.Opened(id, session);
        }

        @Override
        public Optional<PortalSession> session(String sessionId) {
            return Optional.ofNullable(sessionId == null ? null : sessions.get(sessionId));
        }

        @Override
        public void signOut(String sessionId) {
            if (sessionId != null) {
                sessions.remove(sessionId);
            }
        }

        @Override
        public void setPassword(String msisdn, String password, String keptSessionId) {
            org.switchboard.core.port.PasswordText.requireValid(password, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
            passwords.put(msisdn, password);
            sessions.entrySet()
                    .removeIf(e ->
                            e.getValue().msisdn().equals(msisdn) && !e.getKey().equals(keptSessionId));
            sessions.replaceAll((id, s) ->
                    id.equals(keptSessionId) ? new PortalSession(s.msisdn(), s.csrfToken(), s.expiresAtMs(), 0) : s);
        }

        @Override
        public PasswordChange changePassword(String sessionId, String currentPassword, String newPassword) {
            org.switchboard.core.port.PasswordText.requireValid(newPassword, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
            PortalSession session = sessions.get(sessionId);
            if (session == null) {
                return new PasswordChange.SessionEnded();
            }
            if (currentPassword == null && session.currentPasswordRequired(System.currentTimeMillis())) {
                return new PasswordChange.CurrentPasswordNeeded();
            }
            if (currentPassword != null && busy) {
                return new PasswordChange.Busy();
            }
            if (currentPassword != null) {
                SignIn checked = check(session.msisdn(), currentPassword.equals(passwords.get(session.msisdn())), 0);
                if (checked instanceof SignIn.Opened opened) {
                    sessions.remove(opened.sessionId()); // a check, not a sign-in
                } else if (checked instanceof SignIn.Locked locked) {
                    sessions.remove(sessionId); // out with the lock, as the database's accounts do
                    return new PasswordChange.Locked(locked.untilMs(), locked.justLocked());
                } else {
                    return new PasswordChange.Refused();
                }
            }
            setPassword(session.msisdn(), newPassword, sessionId);
            sessions.remove(sessionId); // renewed, as the database's accounts do
            String renewedId = UUID.randomUUID() + "-" + UUID.randomUUID();
            PortalSession renewed =
                    new PortalSession(session.msisdn(), UUID.randomUUID().toString(), session.expiresAtMs(), 0);
            sessions.put(renewedId, renewed);
            return new PasswordChange.Changed(renewedId, renewed);
        }
    }
}
