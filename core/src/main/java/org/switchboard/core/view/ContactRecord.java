package org.switchboard.core.view;

import org.switchboard.core.model.CapacityClass;

/**
 * A live contact as the engine holds it, with the keys that order it in its queue: what read models are built
 * from. Two waiting contacts of one queue and capacity class are served in the order of {@code (rankKey,
 * rankSeq)}; a contact's position is one more than the number of contacts of its class that come before it.
 *
 * @param view     the contact, without position and estimate (they depend on the others; read models add them)
 * @param rankKey  the routing key: the time it queued minus its priority's worth of waiting
 * @param rankSeq  the arrival number that breaks ties of equal keys
 */
public record ContactRecord(ContactView view, CapacityClass capacityClass, long rankKey, long rankSeq) {}
