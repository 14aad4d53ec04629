/**
 * What the core needs from the outside world, as interfaces the storage module implements: the journal, snapshots,
 * contact histories, subscribers, access tokens, the audit log, code-word attempts and the statistics archive. A
 * store that cannot answer throws {@link org.switchboard.core.port.StoreUnavailableException}; nothing here knows SQL.
 */
@NullMarked
package org.switchboard.core.port;

import org.jspecify.annotations.NullMarked;
