package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.switchboard.core.net.AddressBlocks;
import org.switchboard.core.port.Subscriber;

/**
 * One client flooding the portal's sign-in does not take everyone else's: its checks beyond the first wait their turn
 * and the rest are refused with 429 before they reach the password store, while another client's sign-in is checked
 * at once. Behind a trusted reverse proxy the client is the one its {@code X-Forwarded-For} names; without one, the
 * header changes nothing. The store's checks are held open here (a slow hash), so nothing depends on timing.
 */
class SignInFloodTest {

    private static final String NUMBER = "+79127000001";
    private static final String PASSWORD = "the right password";
    /** The first in flight, {@link PasswordCheckGate#WAITING_PER_CLIENT} waiting, and this many refused. */
    private static final int REFUSED = 8;

    @Test
    void behindATrustedProxyAFloodingClientWaitsOrIsRefusedAndAnotherIsChecked() throws Exception {
        try (RunningCenter center =
                        new RunningCenter(WebOptions.DEFAULTS.withTrustedProxies(AddressBlocks.parse("127.0.0.1")));
                Flood flood = new Flood(center)) { // closed first: the held checks end even if an assertion fails
            flood.holdChecks();
            flood.signInFrom("203.0.113.7");
            waitFor(() -> center.portal.checking.get() == 1);

            List<RunningCenter.Answer> refused = flood.burstFrom(i -> "203.0.113.7");
            assertThat(center.portal.checking.get())
                    .as("the flood reached the store")
                    .isEqualTo(1);

            flood.signInFrom("1.1.1.1, 198.51.100.9"); // another client; its first hop is its own to make up
            waitFor(() -> center.portal.checking.get() == 2);

            flood.release();
            assertRefused(refused);
            flood.assertAllAnsweredWithout503();
            assertThat(center.audit.all().stream()
                            .filter(r -> r.action().equals("portal.sign-in"))
                            .map(org.switchboard.core.port.AuditRecord::detail))
                    .as("the audit names the client the proxy served")
                    .contains("with the password, from 198.51.100.9", "with the password, from 203.0.113.7")
                    .noneMatch(detail -> detail.contains("127.0.0.1") || detail.contains("1.1.1.1"));
        }
    }

    @Test
    void withoutATrustedProxyTheForwardedHeaderMakesNoOtherClient() throws Exception {
        try (RunningCenter center = new RunningCenter();
                Flood flood = new Flood(center)) {
            flood.holdChecks();
            flood.signInFrom("203.0.113.7");
            waitFor(() -> center.portal.checking.get() == 1);

            List<RunningCenter.Answer> refused = flood.burstFrom(i -> "198.51.100." + i); // a new "address" each

            assertThat(center.portal.checking.get()).isEqualTo(1);
            flood.release();
            assertRefused(refused);
            flood.assertAllAnsweredWithout503();
        }
    }

    private static void assertRefused(List<RunningCenter.Answer> refused) {
        assertThat(refused).hasSizeGreaterThanOrEqualTo(REFUSED).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.text("error")).isEqualTo("too_many_requests");
            assertThat(answer.headers("Retry-After")).containsExactly("1");
        });
    }

    /** Sign-ins sent together, each on its own virtual thread. */
    private static final class Flood implements AutoCloseable {
        private final RunningCenter center;
        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        private final List<CompletableFuture<RunningCenter.Answer>> sent = new ArrayList<>();
        private final CountDownLatch hold = new CountDownLatch(1);

        Flood(RunningCenter center) {
            this.center = center;
            center.subscribers.save(new Subscriber(NUMBER, "Irina", "Smart 300", 50_000, "RUB", List.of(), "ru"), "x");
            center.portal.setPassword(NUMBER, PASSWORD, null);
        }

        void holdChecks() {
            center.portal.hold = hold;
        }

        void release() {
            hold.countDown();
        }

        @Override
        public void close() {
            release();
            senders.close();
        }

        CompletableFuture<RunningCenter.Answer> signInFrom(String forwardedFor) {
            CompletableFuture<RunningCenter.Answer> answer = CompletableFuture.supplyAsync(
                    () -> center.send(center.request("/api/v1/portal/session", null)
                            .header("X-Forwarded-For", forwardedFor)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"msisdn\":\"" + NUMBER + "\",\"password\":\"" + PASSWORD + "\"}"))),
                    senders);
            sent.add(answer);
            return answer;
        }

        /**
         * Sends as many sign-ins as wait their turn plus {@link #REFUSED}, and returns the answers that came while the
         * first check is held: refusals, since the waiting ones are answered only when it ends.
         */
        List<RunningCenter.Answer> burstFrom(java.util.function.IntFunction<String> forwardedFor) throws Exception {
            List<CompletableFuture<RunningCenter.Answer>> burst = new ArrayList<>();
            for (int i = 0; i < PasswordCheckGate.WAITING_PER_CLIENT + REFUSED; i++) {
                burst.add(signInFrom(forwardedFor.apply(i)));
            }
            waitFor(() -> burst.stream().filter(CompletableFuture::isDone).count() >= REFUSED);
            return burst.stream()
                    .filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join)
                    .toList();
        }

        void assertAllAnsweredWithout503() {
            for (CompletableFuture<RunningCenter.Answer> answer : sent) {
                assertThat(answer.orTimeout(20, TimeUnit.SECONDS).join().status())
                        .isIn(200, 429);
            }
            assertThat(sent.stream().filter(a -> a.join().status() == 200)).isNotEmpty();
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
