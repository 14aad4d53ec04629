package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;

/** The registry's write side: the catalogue, tariff and service changes with their audit, all or nothing. */
@ParameterizedClass
@EnumSource(Backend.class)
class AccountChangesTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private static final UUID CONTACT = UUID.fromString("0193a0b0-0000-7000-8000-000000000001");
    private SubscriberRegistry registry;
    private final AccountActor anton = new AccountActor("anton", CONTACT, Samples.T0);

    @BeforeEach
    void ivanOnSmart() {
        registry = database.subscribers();
        registry.saveTariff(new Tariff("Motiv Smart", "300 minutes, 5 GB", 35_000, "RUB"));
        registry.saveTariff(new Tariff("Motiv Business", "unlimited", 90_000, "RUB"));
        registry.saveService(new LineService("Roaming", "calls abroad", 0, "RUB"));
        registry.saveService(new LineService("GPRS Internet", "mobile internet", 10_000, "RUB"));
        registry.save(
                new Subscriber(IVAN, "Ivan Petrov", "Motiv Smart", 25_050, "RUB", List.of("GPRS Internet"), "ru"),
                "ural");
    }

    @Test
    void theCatalogueListsTariffsAndServicesByNameAndASaveReplaces() {
        registry.saveTariff(new Tariff("Motiv Smart", "400 minutes", 40_000, "RUB"));

        assertThat(registry.catalogue().tariffs())
                .containsExactly(
                        new Tariff("Motiv Business", "unlimited", 90_000, "RUB"),
                        new Tariff("Motiv Smart", "400 minutes", 40_000, "RUB"));
        assertThat(registry.catalogue().services())
                .extracting(LineService::name)
                .containsExactly("GPRS Internet", "Roaming");
    }

    @Test
    void aTariffChangeIsMadeAndAuditedWithTheContactBeforeAndAfter() {
        AccountChange change = registry.changeTariff(IVAN, "Motiv Business", anton);

        assertThat(change.before().tariff()).isEqualTo("Motiv Smart");
        assertThat(change.after().tariff()).isEqualTo("Motiv Business");
        assertThat(registry.find(IVAN).orElseThrow().tariff()).isEqualTo("Motiv Business");
        assertThat(database.auditLog().about(IVAN, 5)).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("anton");
            assertThat(r.action()).isEqualTo("subscriber.change-tariff");
            assertThat(r.atMs()).isEqualTo(Samples.T0);
            assertThat(r.detail()).isEqualTo("contact " + CONTACT + ": tariff 'Motiv Smart' -> 'Motiv Business'");
        });
    }

    @Test
    void aTariffsFeeIsTakenAndTheServicesItDoesNotAllowGoInOneAuditedChangeOrNothingChanges() {
        Tariff mini = new Tariff("Motiv Mini", "calls only", 9_900, "RUB", 5_000, List.of("Roaming"));
        registry.saveTariff(mini);
        assertThat(registry.catalogue().tariff("Motiv Mini")).hasValue(mini);
        registry.setService(IVAN, "Roaming", true, anton);

        AccountChange change = registry.changeTariff(IVAN, "Motiv Mini", anton);

        Subscriber after = registry.find(IVAN).orElseThrow();
        assertThat(after).isEqualTo(change.after());
        assertThat(after.balanceMinor()).isEqualTo(25_050 - 5_000);
        assertThat(after.services()).containsExactly("Roaming");
        assertThat(database.auditLog().about(IVAN, 1))
                .singleElement()
                .satisfies(r -> assertThat(r.detail())
                        .isEqualTo("contact " + CONTACT + ": tariff 'Motiv Smart' -> 'Motiv Mini', fee 5000,"
                                + " services [GPRS Internet, Roaming] -> [Roaming]"));
        assertThatThrownBy(() -> registry.setService(IVAN, "GPRS Internet", true, anton))
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountChangeRefused.Reason.NOT_ALLOWED));

        registry.saveTariff(new Tariff("Motiv Gold", "everything", 200_000, "RUB", 30_000, null));
        assertThatThrownBy(() -> registry.changeTariff(IVAN, "Motiv Gold", anton))
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountChangeRefused.Reason.INSUFFICIENT_BALANCE));
        assertThat(registry.find(IVAN).orElseThrow())
                .as("a refusal changes nothing")
                .isEqualTo(after);
        assertThat(database.auditLog().about(IVAN, 10))
                .as("the connection and the change")
                .hasSize(2);
    }

    @Test
    void servicesAreConnectedAndDisconnected() {
        registry.setService(IVAN, "Roaming", true, anton);
        AccountChange off = registry.setService(IVAN, "GPRS Internet", false, anton);

        assertThat(off.after().services()).containsExactly("Roaming");
        assertThat(registry.find(IVAN).orElseThrow().services()).containsExactly("Roaming");
        assertThat(database.auditLog().about(IVAN, 5))
                .extracting(r -> r.action())
                .containsExactlyInAnyOrder("subscriber.connect-service", "subscriber.disconnect-service");
    }

    @Test
    void refusedChangesChangeNothingAndAuditNothing() {
        assertRefused(() -> registry.changeTariff("+70000000000", "Motiv Business", anton), "UNKNOWN_SUBSCRIBER");
        assertRefused(() -> registry.changeTariff(IVAN, "Gold", anton), "NOT_IN_CATALOGUE");
        assertRefused(() -> registry.changeTariff(IVAN, "Motiv Smart", anton), "UNCHANGED");
        assertRefused(() -> registry.setService(IVAN, "Teleport", true, anton), "NOT_IN_CATALOGUE");
        assertRefused(() -> registry.setService(IVAN, "GPRS Internet", true, anton), "UNCHANGED");
        assertRefused(() -> registry.setService(IVAN, "Roaming", false, anton), "UNCHANGED");

        assertThat(registry.find(IVAN).orElseThrow().tariff()).isEqualTo("Motiv Smart");
        assertThat(database.auditLog().about(IVAN, 5)).isEmpty();
    }

    @Test
    void aChangeWhoseAuditCannotBeWrittenIsNotMade() throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_record RENAME TO audit_record_away");
        }
        try {
            assertThatThrownBy(() -> registry.changeTariff(IVAN, "Motiv Business", anton))
                    .isInstanceOf(StorageException.class);
            assertThat(registry.find(IVAN).orElseThrow().tariff()).isEqualTo("Motiv Smart");
        } finally {
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE audit_record_away RENAME TO audit_record");
            }
        }
    }

    @Test
    void concurrentChangesOfOneAccountTakeTurnsAndLoseNone() throws Exception {
        List<String> services = List.of("Roaming", "GPRS Internet");
        registry.setService(IVAN, "GPRS Internet", false, anton);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccountChange>> changes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            for (String service : services) {
                changes.add(threads.submit(() -> {
                    start.await();
                    return registry.setService(IVAN, service, true, anton);
                }));
            }
            changes.add(threads.submit(() -> {
                start.await();
                return registry.changeTariff(IVAN, "Motiv Business", anton);
            }));
            start.countDown();
        }
        for (Future<AccountChange> change : changes) {
            change.get();
        }
        Subscriber now = registry.find(IVAN).orElseThrow();
        assertThat(now.services()).containsExactlyInAnyOrderElementsOf(services);
        assertThat(now.tariff()).isEqualTo("Motiv Business");
    }

    private static void assertRefused(Runnable change, String reason) {
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason().name()).isEqualTo(reason));
    }
}
