package org.switchboard.web.fuzz;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Values a careless or hostile client sends: texts (empty, blank, huge, NUL and other control characters, RTL marks,
 * surrogate pairs and lone surrogates, injection attempts), JSON numbers (huge, negative, fractional, overflowing an
 * {@code int} or a {@code long}, thousands of digits) and JSON of the wrong shape (deep nesting). Drawn from one seeded
 * {@link Random}, so a campaign can be replayed. Never produces words the answer rules look for in details
 * ("Exception", package names, SQL keywords), so that a quoted value cannot look like a leak.
 */
final class Hostile {

    private static final List<String> FRAGMENTS = List.of(
            "",
            " ",
            "\t\n",
            "\u0000",
            "a\u0000b",
            "\u0007\u001b[2J",
            "\u202e",
            "\u200f",
            "\u200b",
            "\ufeff",
            "\u2028",
            "\uffff",
            "\ufffd",
            "e\u0301",
            "\ud83d\ude00",
            "\ud800",
            "\udc00",
            "\udbff\udfff",
            "日本語",
            "Ω≈ç√",
            "\u0645\u0631\u062d\u0628\u0627",
            "..",
            "../../etc/passwd",
            "%00",
            "%2e%2e%2f",
            "%",
            "%zz",
            "\\",
            "\"",
            "'",
            "' OR '1'='1",
            "1; DROP TABLE journal",
            "${jndi:ldap://x/a}",
            "<script>alert(1)</script>",
            "%s%n%x",
            "{{7*7}}",
            "null",
            "true",
            "0",
            "-1",
            "NaN",
            "Infinity",
            "1e309",
            "+79120000001",
            "READY",
            "voice",
            "info");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "1",
            "-1",
            "2",
            "10",
            "11",
            "1000",
            "1001",
            "50",
            "51",
            "3600",
            "86400",
            "86401",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "4294967301",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551621",
            "1e309",
            "-1e309",
            "1.5",
            "0.5",
            "1E2",
            "1e1",
            "5.0",
            "-0.0",
            "1e-400",
            "0.00000000000000000001");

    private final Random random;

    Hostile(Random random) {
        this.random = random;
    }

    /** A hostile text of one to a few fragments, or a long run of one character. */
    String text() {
        return switch (random.nextInt(10)) {
            case 0 -> repeat(pick(List.of("a", "é", "\ud83d\ude00", "\u0000", " ", "9")), 65 + random.nextInt(5_000));
            case 1 -> plain(1 + random.nextInt(64));
            case 2 -> "";
            default -> fragments(1 + random.nextInt(3));
        };
    }

    /** A text of one to five thousand characters meant as an id in a path: mostly plain, sometimes hostile. */
    String id() {
        return switch (random.nextInt(8)) {
            case 0 -> plain(1 + random.nextInt(5_000));
            case 1 -> plain(60 + random.nextInt(10));
            case 2 -> fragments(1 + random.nextInt(3));
            case 3 -> uuid().toString();
            case 4 -> repeat("é", 1 + random.nextInt(2_000));
            case 5 ->
                pick(List.of(
                        "00000000-0000-0000-0000-000000000000",
                        "1-1-1-1-1",
                        "{" + uuid() + "}",
                        uuid().toString().toUpperCase(java.util.Locale.ROOT),
                        "g" + uuid()));
            default -> plain(1 + random.nextInt(12)) + fragments(1);
        };
    }

    /** A JSON number as text: in and out of every range the API has, some beyond what a parser accepts. */
    String number() {
        return switch (random.nextInt(6)) {
            case 0 -> digits(20 + random.nextInt(2_000));
            case 1 -> Integer.toString(random.nextInt());
            default -> pick(NUMBERS);
        };
    }

    /** JSON nested {@code depth} levels deep, in arrays or objects. */
    String deep(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder json = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "[" : "{\"a\":");
        }
        json.append(random.nextBoolean() ? "1" : "null");
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? ']' : '}');
        }
        return json.toString();
    }

    /** Any JSON value as text: a hostile string, a number, a literal, an empty or a deep container. */
    String jsonValue() {
        return switch (random.nextInt(9)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2, 3 -> number();
            case 4 -> random.nextBoolean() ? "[]" : "{}";
            case 5 -> deep(2 + random.nextInt(random.nextInt(10) == 0 ? 5_000 : 30));
            case 6 -> "[" + JsonText.quote(text(), random.nextBoolean()) + "," + number() + "]";
            default -> JsonText.quote(text(), random.nextBoolean());
        };
    }

    /** Letters, digits and '_.-', as a valid id is made of, {@code length} long. */
    String plain(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return s.toString();
    }

    String fragments(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(random.nextBoolean() ? pick(FRAGMENTS) : plain(1 + random.nextInt(6)));
        }
        return s.toString();
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder(count + 1);
        s.append(random.nextBoolean() ? "" : "-").append(1 + random.nextInt(9));
        for (int i = 1; i < count; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    /** A random UUID from the campaign's seed (not {@link UUID#randomUUID}, which a seed cannot replay). */
    UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private static String repeat(String unit, int count) {
        return unit.repeat(count);
    }
}
