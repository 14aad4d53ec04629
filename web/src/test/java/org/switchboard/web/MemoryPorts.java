package org.switchboard.web;

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
import org.switchboard.core.port.TokenInUseException;

/** Test fixtures: in-memory implementations of the ports the web uses. */
final class MemoryPorts {

    private MemoryPorts() {
    }

    /** Tokens by value; issuing a principal's new token drops its old one; another principal's token is refused. */
    static final class Tokens implements AccessTokens {
        private final Map<String, Principal> byToken = new ConcurrentHashMap<>();

        @Override
        public Optional<Principal> authenticate(String token) {
            return Optional.ofNullable(byToken.get(token));
        }

        @Override
        public synchronized void issue(Principal principal, String token) {
            Principal holder = byToken.get(token);
            if (holder != null && !holder.name().equals(principal.name())) {
                throw new TokenInUseException();
            }
            byToken.values().removeIf(p -> p.name().equals(principal.name()));
            byToken.put(token, principal);
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
