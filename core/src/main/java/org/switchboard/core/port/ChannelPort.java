package org.switchboard.core.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.view.RoutingView;

/**
 * How a channel adapter (voice, messaging) reaches the center, and all it may do there: send the commands a channel
 * sends ({@link Command.FromChannel}), each under an idempotency key of the adapter's choosing so that sending it
 * again after a lost reply or a restart changes nothing; hear the events it acts on (a contact offered to an agent
 * whose phone must ring, a callback to dial, a contact requeued or ended); and read contacts, queues and agents as
 * the center last published them (position and estimated wait included). Nothing here reaches into the engine, so
 * an adapter can run in the center's process (the in-process implementation in the runtime) or, later, in a process
 * of its own against a remote center.
 */
public interface ChannelPort {

    /**
     * Sends {@code command}. The future completes with the outcome once the command is durable or refused, never
     * exceptionally; a command whose outcome the center cannot know (it stopped while writing it) completes
     * refused with {@code OUTCOME_UNKNOWN}, and sending it again under the same key is then safe. A key already used
     * for another command is refused.
     *
     * @param idempotencyKey 1..128 printable ASCII characters, unique per command within this channel
     */
    CompletableFuture<Outcome> send(Command.FromChannel command, String idempotencyKey);

    /** The center as of its latest durable batch; never waits for the routing thread. */
    RoutingView view();

    /**
     * The center's clock now, epoch ms: the time the center stamps commands with (the view's {@link
     * RoutingView#nowInMs()} is its last batch's, which stands still while nothing happens).
     */
    long nowInMs();

    /**
     * Calls {@code listener} with every durable event from now on, in order, on the center's own thread: it must
     * return quickly and not throw (hand calls and network work to threads of the adapter's own). Closing the
     * returned handle stops it.
     */
    AutoCloseable subscribe(Consumer<Event> listener);
}
