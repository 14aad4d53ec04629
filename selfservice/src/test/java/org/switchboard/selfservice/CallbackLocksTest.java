package org.switchboard.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.view.RoutingView;

/**
 * A hostile probe asked for a callback from the portal and from the USSD menu at the same moment and got two for one
 * number, three times in three: each channel checked "one waiting callback" under a lock of its own. The USSD menu now
 * asks under the lock the portal takes ({@link CallbackLocks}).
 */
class CallbackLocksTest {

    private static final String NUMBER = "+79120000001";

    @Test
    void theUssdMenuAsksForACallbackUnderTheLockThePortalTakesToo() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        UssdCallbacks callbacks = new UssdCallbacks(center(sent), "callbacks", Duration.ofSeconds(1));

        Thread asking;
        synchronized (CallbackLocks.of(NUMBER)) { // as the portal holds it while it checks and arranges
            asking = Thread.ofVirtual().start(() -> callbacks.request(NUMBER, "ussd-http", "session-1"));
            asking.join(300);
            assertThat(sent).as("not while the portal arranges one").hasValue(0);
        }
        asking.join(5_000);

        assertThat(sent).as("asked once the portal is done").hasValue(1);
    }

    /** A center with an empty queue whose every command fails (the outcome is then unknown, and said so). */
    private static ChannelPort center(AtomicInteger sent) {
        RoutingView empty = (RoutingView) Proxy.newProxyInstance(
                RoutingView.class.getClassLoader(), new Class<?>[] {RoutingView.class}, (proxy, method, args) -> {
                    if (method.getReturnType() == List.class) {
                        return List.of();
                    }
                    return method.getReturnType() == Optional.class ? Optional.empty() : null;
                });
        return new ChannelPort() {
            @Override
            public CompletableFuture<Outcome> send(Command.FromChannel command, String idempotencyKey) {
                sent.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("no center in this test"));
            }

            @Override
            public RoutingView view() {
                return empty;
            }

            @Override
            public long nowInMs() {
                return 0;
            }

            @Override
            public AutoCloseable subscribe(Consumer<Event> listener) {
                return () -> {};
            }
        };
    }
}
