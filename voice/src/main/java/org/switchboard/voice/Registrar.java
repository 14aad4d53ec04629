package org.switchboard.voice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.PhoneCredentials;

/**
 * The registrar agents' desk phones register with (RFC 3261 10): a REGISTER for {@code sip:<agent>@…} is challenged
 * with digest authentication ({@link Digest}) and, answered with the agent's credentials ({@link PhoneCredentials},
 * issued by the administrator), binds the agent to the phone's contact until it expires (60 s to 3600 s; 0 or
 * {@code Contact: *} unbinds). A phone may register only its own agent. A wrong answer is refused 403, not challenged
 * again, so a phone holding a revoked or replaced password fails once per REGISTER instead of retrying at once. A user
 * name that fails {@value #MAX_FAILURES} times from one address within {@value #FAILURE_WINDOW_SECONDS} s is refused
 * 403 there for the rest of that window, and so is every name from an address that fails
 * {@value #MAX_ADDRESS_FAILURES} times (one guessing many names): passwords cannot be guessed at network speed, and
 * one stale phone does not shut out the other phones behind the same NAT. Bindings live in memory: phones register again after a restart,
 * as they do every few minutes anyway. Thread-safe.
 */
final class Registrar {

    /**
     * Where an agent's phone takes calls.
     *
     * @param contact   the URI the phone registered
     * @param source    where its REGISTER came from (a phone behind NAT is reached there)
     * @param transport "udp" or "tcp"
     */
    record Binding(
            String user, String ha1, URI contact, InetSocketAddress source, String transport, long expiresAtMillis) {}

    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 3_600;
    static final int MAX_FAILURES = 10;
    static final int MAX_ADDRESS_FAILURES = 50;
    static final int FAILURE_WINDOW_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final PhoneCredentials credentials;
    private final Digest digest = new Digest();
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final LongSupplier clock;
    /** Addresses whose failures are remembered at most: a flood from many addresses costs bounded memory. */
    static final int MAX_TRACKED_SOURCES = 10_000;

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    /** Failures by address ({@link InetAddress}) and by user from an address ({@link UserAt}). */
    private final Map<Object, Failures> failures = new ConcurrentHashMap<>();

    private record UserAt(InetAddress address, String user) {}

    private record Failures(int count, long since) {}

    Registrar(
            PhoneCredentials credentials,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            LongSupplier clock) {
        this.credentials = credentials;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** The answer to {@code request}, a REGISTER that came from {@code source} over {@code transport}. */
    Response register(Request request, InetSocketAddress source, String transport) throws ParseException {
        long now = clock.getAsLong();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to == null || !(to.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null) {
            return messages.createResponse(Response.BAD_REQUEST, request);
        }
        String user = uri.getUser();
        if (blocked(source.getAddress(), MAX_ADDRESS_FAILURES, now)
                || blocked(new UserAt(source.getAddress(), user), MAX_FAILURES, now)) {
            return messages.createResponse(Response.FORBIDDEN, request);
        }
        AuthorizationHeader authorization = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (authorization == null) {
            return challenge(request, source, now, false);
        }
        String nonce = authorization.getNonce();
        Digest.Check fresh = nonce == null ? Digest.Check.WRONG : digest.checkNonce(nonce, now, source.getAddress());
        if (fresh != Digest.Check.RIGHT || !credentials.realm().equals(authorization.getRealm())) {
            return challenge(request, source, now, fresh == Digest.Check.STALE);
        }
        // only an answer to our own challenge counts as a failure: a spoofed packet cannot shut an address out
        if (!user.equals(authorization.getUsername())) {
            failed(source.getAddress(), now, user, "it answered for another user");
            return messages.createResponse(Response.FORBIDDEN, request);
        }
        Optional<String> ha1 = credentials.ha1(user);
        if (ha1.isEmpty() || !answersRight(authorization, request.getMethod(), nonce, ha1.get())) {
            failed(source.getAddress(), now, user, "wrong credentials");
            return messages.createResponse(Response.FORBIDDEN, request);
        }
        return bind(request, user, ha1.get(), source, transport, now);
    }

    /** The agent's phone, while its registration lasts. */
    Optional<Binding> binding(String user) {
        Binding binding = bindings.get(user);
        if (binding != null && binding.expiresAtMillis() <= clock.getAsLong()) {
            bindings.remove(user, binding);
            return Optional.empty();
        }
        return Optional.ofNullable(binding);
    }

    /**
     * The agent's phone to ring: its registration, while it lasts and while the password it registered with is still
     * the agent's (a revoked or re-issued password ends the registration at once, not when it expires).
     */
    Optional<Binding> phoneToRing(String user) {
        Optional<Binding> binding = binding(user);
        if (binding.isPresent()
                && !credentials.ha1(user).equals(Optional.of(binding.get().ha1()))) {
            bindings.remove(user, binding.get());
            LOG.info("Voice: {}'s phone registration ended: its SIP credentials were revoked or replaced", user);
            return Optional.empty();
        }
        return binding;
    }

    /** Phones registered now. */
    int registered() {
        long now = clock.getAsLong();
        return (int) bindings.values().stream()
                .filter(b -> b.expiresAtMillis() > now)
                .count();
    }

    private static boolean answersRight(AuthorizationHeader authorization, String method, String nonce, String ha1) {
        if (authorization.getURI() == null) {
            return false;
        }
        String qop = authorization.getQop();
        if (!"auth".equals(qop)) { // the challenge asks for qop=auth: an answer without it is a downgrade
            return false;
        }
        String count = qop == null ? null : String.format("%08x", authorization.getNonceCount());
        String expected = Digest.response(
                ha1, nonce, method, authorization.getURI().toString(), qop, count, authorization.getCNonce());
        return Digest.same(expected, authorization.getResponse());
    }

    private Response bind(
            Request request, String user, String ha1, InetSocketAddress source, String transport, long now)
            throws ParseException {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = contact != null && contact.getExpires() >= 0
                ? contact.getExpires()
                : expiresHeader != null ? expiresHeader.getExpires() : MAX_EXPIRES;
        if (contact == null) {
            Binding current = binding(user).orElse(null);
            return withContact(messages.createResponse(Response.OK, request), current, now); // a query
        }
        if (contact.isWildCard() || expires == 0) {
            bindings.remove(user);
            LOG.info("Voice: {}'s phone unregistered", user);
            return messages.createResponse(Response.OK, request);
        }
        if (expires < MIN_EXPIRES) {
            Response brief = messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
            brief.addHeader(minExpires());
            return brief;
        }
        expires = Math.min(expires, MAX_EXPIRES);
        Binding binding =
                new Binding(user, ha1, contact.getAddress().getURI(), source, transport, now + expires * 1_000L);
        if (bindings.put(user, binding) == null) {
            LOG.info("Voice: {}'s phone registered from {} ({})", user, source, transport);
        }
        // failures from this address are not forgotten: one account's success must not reset the guessing of another's
        return withContact(messages.createResponse(Response.OK, request), binding, now);
    }

    private Response withContact(Response response, @Nullable Binding binding, long now) throws ParseException {
        if (binding != null) {
            ContactHeader contact = headers.createContactHeader(addresses.createAddress(binding.contact()));
            try {
                contact.setExpires((int) Math.max(0, (binding.expiresAtMillis() - now) / 1_000));
            } catch (InvalidArgumentException e) {
                throw new ParseException(e.getMessage(), 0);
            }
            response.addHeader(contact);
        }
        return response;
    }

    private javax.sip.header.Header minExpires() throws ParseException {
        try {
            return headers.createMinExpiresHeader(MIN_EXPIRES);
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    private Response challenge(Request request, InetSocketAddress source, long now, boolean stale)
            throws ParseException {
        Response response = messages.createResponse(Response.UNAUTHORIZED, request);
        WWWAuthenticateHeader challenge = headers.createWWWAuthenticateHeader("Digest");
        challenge.setRealm(credentials.realm());
        challenge.setNonce(digest.nonce(now, source.getAddress()));
        challenge.setAlgorithm("MD5");
        challenge.setQop("auth");
        if (stale) {
            challenge.setParameter("stale", "true");
        }
        response.addHeader(challenge);
        return response;
    }

    private boolean blocked(Object source, int limit, long now) {
        Failures seen = failures.get(source);
        if (seen == null) {
            return false;
        }
        if (now - seen.since() > FAILURE_WINDOW_SECONDS * 1_000L) {
            failures.remove(source, seen);
            return false;
        }
        return seen.count() >= limit;
    }

    private void failed(InetAddress source, long now, String user, String why) {
        if (failures.size() > MAX_TRACKED_SOURCES) { // many sources: forget those whose window is over
            failures.values().removeIf(old -> now - old.since() > FAILURE_WINDOW_SECONDS * 1_000L);
            if (failures.size() > MAX_TRACKED_SOURCES) {
                LOG.warn(
                        "Voice: REGISTER failures from more than {} addresses; not tracking {}",
                        MAX_TRACKED_SOURCES,
                        source.getHostAddress());
                return;
            }
        }
        Failures fromThere = count(source, now);
        Failures ofUser = count(new UserAt(source, user), now);
        LOG.warn(
                "Voice: REGISTER for {} from {} refused: {} ({} failures for {} and {} in all from there)",
                user,
                source.getHostAddress(),
                why,
                ofUser.count(),
                user,
                fromThere.count());
    }

    private Failures count(Object key, long now) {
        return failures.merge(
                key,
                new Failures(1, now),
                (old, one) -> now - old.since() > FAILURE_WINDOW_SECONDS * 1_000L
                        ? one
                        : new Failures(old.count() + 1, old.since()));
    }
}
