package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Form bodies ({@code application/x-www-form-urlencoded}) for the operations that take one, the USSD gateway's: what
 * a gateway sends (a session walking the menu of the subscriber the campaign knows, or of another number), and that
 * broken on purpose: a field missing, given twice, empty or hostile, a %-escape cut short or not UTF-8, a body past
 * the size limit, JSON where a form belongs. Single-threaded; every choice comes from the campaign's seeded
 * {@link Random}.
 */
final class FormBodies {

    private static final List<String> KEYS = List.of("", "1", "2", "3", "0", "1*1", "2*1", "2*1*1", "3*1*1", "9", "00");
    private static final List<String> SERVICE_CODES =
            List.of("*111#", "*111#", "*111#", "*111#", "*111#", "111", "*111*1#", "*999#", "");
    private static final List<String> BROKEN_ESCAPES =
            List.of("%", "%2", "%zz", "%ff%fe", "%c0%ae", "%ed%a0%80", "%00");

    private final Random random;
    private final Hostile hostile;
    private final Cast cast;
    private int session;

    FormBodies(Random random, Hostile hostile, Cast cast) {
        this.random = random;
        this.hostile = hostile;
        this.cast = cast;
    }

    /** A form for {@code schema} and the kind of damage done to it ("valid" when none). */
    Bodies.Body any(JsonNode schema) {
        Map<String, String> fields = valid(schema);
        int roll = random.nextInt(100);
        if (roll < 35) {
            return Bodies.Body.of("valid", encode(fields));
        } else if (roll < 55) {
            String name = hostile.pick(List.copyOf(fields.keySet()));
            fields.put(name, random.nextBoolean() ? hostile.text() : "");
            return Bodies.Body.of("one-field-broken", encode(fields));
        } else if (roll < 65) {
            fields.remove(hostile.pick(List.copyOf(fields.keySet())));
            return Bodies.Body.of("field-missing", encode(fields));
        } else if (roll < 72) {
            String name = hostile.pick(List.copyOf(fields.keySet()));
            return Bodies.Body.of("field-twice", encode(fields) + "&" + name + "=" + RequestParts.encode("1", false));
        } else if (roll < 80) {
            String name = hostile.pick(List.copyOf(fields.keySet()));
            return Bodies.Body.of("bad-escape", encode(fields) + "&" + name + "=" + hostile.pick(BROKEN_ESCAPES) + "x");
        } else if (roll < 85) {
            return new Bodies.Body("not-utf-8", notUtf8(encode(fields)));
        } else if (roll < 90) {
            return Bodies.Body.of("huge", encode(fields) + "&text=" + "1*".repeat(40_000));
        } else if (roll < 95) {
            return Bodies.Body.of(
                    "json", "{\"sessionId\":\"s\",\"serviceCode\":\"*111#\",\"phoneNumber\":\"+79120000001\"}");
        }
        return Bodies.Body.of("garbage", hostile.pick(List.of("", "&&&", "=", "a", "sessionId", "==&==", "%")));
    }

    /** What a gateway sends: every field the schema has, with a value it would send. */
    private Map<String, String> valid(JsonNode schema) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            fields.put(name, value(name));
        }
        if (fields.isEmpty()) {
            fields.put("a", "1");
        }
        return fields;
    }

    private String value(String field) {
        return switch (field) {
            case "sessionId" -> "fz-" + (random.nextInt(4) == 0 ? hostile.plain(8) : Integer.toString(++session % 5));
            case "serviceCode" -> hostile.pick(SERVICE_CODES);
            case "phoneNumber" -> {
                Cast.Actor subscriber = cast.anyOf(ApiContract.SUBSCRIBER);
                yield subscriber != null && random.nextInt(3) > 0
                        ? subscriber.name()
                        : "+7912" + (1_000_000 + random.nextInt(9_000_000));
            }
            case "text" -> hostile.pick(KEYS);
            default -> hostile.plain(1 + random.nextInt(10));
        };
    }

    private String encode(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) ->
                pairs.add(RequestParts.encode(name, false) + "=" + RequestParts.encode(value, random.nextInt(6) == 0)));
        return String.join("&", pairs);
    }

    /** {@code form} with raw bytes that are not UTF-8 put into one of its values. */
    private static byte[] notUtf8(String form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = form.getBytes(StandardCharsets.US_ASCII);
        int at = form.indexOf('=') + 1;
        out.write(bytes, 0, at);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xae});
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }
}
