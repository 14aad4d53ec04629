package org.switchboard.core.port;

import java.util.Optional;

/**
 * The subscriber bounded context: subscribers, tariffs, services, balance and the code word. An operator may plug
 * in its billing system here; the built-in implementation keeps it in the center's database. Thread-safe.
 */
public interface SubscriberRegistry {

    Optional<Subscriber> find(String msisdn);

    /**
     * Whether {@code codeWord} is the subscriber's secret code word. The code word is only ever stored as a salted,
     * slow hash. False for an unknown subscriber.
     */
    boolean verifyCodeWord(String msisdn, String codeWord);

    /** Creates or replaces a subscriber and sets its code word. */
    void save(Subscriber subscriber, String codeWord);
}
