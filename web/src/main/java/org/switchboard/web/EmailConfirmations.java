package org.switchboard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Addresses subscribers asked to register in the portal, waiting for the code mailed to them: an address counts only
 * once its owner proves they read its mail, or anyone could claim a stranger's address and read the stranger's
 * letters in their own account. One address waits per subscriber; a code is good for 15 minutes and 5 tries, and a
 * new one is sent at most once a minute. Kept in memory: a restart costs a subscriber one more code.
 */
final class EmailConfirmations {

    static final long VALID_MS = 15 * 60_000;
    static final long RESEND_AFTER_MS = 60_000;
    static final int TRIES = 5;
    private static final int MOST_WAITING = 100_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiting> byMsisdn = new ConcurrentHashMap<>();

    private record Waiting(String email, String code, long sentMs, int triesLeft) {}

    /** A new code for {@code email}, or the time a new one may be asked for. */
    sealed interface Issue {
        record Issued(String code) implements Issue {}

        record NotNow(long retryAtMs) implements Issue {}
    }

    /** What a code the subscriber typed says. */
    sealed interface Check {
        record Confirmed(String email) implements Check {}

        record Wrong(int triesLeft) implements Check {}

        record NothingWaiting() implements Check {}
    }

    Issue issue(String msisdn, String email, long nowMs) {
        if (byMsisdn.size() >= MOST_WAITING) {
            byMsisdn.values().removeIf(w -> nowMs - w.sentMs() > VALID_MS);
        }
        Issue[] issue = new Issue[1];
        byMsisdn.compute(msisdn, (key, waiting) -> {
            if (waiting != null && nowMs - waiting.sentMs() < RESEND_AFTER_MS) {
                issue[0] = new Issue.NotNow(waiting.sentMs() + RESEND_AFTER_MS);
                return waiting;
            }
            String code = String.format(java.util.Locale.ROOT, "%06d", random.nextInt(1_000_000));
            issue[0] = new Issue.Issued(code);
            return new Waiting(email, code, nowMs, TRIES);
        });
        return issue[0];
    }

    /** Forgets what waits for {@code msisdn} (the code could not be sent). */
    void forget(String msisdn) {
        byMsisdn.remove(msisdn);
    }

    /** The address waiting for {@code msisdn}'s confirmation, or null. */
    @Nullable
    String waiting(String msisdn, long nowMs) {
        Waiting w = byMsisdn.get(msisdn);
        return w == null || nowMs - w.sentMs() > VALID_MS ? null : w.email();
    }

    Check check(String msisdn, String code, long nowMs) {
        Check[] check = new Check[1];
        byMsisdn.computeIfPresent(msisdn, (key, waiting) -> {
            if (nowMs - waiting.sentMs() > VALID_MS) {
                check[0] = new Check.NothingWaiting();
                return null;
            }
            if (MessageDigest.isEqual(
                    waiting.code().getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.UTF_8))) {
                check[0] = new Check.Confirmed(waiting.email());
                return null;
            }
            int left = waiting.triesLeft() - 1;
            check[0] = new Check.Wrong(left);
            return left == 0 ? null : new Waiting(waiting.email(), waiting.code(), waiting.sentMs(), left);
        });
        return check[0] == null ? new Check.NothingWaiting() : check[0];
    }
}
