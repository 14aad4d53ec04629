package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.switchboard.core.net.AddressBlocks;

/**
 * One password check per client at a time: the client's further checks wait their turn (two here), one more is 429 at
 * once, another client is not held back, and every place is given back, also by a check that fails. The checks hold
 * their places until told to finish, so nothing depends on how fast threads are.
 */
class PasswordCheckGateTest {

    private final PasswordCheckGate gate =
            new PasswordCheckGate(new ClientAddress(AddressBlocks.parse("")), 1, 2, 60_000);

    @Test
    void aClientsChecksWaitTheirTurnOneTooManyIsRefusedAndOthersGoThrough() throws Exception {
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = clients.submit(() -> gate.check("203.0.113.7", () -> {
                firstIn.countDown();
                await(finish);
                ran.add("first");
                return "first";
            }));
            assertThat(firstIn.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> second = clients.submit(() -> gate.check("203.0.113.7", () -> run(ran, "second")));
            Future<String> third = clients.submit(() -> gate.check("203.0.113.7", () -> run(ran, "third")));
            waitFor(() -> gate.checksOf("203.0.113.7") == 3);

            assertThatThrownBy(() -> gate.check("203.0.113.7", () -> run(ran, "refused")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.code()).isEqualTo("too_many_requests");
                    });
            assertThat(gate.check("198.51.100.9", () -> run(ran, "other client")))
                    .isEqualTo("other client");
            assertThat(ran).containsExactly("other client"); // the waiting ones did not run beside the first

            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("third");
        }
        assertThat(ran).doesNotContain("refused").hasSize(4);
        assertThat(gate.clientsInFlight()).isZero();
    }

    @Test
    void aCheckThatWaitedTooLongIsRefusedWithoutRunning() throws Exception {
        PasswordCheckGate impatient = new PasswordCheckGate(new ClientAddress(AddressBlocks.parse("")), 1, 4, 1);
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = clients.submit(() -> impatient.check("a", () -> {
                firstIn.countDown();
                await(finish);
                return "first";
            }));
            assertThat(firstIn.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> impatient.check("a", () -> run(ran, "late")))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(429));

            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        }
        assertThat(ran).isEmpty();
        assertThat(impatient.clientsInFlight()).isZero();
    }

    @Test
    void aCheckThatFailsGivesItsPlaceBack() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> gate.check("a", () -> {
                        throw new IllegalStateException("the database is gone");
                    }))
                    .hasMessageContaining("database");
        }

        assertThat(gate.check("a", () -> "checked")).isEqualTo("checked");
        assertThat(gate.clientsInFlight()).isZero();
    }

    private static String run(List<String> ran, String name) {
        ran.add(name);
        return name;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
