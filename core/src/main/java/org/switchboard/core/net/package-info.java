/**
 * Network addresses as settings and peers write them: IP literals parsed without ever asking DNS, and lists of
 * addresses and CIDR blocks (the SIP trunks calls may come from, the reverse proxies the web server trusts).
 */
@NullMarked
package org.switchboard.core.net;

import org.jspecify.annotations.NullMarked;
