package org.switchboard.runtime;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.CommandFingerprint;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.view.RoutingView;

/**
 * The {@link ChannelPort} of an adapter running in the center's own process: commands go to the center's inbox
 * under keys scoped to the channel's name (so they never collide with another client's), reads come from the
 * published read model, events from the center's listeners once durable (never the replay of a start).
 * Thread-safe.
 */
public final class InProcessChannelPort implements ChannelPort {

    private final ContactCenter center;
    private final String channel;

    /** The port of the channel adapter named {@code channel} (its idempotency keys' scope, e.g. "voice"). */
    public InProcessChannelPort(ContactCenter center, String channel) {
        this.center = Objects.requireNonNull(center, "center");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.switchboard.core.model.InvalidValueException when the key is not 1..128 printable ASCII
     *     characters (nothing is sent)
     */
    @Override
    public CompletableFuture<Outcome> send(Command.FromChannel command, String idempotencyKey) {
        RequestKey key = new RequestKey(channel, idempotencyKey, CommandFingerprint.of(command));
        return center.submit(command, key).thenApply(Reply::outcome);
    }

    @Override
    public RoutingView view() {
        return center.view();
    }

    @Override
    public long nowInMs() {
        return center.nowInMs();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Event> listener) {
        Objects.requireNonNull(listener, "listener");
        EventListener forward = new EventListener() {
            @Override
            public void onEvents(List<Event> events, boolean replay) {
                if (!replay) {
                    events.forEach(listener);
                }
            }

            @Override
            public String toString() {
                return "the " + channel + " channel's subscription";
            }
        };
        center.addListener(forward);
        return () -> center.removeListener(forward);
    }
}
