package ai.gallop.serve;

import ai.gallop.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one request object (a JSON object, or multipart form fields read as text) with typed getters
 * whose errors name the field, as the caller spelled it, and what is allowed.
 */
final class Fields {
    private final ObjectNode node;
    private final String prefix;

    private Fields(ObjectNode node, String prefix, Set<String> allowed) {
        this.node = node;
        this.prefix = prefix;
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty())
            throw ApiError.invalid(prefix + unknown.getFirst(), "unknown field '" + prefix + Ids.printable(unknown.getFirst())
                    + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
    }

    /** Parses a request body that must be one JSON object. */
    static Fields parseBody(String body, Set<String> allowed) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new ApiError(400, "invalid_json", null, "the body is not valid JSON ("
                    + (m == null ? "syntax error" : m.lines().findFirst().orElse(m)) + "); allowed: one JSON object");
        }
        if (root == null || !root.isObject()) throw new ApiError(400, "invalid_json", null, "the body is not a JSON object; allowed: one JSON object");
        return new Fields((ObjectNode) root, "", allowed);
    }

    static Fields ofForm(Map<String, List<String>> form, Set<String> allowed) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (e.getValue().isEmpty()) continue; // a file part: read by the caller
            if (e.getValue().size() > 1) throw ApiError.invalid(e.getKey(), "field '" + Ids.printable(e.getKey()) + "' is given "
                    + e.getValue().size() + " times; allowed: once");
            node.set(e.getKey(), TextNode.valueOf(e.getValue().getFirst()));
        }
        return new Fields(node, "", allowed);
    }

    /** A nested object field; absent gives an empty one. */
    Fields object(String name, Set<String> allowed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return new Fields(Json.MAPPER.createObjectNode(), prefix + name + ".", allowed);
        if (!v.isObject()) throw ApiError.invalid(prefix + name, prefix + name + " is not an object; allowed: a JSON object");
        return new Fields((ObjectNode) v, prefix + name + ".", allowed);
    }

    /** A list of objects; absent gives an empty list. */
    List<Fields> objects(String name, Set<String> allowed, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw ApiError.invalid(prefix + name, prefix + name + " is not an array; allowed: an array of objects");
        if (v.size() > max) throw ApiError.invalid(prefix + name, prefix + name + " has " + v.size() + " items; allowed: at most " + max);
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String at = prefix + name + "[" + i + "]";
            if (!v.get(i).isObject()) throw ApiError.invalid(at, at + " is not an object; allowed: a JSON object");
            items.add(new Fields((ObjectNode) v.get(i), at + ".", allowed));
        }
        return items;
    }

    String param(String name) { return prefix + name; }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    String text(String name, String fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw ApiError.invalid(param(name), param(name) + " is not a string; allowed: a JSON string");
        return v.asText();
    }

    String requiredText(String name, String allowed) {
        String v = text(name, null);
        if (v == null || v.isBlank()) throw new ApiError(400, "missing_field", param(name), param(name) + " is missing; allowed: " + allowed);
        return v;
    }

    /** A number, given as a JSON number or a string of digits (form fields are always text). */
    Double number(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return v.asDouble();
        if (v.isTextual()) {
            try {
                double d = Double.parseDouble(v.asText().strip());
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw ApiError.invalid(param(name), param(name) + " '" + Ids.printable(v.asText()) + "' is not a number; allowed: a JSON number or a string of digits");
    }

    Long integer(String name, long min, long max) {
        Double d = number(name);
        if (d == null) return null;
        if (d != Math.rint(d) || d < min || d > max)
            throw ApiError.invalid(param(name), param(name) + " " + plain(d) + " is out of range; allowed: whole numbers " + min + " to " + max);
        return d.longValue();
    }

    Double decimal(String name, double min, double max) {
        Double d = number(name);
        if (d == null) return null;
        if (d < min || d > max)
            throw ApiError.invalid(param(name), param(name) + " " + plain(d) + " is out of range; allowed: " + plain(min) + " to " + plain(max));
        return d;
    }

    boolean bool(String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return fallback;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.parseBoolean(v.asText());
        throw ApiError.invalid(param(name), param(name) + " '" + Ids.printable(v.asText()) + "' is not a boolean; allowed: true, false");
    }

    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
