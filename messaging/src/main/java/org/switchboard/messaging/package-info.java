/**
 * The text channels: SMS over SMPP 3.4 with the center as an ESME ({@link org.switchboard.messaging.SmsGateway}).
 * They reach the center only through the channel port, and deliver the answers the center records.
 */
@NullMarked
package org.switchboard.messaging;

import org.jspecify.annotations.NullMarked;
