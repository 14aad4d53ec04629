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

    /** The tariffs and services subscribers can have. */
    Catalogue catalogue();

    /** Adds a tariff to the catalogue, or replaces the one of the same name. */
    void saveTariff(Tariff tariff);

    /** Adds a service to the catalogue, or replaces the one of the same name. */
    void saveService(LineService service);

    /**
     * Moves the subscriber to {@code tariff}, and records who did it, for which contact, before and after, in the audit
     * log: one transaction, so the change and its audit exist together or not at all. Throws
     * {@link AccountChangeRefused} (nothing changed) for an unknown subscriber or tariff, or the current tariff.
     */
    AccountChange changeTariff(String msisdn, String tariff, AccountActor actor);

    /**
     * Connects ({@code connected}) or disconnects a service of the subscriber's line, audited in the same transaction
     * as {@link #changeTariff}. Throws {@link AccountChangeRefused} for an unknown subscriber or service, or a service
     * already so.
     */
    AccountChange setService(String msisdn, String service, boolean connected, AccountActor actor);
}
