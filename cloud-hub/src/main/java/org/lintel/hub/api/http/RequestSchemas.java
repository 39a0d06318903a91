package org.lintel.hub.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON request bodies of the OpenAPI document, checked with a JSON Schema validator (networknt, draft 2020-12 as
 * OpenAPI 3.1 uses it) before any handler runs: a wrong type, a missing or unknown field, a text too long, each
 * answered 400 naming the field. The document is the one the API serves, so what is published is what is enforced.
 */
public final class RequestSchemas {

    private final Map<String, JsonSchema> byOperation = new HashMap<>();
    /** Operations that also take files (YAML): their JSON schema applies only to a body sent as JSON. */
    private final java.util.Set<String> alsoFiles = new java.util.HashSet<>();

    public RequestSchemas(String openApiYaml) {
        LoaderOptions options = new LoaderOptions();
        Object doc = new Yaml(options).load(openApiYaml);
        JsonNode root = ApiRouter.JSON.valueToTree(doc);
        JsonNode components = root.path("components");
        // OpenAPI's 'example' and the 'components' carried along below are not JSON Schema keywords: declared as
        // such, instead of a warning for each at every start
        JsonMetaSchema dialect = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new NonValidationKeyword("example"))
                .keyword(new NonValidationKeyword("components")).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(dialect));
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").properties().iterator();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
                if (schema.isObject()) {
                    ObjectNode withComponents = schema.deepCopy();
                    // the operation's schema refers to #/components/…: carried along so that the refs resolve inside it
                    withComponents.set("components", components);
                    String key = key(op.getKey(), path.getKey());
                    byOperation.put(key, factory.getSchema(withComponents));
                    if (op.getValue().path("requestBody").path("content").size() > 1) {
                        alsoFiles.add(key);
                    }
                }
            }
        }
    }

    /** The Vert.x route ({@code /api/v1/alarms/:id}) as the OpenAPI path ({@code /api/v1/alarms/{id}}). */
    static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path.replaceAll(":([A-Za-z]+)", "{$1}");
    }

    public boolean covers(String method, String route) {
        return byOperation.containsKey(key(method, route));
    }

    /** Checks the body of a request to {@code route}; an operation without a JSON body schema is not checked here. */
    public void check(String method, String route, String contentType, String body) {
        String key = key(method, route);
        JsonSchema schema = byOperation.get(key);
        if (schema == null || alsoFiles.contains(key) && (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json"))) {
            return;
        }
        JsonNode tree;
        try {
            tree = ApiRouter.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw Problem.badRequest("body", "the body is not JSON: " + Optional.ofNullable(e.getMessage()).orElse("").lines().findFirst().orElse(""));
        }
        Set<ValidationMessage> found = schema.validate(tree);
        if (found.isEmpty()) {
            return;
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ValidationMessage m : found) {
            Map<String, Object> e = new LinkedHashMap<>();
            String field = field(m);
            e.put("field", field);
            e.put("message", m.getMessage().replaceFirst("^\\$\\.?", ""));
            errors.add(e);
        }
        errors.sort(java.util.Comparator.comparing(e -> (String) e.get("field")));
        Map<String, Object> first = errors.get(0);
        throw new Problem(400, "Bad request body", "field '" + first.get("field") + "': " + first.get("message")
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
    }

    /** The field at fault: the instance path, or for a missing or unknown property, that property. */
    private static String field(ValidationMessage m) {
        String at = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        String property = m.getProperty();
        if (property != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
            return at.isEmpty() ? property : at + "." + property;
        }
        return at.isEmpty() ? "body" : at;
    }
}
