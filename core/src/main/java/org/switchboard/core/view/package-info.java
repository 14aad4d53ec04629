/**
 * Immutable pictures of the engine's state for readers: queues with their waiting counts and estimates, agents with
 * their status and contacts, contacts with their place in line. The runtime publishes them in read models after
 * every durable batch (docs/decisions/0008); nothing here changes state.
 */
@NullMarked
package org.switchboard.core.view;

import org.jspecify.annotations.NullMarked;
