package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the API's OpenAPI document, as the fuzzer needs them: method, path template, parameters, the
 * schema of the request body, the roles its description names and the statuses it declares. {@code $ref}s are
 * resolved on demand ({@link #resolve}); the document's schemas are not recursive. Immutable.
 */
public final class ApiContract {

    private static final Pattern ROLES = Pattern.compile("Roles: ([^.;]+)");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonNode document;
    private final List<Operation> operations;

    private ApiContract(JsonNode document) {
        this.document = document;
        this.operations = List.copyOf(readOperations());
    }

    /** The contract in {@code json}, the text the server serves at {@code /api/openapi.json}. */
    public static ApiContract parse(String json) {
        try {
            return new ApiContract(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation, in the document's order. */
    public List<Operation> operations() {
        return operations;
    }

    /** {@code schema} itself, or what its {@code $ref} names (followed until a schema without one). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema == null ? MissingNode.getInstance() : schema;
        while (resolved.has("$ref")) {
            resolved = document.at(resolved.get("$ref").asText().substring(1));
        }
        return resolved;
    }

    private List<Operation> readOperations() {
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    found.add(operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                }
            });
        }
        return found;
    }

    private Operation operation(String method, String path, JsonNode op) {
        List<String> pathParameters = new ArrayList<>();
        List<Parameter> query = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode parameter = resolve(p);
            String name = parameter.get("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> pathParameters.add(name);
                case "query" -> query.add(new Parameter(name, resolve(parameter.path("schema"))));
                default -> {}
            }
        }
        JsonNode body = resolve(
                op.path("requestBody").path("content").path("application/json").path("schema"));
        boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false);
        Set<Integer> statuses = new TreeSet<>();
        op.path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
        return new Operation(
                method,
                path,
                List.copyOf(pathParameters),
                List.copyOf(query),
                body.isMissingNode() ? null : body,
                bodyRequired,
                roles(op.path("description").asText("")),
                Set.copyOf(statuses));
    }

    private static Set<String> roles(String description) {
        Matcher m = ROLES.matcher(description);
        Set<String> roles = new LinkedHashSet<>();
        if (m.find()) {
            for (String word : m.group(1).split("[ ,()]+")) {
                if (Set.of("admin", "supervisor", "agent", "channel").contains(word)) {
                    roles.add(word);
                }
            }
        }
        return Set.copyOf(roles);
    }

    /** A query parameter and its schema. */
    public record Parameter(String name, JsonNode schema) {}

    /**
     * One operation of the document.
     *
     * @param body     the request body's schema with its top {@code $ref} resolved, or null when it takes none
     * @param roles    the roles its description grants ("admin", "agent" ...); empty when it needs no token
     * @param statuses the statuses its responses declare
     */
    public record Operation(
            String method,
            String path,
            List<String> pathParameters,
            List<Parameter> query,
            JsonNode body,
            boolean bodyRequired,
            Set<String> roles,
            Set<Integer> statuses) {

        /** {@code "METHOD /path/{param}"}. */
        public String label() {
            return method + " " + path;
        }
    }
}
