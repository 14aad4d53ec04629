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
 * schema of the request body (JSON or a form), the roles its description names (or {@code subscriber} for the
 * portal's session), the statuses it declares and the content types of its successes. {@code $ref}s are resolved on
 * demand ({@link #resolve}); the document's schemas are not recursive. Immutable.
 */
public final class ApiContract {

    private static final Pattern ROLES = Pattern.compile("Roles: ([^.;]+)");
    private static final Set<String> ROLE_NAMES = Set.of("admin", "supervisor", "agent", "channel", "planner");
    /** The role of the portal's subscribers, whose operations name the {@code portal} security scheme. */
    public static final String SUBSCRIBER = "subscriber";

    private static final String FORM = "application/x-www-form-urlencoded";
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
        JsonNode content = op.path("requestBody").path("content");
        boolean form = content.has(FORM);
        JsonNode body = resolve(content.path(form ? FORM : "application/json").path("schema"));
        boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false);
        Set<Integer> statuses = new TreeSet<>();
        Set<String> successTypes = new TreeSet<>();
        op.path("responses").fields().forEachRemaining(response -> {
            statuses.add(Integer.parseInt(response.getKey()));
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(successTypes::add);
            }
        });
        return new Operation(
                method,
                path,
                List.copyOf(pathParameters),
                List.copyOf(query),
                body.isMissingNode() ? null : body,
                form,
                bodyRequired,
                roles(op),
                Set.copyOf(statuses),
                Set.copyOf(successTypes));
    }

    private static Set<String> roles(JsonNode op) {
        for (JsonNode requirement : op.path("security")) {
            if (requirement.has("portal")) {
                return Set.of(SUBSCRIBER);
            }
        }
        Matcher m = ROLES.matcher(op.path("description").asText(""));
        Set<String> roles = new LinkedHashSet<>();
        if (m.find()) {
            for (String word : m.group(1).split("[ ,()]+")) {
                if (ROLE_NAMES.contains(word)) {
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
     * @param body         the request body's schema with its top {@code $ref} resolved, or null when it takes none
     * @param formBody     whether the body is a form ({@code application/x-www-form-urlencoded}), not JSON
     * @param roles        the roles its description grants ("admin", "agent" ...), {@value #SUBSCRIBER} for the
     *                     portal's session; empty when it needs no credential
     * @param statuses     the statuses its responses declare
     * @param successTypes the content types its successes declare (none: no body, or JSON by default)
     */
    public record Operation(
            String method,
            String path,
            List<String> pathParameters,
            List<Parameter> query,
            JsonNode body,
            boolean formBody,
            boolean bodyRequired,
            Set<String> roles,
            Set<Integer> statuses,
            Set<String> successTypes) {

        /** {@code "METHOD /path/{param}"}. */
        public String label() {
            return method + " " + path;
        }
    }
}
