package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Request bodies made from the contract's schemas: valid ones (with values a real client would send, taken from
 * what the campaign knows: queues, agents, skills), and valid ones broken on purpose: one field or many given a
 * hostile value or the wrong type, nulls at any depth, arrays where objects are expected, keys written twice, fields
 * the schema does not have, nesting thousands of levels deep, bodies past the size limit, text that is not JSON or
 * not UTF-8. Single-threaded; every choice comes from the campaign's seeded {@link Random}.
 */
final class Bodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CAPACITY_NAMES = List.of("voice", "text", "email", "sms", "ussd", "web");
    private static final List<String> UNKNOWN_FIELDS =
            List.of("id", "token", "agentId", "__proto__", "", "\u0000", "a".repeat(300), "queueId", "priority ");
    private static final List<String> GARBAGE = List.of(
            "{",
            "}",
            "{\"a\"",
            "{'id':'x'}",
            "{id:1}",
            "/*c*/{}",
            "\ufeff{}",
            "{} {}",
            "{\"channel\":\"voice\"}x",
            "NaN",
            "{\"a\":NaN}",
            "{\"priority\":01}",
            "{\"a\":1,}",
            "[1,]",
            "\"\\ud800\"",
            "{\"\\u0000\":1}",
            "\u0000",
            "nul",
            "{\"id\":\"\\x41\"}",
            "{\"id\":\"\\u12\"}",
            "{\"name\":\"a\nb\"}",
            "<xml/>",
            "id=1&name=2");
    private static final List<byte[]> NOT_UTF8 = List.of(
            new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'},
            new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc0, (byte) 0xae, '"', '}'},
            new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
            new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{', 0, '}'});

    private final ApiContract contract;
    private final Random random;
    private final Hostile hostile;
    private final Cast cast;
    private final PlanningRows planning;
    private final FormBodies forms;
    private int serial;
    /** Whether the body being made is a planning operation's (its fields mean what {@link PlanningRows} says). */
    private boolean planningBody;

    Bodies(ApiContract contract, Random random, Hostile hostile, Cast cast) {
        this.contract = contract;
        this.random = random;
        this.hostile = hostile;
        this.cast = cast;
        this.planning = new PlanningRows(random, hostile);
        this.forms = new FormBodies(random, hostile, cast);
    }

    /** A body and the kind of damage done to it ("valid" when none). */
    record Body(String kind, byte[] bytes) {

        static Body of(String kind, String text) {
            return new Body(kind, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A body for {@code operation} (which takes one), sent to a path whose own id is {@code pathId} (or null). */
    Body any(ApiContract.Operation operation, String pathId) {
        if (operation.formBody()) {
            return forms.any(operation.body());
        }
        planningBody = operation.path().startsWith("/api/v1/planning/");
        try {
            return any(operation.body(), pathId);
        } finally {
            planningBody = false;
        }
    }

    /** A body for an operation taking {@code schema}, sent to a path whose own id is {@code pathId} (or null). */
    Body any(JsonNode schema, String pathId) {
        JsonNode valid = valid(schema, "", pathId);
        int roll = random.nextInt(100);
        if (roll < 15) {
            return body("valid", valid);
        } else if (roll < 40) {
            return body("one-field-broken", broken(valid, 1));
        } else if (roll < 50) {
            return body("fields-broken", broken(valid, 2 + random.nextInt(4)));
        } else if (roll < 60) {
            return body("nulls", nulls(valid));
        } else if (roll < 68) {
            return Body.of("wrong-shape", wrongShape(valid));
        } else if (roll < 72) {
            return deep(valid);
        } else if (roll < 78) {
            return Body.of("duplicate-key", JsonText.write(valid, random.nextBoolean(), true));
        } else if (roll < 86) {
            return garbage(valid);
        } else if (roll < 91) {
            return body("unknown-field", withUnknownField(valid));
        } else if (roll < 96) {
            return Body.of("empty", random.nextBoolean() ? "" : " \n");
        }
        return huge(valid);
    }

    /** A valid body for {@code schema}: what a careful client sends. */
    JsonNode valid(JsonNode schema, String field, String pathId) {
        JsonNode s = contract.resolve(schema);
        JsonNode known = plausible(s, field, pathId);
        if (known != null) {
            return known;
        }
        if (s.has("oneOf")) {
            return valid(s.get("oneOf").get(random.nextInt(s.get("oneOf").size())), field, pathId);
        }
        if (s.has("enum")) {
            return NODES.textNode(
                    s.get("enum").get(random.nextInt(s.get("enum").size())).asText());
        }
        return switch (typeOf(s)) {
            case "object" -> object(s, field, pathId);
            case "array" -> array(s.path("items"), field, pathId);
            case "integer" ->
                NODES.numberNode(
                        between(s.path("minimum").asInt(0), s.path("maximum").asInt(100)));
            case "number" -> NODES.numberNode(random.nextDouble() * 100);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" -> NODES.textNode(hostile.plain(1 + random.nextInt(12)));
            default -> NullNode.getInstance();
        };
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.get(0).asText();
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asText("");
    }

    private JsonNode object(JsonNode schema, String field, String pathId) {
        ObjectNode object = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        boolean skillsOrSteps = schema.path("properties").has("skills")
                && schema.path("properties").has("steps");
        String leftOut = skillsOrSteps ? (random.nextInt(3) == 0 ? "skills" : "steps") : null;
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean routing = skillsOrSteps && (name.equals("skills") || name.equals("steps"));
            boolean wanted = required.contains(name) || name.equals("id") || routing || random.nextInt(3) == 0;
            if (wanted && !name.equals(leftOut)) {
                object.set(name, valid(schema.path("properties").get(name), name, pathId));
            }
        }
        JsonNode values = schema.path("additionalProperties");
        if (values.isObject()) {
            for (int i = random.nextInt(4); i > 0; i--) {
                object.set(keyFor(field), valid(values, field + "[]", pathId));
            }
        }
        return object;
    }

    private JsonNode array(JsonNode items, String field, String pathId) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            array.add(valid(items, field + "[]", pathId));
        }
        return array;
    }

    private String keyFor(String field) {
        return switch (field) {
            case "skills" -> hostile.pick(Cast.SKILLS);
            case "capacity" -> hostile.pick(CAPACITY_NAMES);
            default -> hostile.plain(1 + random.nextInt(10));
        };
    }

    /** What a real client sends in the fields the API knows by name; null for a field left to its schema. */
    private JsonNode plausible(JsonNode schema, String field, String pathId) {
        JsonNode planned = planningBody ? planning.plausible(field, schema) : null;
        if (planned != null) {
            return planned;
        }
        JsonNode portal = portal(field);
        if (portal != null) {
            return portal;
        }
        return switch (field) {
            case "id" ->
                "uuid".equals(schema.path("format").asText())
                        ? NODES.textNode(new UUID(random.nextLong(), random.nextLong()).toString())
                        : NODES.textNode(pathId != null && random.nextInt(5) > 0 ? pathId : "fz-" + (++serial));
            case "queue", "overflowQueue" -> NODES.textNode(cast.anyQueue());
            case "agent" ->
                cast.agents().isEmpty()
                        ? null
                        : NODES.textNode(hostile.pick(cast.agents()).agentId());
            case "from", "number", "msisdn" -> NODES.textNode("+7912" + (1_000_000 + random.nextInt(9_000_000)));
            case "scheduledAt", "at" ->
                NODES.textNode(Instant.now().plusSeconds(random.nextInt(20) - 5).toString());
            case "token" -> NODES.textNode(hostile.plain(32 + random.nextInt(20)));
            case "skills[]" ->
                typeOf(schema).equals("integer")
                        ? NODES.numberNode(between(1, 10))
                        : NODES.textNode(hostile.pick(Cast.SKILLS));
            case "capacity[]" -> NODES.numberNode(between(0, 3));
            case "skills" ->
                typeOf(schema).equals("string")
                        ? NODES.textNode(
                                hostile.pick(Cast.SKILLS) + ">=" + between(1, 5) + " | " + hostile.pick(Cast.SKILLS))
                        : null;
            case "steps" -> steps(schema);
            case "priority" -> NODES.numberNode(between(0, 1000));
            case "wrapUpSeconds" -> NODES.numberNode(between(0, 2));
            case "offerTimeoutSeconds" -> NODES.numberNode(between(2, 10));
            case "timeoutSeconds" -> NODES.numberNode(between(1, 5));
            case "plannedAhtSeconds", "thresholdSeconds", "asaSeconds" -> NODES.numberNode(between(1, 300));
            case "percent" -> NODES.numberNode(between(1, 100));
            default -> null;
        };
    }

    /**
     * The portal's fields, for the subscriber the campaign signed in: its password (so that a valid change gives it as
     * the current one and keeps it),
     * and the tariffs, services and help topics its answers named (now and then another name). Never its number: the
     * campaign's wrong sign-ins would lock it out of its own session (they go to random numbers instead).
     */
    private JsonNode portal(String field) {
        if ((field.equals("password") || field.equals("currentPassword")) && cast.portalPassword() != null) {
            return NODES.textNode(cast.portalPassword());
        }
        if (cast.anyOf(ApiContract.SUBSCRIBER) == null || random.nextInt(5) == 0) {
            return null;
        }
        return switch (field) {
            case "tariff", "service", "topic" -> {
                String name = cast.anyNamed(field);
                yield name == null ? null : NODES.textNode(name);
            }
            default -> null;
        };
    }

    /** Routing steps in a valid order: every step but the last has a timeout. */
    private JsonNode steps(JsonNode schema) {
        ArrayNode steps = NODES.arrayNode();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ObjectNode step = (ObjectNode) valid(schema.path("items"), "step", null);
            boolean last = i == count - 1;
            step.put("timeoutSeconds", last && random.nextBoolean() ? 0 : between(1, 5));
            if (step.get("timeoutSeconds").asInt() == 0) {
                step.remove("overflowQueue");
            }
            steps.add(step);
        }
        return steps;
    }

    private int between(int min, int max) {
        return min + random.nextInt(Math.max(1, max - min + 1));
    }

    private Body body(String kind, JsonNode tree) {
        return Body.of(kind, JsonText.write(tree, random.nextBoolean(), false));
    }

    /** {@code valid} with {@code count} of its values replaced by hostile ones. */
    private JsonNode broken(JsonNode valid, int count) {
        JsonNode tree = valid.deepCopy();
        for (int i = 0; i < count; i++) {
            List<Slot> slots = slots(tree);
            if (slots.isEmpty()) {
                return hostileNode(tree);
            }
            Slot slot = hostile.pick(slots);
            JsonNode hostileValue = hostileNode(slot.get());
            if ("currentPassword".equals(slot.field()) && hostileValue.isTextual()) {
                // a wrong current password counts toward the lock of the campaign's own number: types only there
                hostileValue = NODES.arrayNode().add(hostileValue);
            }
            slot.set(hostileValue);
        }
        return tree;
    }

    /** A hostile value to put where {@code was} stood: a hostile text or number, another type, another kind's id. */
    private JsonNode hostileNode(JsonNode was) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.textNode(hostile.text());
            case 1 -> JsonText.raw(hostile.number());
            case 2 -> NODES.arrayNode().add(was.deepCopy());
            case 3 -> NODES.objectNode().set(hostile.plain(3), was.deepCopy());
            case 4 -> NODES.textNode(cast.anyKnownId());
            case 5 -> was.isTextual() ? JsonText.raw(hostile.number()) : NODES.textNode(was.toString());
            default -> JsonText.raw(hostile.jsonValue());
        };
    }

    private JsonNode nulls(JsonNode valid) {
        JsonNode tree = valid.deepCopy();
        List<Slot> slots = slots(tree);
        if (slots.isEmpty() || random.nextInt(8) == 0) {
            return NullNode.getInstance();
        }
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            hostile.pick(slots).set(NullNode.getInstance());
        }
        return tree;
    }

    private String wrongShape(JsonNode valid) {
        String text = JsonText.write(valid, false, false);
        return hostile.pick(List.of(
                "[" + text + "]",
                "[]",
                "[null]",
                "[[" + text + "]]",
                "\"" + hostile.plain(5) + "\"",
                hostile.number(),
                "true",
                "null",
                "{\"body\":" + text + "}"));
    }

    private Body deep(JsonNode valid) {
        int depth = random.nextBoolean() ? 100 + random.nextInt(2_000) : 1_001 + random.nextInt(10_000);
        if (random.nextBoolean()) {
            return Body.of("deep", hostile.deep(depth));
        }
        JsonNode tree = valid.deepCopy();
        List<Slot> slots = slots(tree);
        if (slots.isEmpty()) {
            return Body.of("deep", hostile.deep(depth));
        }
        hostile.pick(slots).set(JsonText.raw(hostile.deep(depth)));
        return body("deep", tree);
    }

    private Body garbage(JsonNode valid) {
        int roll = random.nextInt(4);
        if (roll == 0) {
            return new Body("not-utf-8", hostile.pick(NOT_UTF8));
        }
        if (roll == 1) {
            String text = JsonText.write(valid, false, false);
            return Body.of("truncated", text.substring(0, random.nextInt(Math.max(1, text.length()))));
        }
        return Body.of("not-json", hostile.pick(GARBAGE));
    }

    private JsonNode withUnknownField(JsonNode valid) {
        JsonNode tree = valid.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        if (objects.isEmpty()) {
            return tree;
        }
        hostile.pick(objects).set(hostile.pick(UNKNOWN_FIELDS), JsonText.raw(hostile.jsonValue()));
        return tree;
    }

    private Body huge(JsonNode valid) {
        JsonNode tree = valid.deepCopy();
        List<Slot> slots = slots(tree);
        int size = hostile.pick(List.of(60_000, 66_000, 200_000));
        String filler = hostile.pick(List.of("x", "é", "\ud83d\ude00")).repeat(size / 3);
        if (slots.isEmpty()) {
            return Body.of("huge", JsonText.quote(filler, false));
        }
        hostile.pick(slots).set(NODES.textNode(filler));
        return body("huge", tree);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectObjects(child, into));
        }
    }

    /** Every place in the tree a value can be put: object fields and array elements, at any depth. */
    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        return slots;
    }

    private static void collectSlots(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> into.add(new Slot(object, name, -1)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                into.add(new Slot(array, null, i));
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectSlots(child, into));
        }
    }

    /** A field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }
}
