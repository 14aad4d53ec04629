package org.switchboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.annotation.Annotation;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds answers of the API to its OpenAPI document: every answer's status must be declared for its operation, its
 * body must match the declared schema (errors the one error schema), the headers it tracks ({@link #HEADERS}) must be
 * declared where sent and sent where declared required; a request sent as valid must match the request schema, and
 * its query parameters and Idempotency-Key must be declared. Schemas are checked by a JSON-schema validator in the
 * OpenAPI 3.1 dialect, with formats (uuid, date-time) asserted. Thread-safe.
 */
final class OpenApiConformance {

    /** Where the document is said to live, so that its {@code $ref}s resolve; nothing is fetched from there. */
    private static final String DOCUMENT_URI = "https://switchboard.invalid/api/openapi.json";
    /** The answer headers held to the document. */
    static final List<String> HEADERS = List.of("Location", "Idempotent-Replayed", "Retry-After");

    private static final Pattern ROLES = Pattern.compile("Roles: ([^.;]+)");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory TEXT = JsonNodeFactory.instance;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    /** The names each {@code properties} keyword (by its pointer) matched in the instances validated so far. */
    private final Map<String, Set<String>> propertiesSeen = new ConcurrentHashMap<>();

    OpenApiConformance(String json) {
        this.document = read(json);
        this.registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(DOCUMENT_URI, json))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    /** The document as a tree (a copy: changing it changes nothing here). */
    JsonNode document() {
        return document.deepCopy();
    }

    /** Every operation of the document as {@code "METHOD /path/{param}"}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return operations;
    }

    /** The statuses the document declares for {@code operation}. */
    Set<Integer> declaredStatuses(String operation) {
        Set<Integer> statuses = new TreeSet<>();
        operation(operation).path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
        return statuses;
    }

    /** The roles the operation's description names ("Roles: admin, agent (itself)."); empty when it names none. */
    Set<String> roles(String operation) {
        Matcher named = ROLES.matcher(operation(operation).path("description").asText(""));
        Set<String> roles = new TreeSet<>();
        if (named.find()) {
            for (String word : named.group(1).split("[ ,()]+")) {
                if (List.of("admin", "supervisor", "agent", "channel").contains(word)) {
                    roles.add(word);
                }
            }
        }
        return roles;
    }

    /** Whether the operation declares a request body. */
    boolean takesBody(String operation) {
        return operation(operation).has("requestBody");
    }

    /** Whether the operation declares the Idempotency-Key header. */
    boolean takesIdempotencyKey(String operation) {
        return parameterNames(operation(operation)).contains("header:Idempotency-Key");
    }

    /** What is wrong with {@code exchange} by the document; empty when it conforms. */
    List<String> problemsOf(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        String where = exchange.describe();
        JsonNode operation = operation(exchange.operation());
        if (operation.isMissingNode()) {
            return List.of(where + ": the operation is not in the document");
        }
        problems.addAll(requestProblems(exchange, operation, where));
        String responsePointer = pointer(exchange.operation()) + "/responses/" + exchange.status();
        JsonNode response = document.at(responsePointer);
        if (response.isMissingNode()) {
            problems.add(where + ": status " + exchange.status() + " is not declared (declared: "
                    + declaredStatuses(exchange.operation()) + "); body " + exchange.body());
            return problems;
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        problems.addAll(headerProblems(exchange, response, where));
        problems.addAll(bodyProblems(exchange, response, responsePointer, where));
        return problems;
    }

    /**
     * What is wrong with {@code instance} by the schema at {@code pointer} (a JSON pointer into the document). Notes
     * which declared properties the instance had ({@link #unseenProperties}).
     */
    List<String> validate(String pointer, JsonNode instance) {
        Schema schema =
                schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)));
        List<ExecutionContext> used = new ArrayList<>(1);
        List<Error> errors = schema.validate(instance, context -> {
            context.executionConfig(config ->
                    config.annotationCollectionEnabled(true).annotationCollectionFilter("properties"::equals));
            used.add(context);
        });
        used.getFirst().getAnnotations().asMap().values().forEach(annotations -> annotations.forEach(this::note));
        return errors.stream().map(OpenApiConformance::describe).toList();
    }

    private void note(Annotation annotation) {
        if (annotation.getKeyword().equals("properties") && annotation.getValue() instanceof Collection<?> names) {
            String at = annotation.getSchemaLocation().toString();
            propertiesSeen
                    .computeIfAbsent(at.substring(at.indexOf('#') + 1), p -> ConcurrentHashMap.newKeySet())
                    .addAll(names.stream().map(String::valueOf).toList());
        }
    }

    /**
     * The properties that answer schemas declare (of every schema the answers and the event stream refer to,
     * however deep) and no instance validated so far had, as {@code "/components/schemas/Agent: token"}.
     */
    Set<String> unseenProperties() {
        Set<String> declared = new TreeSet<>();
        Set<String> visited = new LinkedHashSet<>();
        document.get("paths")
                .forEach(path -> path.forEach(operation -> operation
                        .path("responses")
                        .forEach(response -> collectProperties(response, visited, declared))));
        collectProperties(document.at("/components/schemas/StreamMessage"), visited, declared);
        Set<String> unseen = new TreeSet<>();
        for (String property : declared) {
            int colon = property.lastIndexOf(": ");
            String keyword = property.substring(0, colon) + "/properties";
            if (!propertiesSeen.getOrDefault(keyword, Set.of()).contains(property.substring(colon + 2))) {
                unseen.add(property);
            }
        }
        return unseen;
    }

    /** Walks {@code node}, following {@code $ref}s once each, adding "pointer: name" for every declared property. */
    private void collectProperties(JsonNode node, Set<String> visited, Set<String> declared) {
        if (node.has("$ref")) {
            String target = node.get("$ref").asText().substring(1);
            if (visited.add(target)) {
                walk(document.at(target), target, visited, declared);
            }
        }
        node.forEach(child -> collectProperties(child, visited, declared));
    }

    private void walk(JsonNode schema, String pointer, Set<String> visited, Set<String> declared) {
        if (schema.path("properties").isObject()) {
            schema.get("properties").fieldNames().forEachRemaining(name -> declared.add(pointer + ": " + name));
        }
        schema.properties().forEach(entry -> {
            if (entry.getValue().isContainerNode()) {
                String child = pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
                if (entry.getValue().isArray()) {
                    for (int i = 0; i < entry.getValue().size(); i++) {
                        walkOrFollow(entry.getValue().get(i), child + "/" + i, visited, declared);
                    }
                } else {
                    walkOrFollow(entry.getValue(), child, visited, declared);
                }
            }
        });
    }

    private void walkOrFollow(JsonNode node, String pointer, Set<String> visited, Set<String> declared) {
        if (node.has("$ref")) {
            collectProperties(node, visited, declared);
        } else if (node.isObject()) {
            walk(node, pointer, visited, declared);
        }
    }

    private List<String> requestProblems(Exchange exchange, JsonNode operation, String where) {
        if (!exchange.requestValid()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Set<String> declared = parameterNames(operation);
        for (String name : queryNames(exchange.target())) {
            if (!declared.contains("query:" + name)) {
                problems.add(where + ": query parameter '" + name + "' is not declared");
            }
        }
        if (exchange.idempotencyKey() && !declared.contains("header:Idempotency-Key")) {
            problems.add(where + ": the Idempotency-Key header is not declared");
        }
        String content = pointer(exchange.operation()) + "/requestBody/content/";
        String schema = content + "application~1json/schema";
        String formSchema = content + "application~1x-www-form-urlencoded/schema";
        if (exchange.requestBody() != null && !exchange.requestBody().isBlank()) {
            if (!document.at(schema).isMissingNode()) {
                validate(schema, read(exchange.requestBody())).forEach(p -> problems.add(where + ": request " + p));
            } else if (!document.at(formSchema).isMissingNode()) {
                validate(formSchema, formFields(exchange.requestBody()))
                        .forEach(p -> problems.add(where + ": request form " + p));
            } else {
                problems.add(where + ": sent a body, but the operation declares none");
            }
        }
        return problems;
    }

    /** A form's fields as a JSON object of strings, to be held to the form's schema. */
    private static JsonNode formFields(String body) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String pair : body.split("&")) {
            int at = pair.indexOf('=');
            String name = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
            String value = at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private Set<String> parameterNames(JsonNode operation) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = parameter.has("$ref")
                    ? document.at(parameter.get("$ref").asText().substring(1))
                    : parameter;
            names.add(p.path("in").asText() + ":" + p.path("name").asText());
        }
        return names;
    }

    private static List<String> queryNames(String target) {
        String query = URI.create(target).getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String pair : query.split("&")) {
            names.add(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
        }
        return names;
    }

    private List<String> headerProblems(Exchange exchange, JsonNode response, String where) {
        List<String> problems = new ArrayList<>();
        for (String name : HEADERS) {
            JsonNode declared = response.path("headers").path(name);
            if (declared.has("$ref")) {
                declared = document.at(declared.get("$ref").asText().substring(1));
            }
            boolean sent = exchange.header(name) != null;
            if (sent && declared.isMissingNode()) {
                problems.add(where + ": header " + name + " was sent but is not declared");
            }
            if (!sent && declared.path("required").asBoolean(false)) {
                problems.add(where + ": header " + name + " is declared required but was not sent");
            }
            JsonNode reference = response.path("headers").path(name).path("$ref");
            if (sent && !reference.isMissingNode()) {
                validate(reference.asText().substring(1) + "/schema", TEXT.textNode(exchange.header(name)))
                        .forEach(p -> problems.add(where + ": header " + name + " " + p));
            }
        }
        return problems;
    }

    private List<String> bodyProblems(Exchange exchange, JsonNode response, String responsePointer, String where) {
        JsonNode content = response.path("content");
        String body = exchange.body() == null ? "" : exchange.body();
        if (content.isMissingNode()) {
            return body.isEmpty() ? List.of() : List.of(where + ": a body was sent, but none is declared: " + body);
        }
        String contentType = exchange.header("Content-Type");
        String mediaType =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return List.of(where + ": Content-Type '" + contentType + "' is not declared (declared: "
                    + fieldNames(content) + ")");
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON: " + body);
        }
        String schema = responsePointer + "/content/application~1json/schema";
        return validate(schema, json).stream()
                .map(p -> where + ": " + p + " in " + cut(body))
                .toList();
    }

    private JsonNode operation(String operation) {
        return document.at(pointer(operation));
    }

    /** The JSON pointer of an operation {@code "METHOD /path"}. */
    static String pointer(String operation) {
        int space = operation.indexOf(' ');
        String path = operation.substring(space + 1).replace("~", "~0").replace("/", "~1");
        return "/paths/" + path + "/" + operation.substring(0, space).toLowerCase(Locale.ROOT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + " " + error.getMessage() + " (" + error.getSchemaLocation() + ")";
    }

    private static String cut(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document text of a changed tree. */
    static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One request and its answer.
     *
     * @param operation      the operation it was sent to, {@code "METHOD /path/{param}"}
     * @param target         the request target sent (path and query)
     * @param requestBody    the body sent, or null
     * @param requestValid   whether the request was meant to be valid (its body, query and headers are then held to
     *                       the document too)
     * @param idempotencyKey whether it carried an Idempotency-Key
     * @param headers        the answer's headers by lower-case name (the first value of each)
     */
    record Exchange(
            String operation,
            String target,
            String requestBody,
            boolean requestValid,
            boolean idempotencyKey,
            int status,
            Map<String, String> headers,
            String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String describe() {
            return operation + " (" + cut(target) + ") → " + status;
        }

        /** The answer's JSON body, for a drive that goes on with what it answered; fails unless the status is 2xx. */
        JsonNode json() {
            if (status < 200 || status > 299) {
                throw new AssertionError(describe() + ": " + body);
            }
            return read(body);
        }
    }
}
