package org.switchboard.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.Role;
import org.switchboard.selfservice.UssdScreen;
import org.switchboard.selfservice.UssdSessions;

/**
 * {@code POST /api/v1/ussd}: the HTTP USSD gateway many operators front USSD with (the form of Africa's Talking and
 * its like): {@code sessionId}, {@code serviceCode}, {@code phoneNumber} and {@code text} (every answer of the
 * session so far, joined by {@code *}) in a form; the answer is {@code CON} and the next screen, or {@code END} and
 * the last, as plain text. The same menu and sessions as USSD over SMPP. For channel principals (the gateway is a
 * machine); refusals are JSON as everywhere.
 */
final class UssdRoutes {

    static final String USSD = "/api/v1/ussd";
    static final String CHANNEL = "ussd-http";
    private static final Pattern SESSION_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[0-9]{3,20}");
    private static final int MAX_TEXT = 182;
    static final int PER_NUMBER_PER_MINUTE = 60;

    private final Auth auth;
    private final JsonBodies bodies;
    private final Supplier<@Nullable UssdService> ussd;
    /** One number's requests: a dialogue takes a screen every few seconds at most, a flood is cut off here. */
    private final RequestQuota perNumber = new RequestQuota(PER_NUMBER_PER_MINUTE, 60_000);

    /** The form's fields, as the document names them. */
    record UssdRequest(String sessionId, String serviceCode, String phoneNumber, String text) {}

    /** The menu's sessions and the service code they answer. */
    record UssdService(UssdSessions sessions, String serviceCode) {}

    UssdRoutes(Auth auth, JsonBodies bodies, Supplier<@Nullable UssdService> ussd) {
        this.auth = auth;
        this.bodies = bodies;
        this.ussd = ussd;
    }

    void register(RouteTable routes) {
        routes.post(USSD, this::answer);
    }

    private void answer(Context ctx) {
        auth.require(ctx, Role.CHANNEL);
        UssdService service = ussd.get();
        if (service == null) {
            throw ApiException.unavailable("USSD is not served by this center (no subscriber registry to serve it)");
        }
        String declared = ctx.contentType();
        String contentType = declared == null ? "" : declared;
        if (!contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            throw new ApiException(
                    415, "unsupported_media_type", "a USSD request is a form: application/x-www-form-urlencoded");
        }
        UssdRequest request = read(form(bodies.raw(ctx)), service.serviceCode());
        long waitMs = perNumber.take(request.phoneNumber(), System.currentTimeMillis());
        if (waitMs > 0) { // a real subscriber answers a screen every few seconds; this is a flood for one number
            ctx.header("Retry-After", String.valueOf((waitMs + 999) / 1000));
            throw new ApiException(
                    429,
                    "too_many_requests",
                    "too many USSD requests for " + request.phoneNumber()
                            + " in a minute; the number's requests are taken again in " + ((waitMs + 999) / 1000)
                            + " s");
        }
        List<String> answers =
                request.text().isEmpty() ? List.of() : List.of(request.text().split("\\*", -1));
        UssdScreen screen = service.sessions().turn(request.phoneNumber(), request.sessionId(), CHANNEL, answers);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result((screen.goesOn() ? "CON " : "END ") + screen.text());
    }

    /**
     * The form's fields, decoded strictly: a malformed percent-escape is refused (a lenient decoder drops the field,
     * and an answer would go missing), as is text that is not UTF-8.
     */
    static Map<String, List<String>> form(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.badRequest("the form is not UTF-8");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.isEmpty() ? new String[0] : text.split("&", -1)) {
            int at = pair.indexOf('=');
            String name = decode(at < 0 ? pair : pair.substring(0, at));
            String value = at < 0 ? "" : decode(pair.substring(at + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    /** One name or value: {@code +} a space, {@code %XX} a byte, and the bytes strictly UTF-8 (%FF%FE is refused). */
    private static String decode(String encoded) {
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                int high = i + 2 < in.length ? Character.digit(in[i + 1] & 0xff, 16) : -1;
                int low = high < 0 ? -1 : Character.digit(in[i + 2] & 0xff, 16);
                if (low < 0) {
                    throw ApiException.badRequest("the form has a malformed %-escape: " + AuditText.cut(encoded, 40));
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(in[i] == '+' ? ' ' : in[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.badRequest("the form's %-escapes are not UTF-8: " + AuditText.cut(encoded, 40));
        }
    }

    /** The form, every field checked; {@code text} empty when absent. */
    private static UssdRequest read(Map<String, List<String>> form, String servedCode) {
        String sessionId = required(form, "sessionId", SESSION_ID, "1 to 100 printable ASCII characters");
        String msisdn = required(form, "phoneNumber", INTERNATIONAL, "an MSISDN in international form, +79120000001");
        String serviceCode = single(form, "serviceCode");
        if (serviceCode == null || !servedCode.equals(serviceCode)) {
            throw ApiException.badRequest("'serviceCode': this center serves " + servedCode);
        }
        String text = single(form, "text");
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(
                    "'text': the answers so far joined by '*', at most 182 characters, no controls");
        }
        return new UssdRequest(sessionId, serviceCode, msisdn, text);
    }

    private static String required(Map<String, List<String>> form, String name, Pattern rule, String says) {
        String value = single(form, name);
        if (value == null || !rule.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "'" + name + "' is " + (value == null ? "required" : "not valid") + ": " + says);
        }
        return value;
    }

    private static @Nullable String single(Map<String, List<String>> form, String name) {
        List<String> values = form.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest("'" + name + "' is given more than once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
