/**
 * Self-service on the subscriber registry: the USSD menu a subscriber walks (balance, tariff, services), its screens
 * within the USSD limits and languages, and the sessions (one per MSISDN, a timeout, an end reason), served alike by
 * every USSD gateway (HTTP, SMPP). Depends on the core's ports only.
 */
@NullMarked
package org.switchboard.selfservice;

import org.jspecify.annotations.NullMarked;
