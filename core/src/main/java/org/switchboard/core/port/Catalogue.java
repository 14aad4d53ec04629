package org.switchboard.core.port;

import java.util.List;
import java.util.Optional;

/** The operator's tariffs and services, each list ordered by name. */
public record Catalogue(List<Tariff> tariffs, List<LineService> services) {

    public Catalogue {
        tariffs = List.copyOf(tariffs);
        services = List.copyOf(services);
    }

    public Optional<Tariff> tariff(String name) {
        return tariffs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<LineService> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The terms of moving {@code subscriber} to the tariff {@code name}; empty when the catalogue has no such tariff. */
    public Optional<TariffChangeTerms> termsOfChange(Subscriber subscriber, String name) {
        return tariff(name).map(t -> TariffChangeTerms.of(subscriber, t));
    }
}
