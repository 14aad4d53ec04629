package org.switchboard.core.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.switchboard.core.model.Channel;

/**
 * The answers a channel adapter owes subscribers ({@link org.switchboard.core.message.Event.MessageSent} not yet
 * reported submitted or failed), durable across restarts, and the submitted ones awaiting their delivery receipt
 * by the network's reference. The adapter sends what is pending when it starts or reconnects and reports on each
 * ({@link org.switchboard.core.message.Command.ReportDelivery}), which is what takes it out. Thread-safe.
 */
public interface AnswerOutbox {

    /** An answer to deliver: {@code text} to {@code to} over {@code channel}. */
    record Pending(UUID contactId, UUID messageId, Channel channel, String to, String text, long atMs) {}

    /** A submitted answer whose delivery receipt has not come. */
    record Submitted(UUID contactId, UUID messageId, Channel channel, long atMs) {}

    /** The answers of {@code channel} waiting to be submitted, oldest first. */
    List<Pending> pending(Channel channel);

    /** The submitted answer the network knows as {@code reference}, while its receipt has not come. */
    Optional<Submitted> submitted(String reference);
}
