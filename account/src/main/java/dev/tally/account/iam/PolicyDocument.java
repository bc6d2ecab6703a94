package dev.tally.account.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.error.TallyException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IAM policy document: version {@code 2012-10-17} and its statements. {@link #parse} reads any document
 * IAM returns (URL-encoded or not, elements as strings or lists); {@link #toJson} writes the form Tally
 * puts in roles, templates and output.
 */
public record PolicyDocument(String version, List<PolicyStatement> statements) {
    public static final String VERSION = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(List<PolicyStatement> statements) {
        return new PolicyDocument(VERSION, statements);
    }

    /**
     * Reads a policy document. IAM's GetRole, GetRolePolicy and GetPolicyVersion return documents URL-encoded
     * (RFC 3986); a document that does not start with '{' is decoded first.
     *
     * @throws TallyException (bad data) when the text is not a policy document
     */
    public static PolicyDocument parse(String text) {
        String json = text == null ? "" : text.strip();
        if (!json.startsWith("{")) {
            json = URLDecoder.decode(json, StandardCharsets.UTF_8);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw TallyException.badData("not a policy document: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw TallyException.badData("not a policy document: expected a JSON object");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        JsonNode st = root.path("Statement");
        for (JsonNode s : st.isArray() ? st : List.of(st)) {
            if (s.isObject()) {
                statements.add(statement(s));
            }
        }
        return new PolicyDocument(root.path("Version").asText(""), statements);
    }

    public ObjectNode toJson() {
        ObjectNode doc = NODES.objectNode();
        doc.put("Version", version);
        ArrayNode list = doc.putArray("Statement");
        for (PolicyStatement s : statements) {
            ObjectNode n = list.addObject();
            if (!s.sid().isEmpty()) {
                n.put("Sid", s.sid());
            }
            n.put("Effect", s.effect().name());
            if (!s.principals().isEmpty()) {
                if (s.principals().containsKey("*")) {
                    n.put("Principal", "*");
                } else {
                    ObjectNode p = n.putObject("Principal");
                    s.principals().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .forEach(e -> p.set(e.getKey(), scalarOrList(e.getValue())));
                }
            }
            n.set("Action", list(s.actions()));
            // Trust policies have no Resource element: the role is the resource.
            if (!s.resources().isEmpty()) {
                n.set(
                        "Resource",
                        s.resources().size() == 1 ? NODES.textNode(s.resources().getFirst()) : list(s.resources()));
            }
            if (!s.conditions().isEmpty()) {
                ObjectNode c = n.putObject("Condition");
                s.conditions().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(op -> {
                            ObjectNode keys = c.putObject(op.getKey());
                            op.getValue().entrySet().stream()
                                    .sorted(Map.Entry.comparingByKey())
                                    .forEach(k -> keys.set(k.getKey(), scalarOrList(k.getValue())));
                        });
            }
        }
        return doc;
    }

    /** Compact JSON, as sent to IAM. */
    public String toJsonString() {
        return toJson().toString();
    }

    private static PolicyStatement statement(JsonNode s) {
        Set<String> negated = new LinkedHashSet<>();
        for (String name : List.of("NotAction", "NotPrincipal", "NotResource")) {
            if (s.has(name)) {
                negated.add(name);
            }
        }
        Map<String, List<String>> principals = new LinkedHashMap<>();
        JsonNode p = s.path("Principal");
        if (p.isTextual()) {
            principals.put("*", List.of(p.asText()));
        } else if (p.isObject()) {
            p.properties().forEach(e -> principals.put(e.getKey(), strings(e.getValue())));
        }
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        s.path("Condition").properties().forEach(op -> {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            op.getValue().properties().forEach(k -> keys.put(k.getKey(), strings(k.getValue())));
            conditions.put(op.getKey(), keys);
        });
        PolicyStatement.Effect effect =
                "Deny".equals(s.path("Effect").asText()) ? PolicyStatement.Effect.Deny : PolicyStatement.Effect.Allow;
        return new PolicyStatement(
                s.path("Sid").asText(""),
                effect,
                principals,
                strings(s.path("Action")),
                strings(s.path("Resource")),
                conditions,
                negated);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    private static JsonNode scalarOrList(List<String> values) {
        return values.size() == 1 ? NODES.textNode(values.getFirst()) : list(values);
    }

    private static ArrayNode list(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
