/**
 * The voice channel: subscribers' SIP calls to the center's service numbers (111...), answered with G.711 and turned
 * into voice contacts through the {@link org.switchboard.core.port.ChannelPort}; nothing here reaches into the
 * engine, so the same code can run beside a remote center. The SIP stack is JAIN SIP's reference implementation.
 */
@NullMarked
package org.switchboard.voice;

import org.jspecify.annotations.NullMarked;
