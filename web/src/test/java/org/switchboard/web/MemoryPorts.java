package org.switchboard.web;

import org.switchboard.core.message.Credential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;

/** Test fixtures: in-memory implementations of the ports the web uses. */
final class MemoryPorts {

    private MemoryPorts() {
    }

    /** Tokens by their hash, as the real store keeps them; a principal's new token drops its old one. */
    static final class Tokens implements AccessTokens {
        private final Map<String, Principal> byHash = new ConcurrentHashMap<>();

        @Override
        public Optional<Principal> authenticate(String token) {
            return token == null ? Optional.empty()
                    : Optional.ofNullable(byHash.get(Credential.ofToken(token).tokenHash()));
        }

        @Override
        public void issue(Principal principal, String token) {
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

        @Override
        public synchronized void record(AuditRecord record) {
            records.add(record);
        }

        @Override
        public synchronized List<AuditRecord> about(String subject, int limit) {
            return records.reversed().stream().filter(r -> r.subject().equals(subject)).limit(limit).toList();
        }

        synchronized List<AuditRecord> all() {
            return List.copyOf(records);
        }
    }

    static final class Subscribers implements SubscriberRegistry {
        private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
        private final Map<String, String> codeWords = new ConcurrentHashMap<>();

        @Override
        public Optional<Subscriber> find(String msisdn) {
            return Optional.ofNullable(subscribers.get(msisdn));
        }

        @Override
        public boolean verifyCodeWord(String msisdn, String codeWord) {
            return codeWord.equals(codeWords.get(msisdn));
        }

        @Override
        public void save(Subscriber subscriber, String codeWord) {
            subscribers.put(subscriber.msisdn(), subscriber);
            codeWords.put(subscriber.msisdn(), codeWord);
        }
    }
}
