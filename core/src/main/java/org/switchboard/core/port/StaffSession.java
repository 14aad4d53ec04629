package org.switchboard.core.port;

/**
 * A signed-in member of staff's session in the browser.
 *
 * @param key         identifies the session without being its secret (a hash of it): for ending its event streams
 * @param principal   who signed in, as the center knows them now
 * @param csrfToken   the value state-changing requests of this session send in {@code X-CSRF-Token}
 * @param expiresAtMs when the session ends by itself
 */
public record StaffSession(String key, Principal principal, String csrfToken, long expiresAtMs) {}
