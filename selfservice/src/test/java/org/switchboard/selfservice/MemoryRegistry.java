package org.switchboard.selfservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;
import org.switchboard.core.port.TariffChangeTerms;

/** The registry in memory, with the actors of its changes kept for the tests to read. */
final class MemoryRegistry implements SubscriberRegistry {

    final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    final List<Tariff> tariffs = new ArrayList<>();
    final List<LineService> services = new ArrayList<>();
    final List<AccountActor> actors = new ArrayList<>();
    volatile boolean down;

    @Override
    public Optional<Subscriber> find(String msisdn) {
        if (down) {
            throw new org.switchboard.core.port.StoreUnavailableException("down", new java.io.IOException("down"));
        }
        return Optional.ofNullable(subscribers.get(msisdn));
    }

    @Override
    public boolean verifyCodeWord(String msisdn, String codeWord) {
        return false;
    }

    @Override
    public void save(Subscriber subscriber, String codeWord) {
        subscribers.put(subscriber.msisdn(), subscriber);
    }

    @Override
    public Catalogue catalogue() {
        return new Catalogue( // ordered by name, as the port promises
                tariffs.stream()
                        .sorted(java.util.Comparator.comparing(Tariff::name))
                        .toList(),
                services.stream()
                        .sorted(java.util.Comparator.comparing(LineService::name))
                        .toList());
    }

    @Override
    public void saveTariff(Tariff tariff) {
        tariffs.add(tariff);
    }

    @Override
    public void saveService(LineService service) {
        services.add(service);
    }

    @Override
    public synchronized AccountChange changeTariff(String msisdn, String tariff, AccountActor actor) {
        Subscriber before = subscribers.get(msisdn);
        if (before == null || before.tariff().equals(tariff)) {
            throw new AccountChangeRefused(AccountChangeRefused.Reason.UNCHANGED, "unchanged");
        }
        TariffChangeTerms terms = catalogue().termsOfChange(before, tariff).orElseThrow();
        if (!terms.affordableBy(before)) {
            throw new AccountChangeRefused(AccountChangeRefused.Reason.INSUFFICIENT_BALANCE, "low balance");
        }
        Subscriber after = new Subscriber(
                msisdn,
                before.name(),
                tariff,
                before.balanceMinor() - terms.feeMinor(),
                before.currency(),
                before.services().stream()
                        .filter(service -> !terms.disconnected().contains(service))
                        .toList(),
                before.language());
        subscribers.put(msisdn, after);
        actors.add(actor);
        return new AccountChange(before, after);
    }

    @Override
    public synchronized AccountChange setService(String msisdn, String service, boolean connected, AccountActor actor) {
        Subscriber before = subscribers.get(msisdn);
        if (before == null || before.services().contains(service) == connected) {
            throw new AccountChangeRefused(AccountChangeRefused.Reason.UNCHANGED, "unchanged");
        }
        if (connected
                && catalogue()
                        .tariff(before.tariff())
                        .filter(t -> !t.allows(service))
                        .isPresent()) {
            throw new AccountChangeRefused(AccountChangeRefused.Reason.NOT_ALLOWED, "not allowed");
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
        subscribers.put(msisdn, after);
        actors.add(actor);
        return new AccountChange(before, after);
    }
}
