package org.switchboard.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.RoutingView;

/**
 * One waiting callback a number, whichever channel asks. A hostile probe asked for a callback from the portal and from
 * the USSD menu at the same moment and got two for one number, three times in three: each channel checked "one
 * waiting callback" under a lock of its own. The USSD menu now asks under the lock the portal takes
 * ({@link CallbackLocks}), and looks for the number's callback where the portal does ({@link WaitingCallbacks}).
 */
class CallbackLocksTest {

    private static final String NUMBER = "+79120000001";

    @Test
    void theUssdMenuAsksForACallbackUnderTheLockThePortalTakesToo() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ChannelPort center = center(sent, Map.of());
        UssdCallbacks callbacks = new UssdCallbacks(
                center, new WaitingCallbacks(history(List.of()), center::view), "callbacks", Duration.ofSeconds(1));

        Thread asking;
        synchronized (CallbackLocks.of(NUMBER)) { // as the portal holds it while it checks and arranges
            asking = Thread.ofVirtual().start(() -> callbacks.request(NUMBER, "ussd-http", "session-1"));
            asking.join(300);
            assertThat(sent).as("not while the portal arranges one").hasValue(0);
        }
        asking.join(5_000);

        assertThat(sent).as("asked once the portal is done").hasValue(1);
    }

    /**
     * A bug report's case: a number whose callback (arranged in the portal under another topic) waited in another queue
     * got a second one from the USSD menu, which looked in its own queue only. One a number, in any queue.
     */
    @Test
    void theUssdMenuFindsTheNumbersCallbackInAnyQueue() {
        AtomicInteger sent = new AtomicInteger();
        ContactView ended = contact(Channel.VOICE, "info", ContactState.QUEUED, 1); // not shown live: it ended
        ContactView elsewhere = contact(Channel.CALLBACK, "tech", ContactState.QUEUED, 3);
        ChannelPort center = center(sent, Map.of(elsewhere.id(), elsewhere));
        UssdCallbacks callbacks = new UssdCallbacks(
                center,
                new WaitingCallbacks(history(List.of(ended.id(), elsewhere.id())), center::view),
                "callbacks",
                Duration.ofSeconds(1));

        Integer place = callbacks.request(NUMBER, "ussd-http", "session-2");

        assertThat(place).as("the place the first one keeps").isEqualTo(3);
        assertThat(sent).as("no second callback").hasValue(0);
    }

    @Test
    void aCallbackBeingPlacedIsNoReasonToRefuseTheNextOne() {
        AtomicInteger sent = new AtomicInteger();
        ContactView talking = contact(Channel.CALLBACK, "tech", ContactState.CONNECTED, null);
        ChannelPort center = center(sent, Map.of(talking.id(), talking));
        UssdCallbacks callbacks = new UssdCallbacks(
                center,
                new WaitingCallbacks(history(List.of(talking.id())), center::view),
                "callbacks",
                Duration.ofSeconds(1));

        callbacks.request(NUMBER, "ussd-http", "session-3");

        assertThat(sent).hasValue(1);
    }

    private static ContactView contact(Channel channel, String queue, ContactState state, Integer position) {
        return new ContactView(
                UUID.randomUUID(),
                null,
                channel,
                NUMBER,
                NUMBER,
                queue,
                0,
                Map.of(),
                state,
                position,
                null,
                null,
                0,
                0,
                0,
                null,
                null);
    }

    private static ContactHistory history(List<UUID> newestFirst) {
        return new ContactHistory() {
            @Override
            public List<Event.ContactEvent> timeline(UUID contactId) {
                return List.of();
            }

            @Override
            public List<UUID> contactsOf(String msisdn, int limit) {
                return msisdn.equals(NUMBER) ? newestFirst : List.of();
            }
        };
    }

    /** A center showing {@code live} contacts, whose every command fails (the outcome is then unknown, and said so). */
    private static ChannelPort center(AtomicInteger sent, Map<UUID, ContactView> live) {
        RoutingView empty = (RoutingView) Proxy.newProxyInstance(
                RoutingView.class.getClassLoader(), new Class<?>[] {RoutingView.class}, (proxy, method, args) -> {
                    if (method.getName().equals("contact")) {
                        return Optional.ofNullable(live.get((UUID) args[0]));
                    }
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
