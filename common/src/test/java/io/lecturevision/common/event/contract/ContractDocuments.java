package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Generates the documents that describe {@link Contracts}: a JSON Schema (2020-12) per payload
 * record and the AsyncAPI 3 document. Required: primitives and {@code @NotNull} components; the
 * others may be null. Unknown fields are allowed (consumers ignore them), so adding a field is
 * compatible and removing or renaming one is not.
 */
final class ContractDocuments {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContractDocuments() {
    }

    static String schemaFileName(EventContract contract) {
        return contract.topic() + ".schema.json";
    }

    static ObjectNode schema(EventContract contract) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:lecturevision:events:" + contract.topic());
        schema.put("title", contract.payload().getSimpleName());
        schema.put("description", "data of a " + contract.topic() + " CloudEvent. " + contract.description());
        schema.setAll(recordSchema(contract.payload()));
        return schema;
    }

    private static ObjectNode recordSchema(Class<?> record) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            Field field;
            try {
                field = record.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            boolean mandatory = component.getType().isPrimitive() || field.isAnnotationPresent(NotNull.class);
            ObjectNode property = typeSchema(component.getType(), !mandatory);
            Min min = field.getAnnotation(Min.class);
            if (min != null) {
                property.put("minimum", min.value());
            }
            Size size = field.getAnnotation(Size.class);
            if (size != null && size.max() < Integer.MAX_VALUE) {
                property.put("maxLength", size.max());
            }
            properties.set(component.getName(), property);
            if (mandatory) {
                required.add(component.getName());
            }
        }
        schema.set("required", required);
        return schema;
    }

    private static ObjectNode typeSchema(Class<?> type, boolean nullable) {
        ObjectNode schema = NODES.objectNode();
        String jsonType;
        if (type == String.class) {
            jsonType = "string";
        } else if (type == UUID.class) {
            jsonType = "string";
            schema.put("format", "uuid");
        } else if (type == Instant.class) {
            jsonType = "string";
            schema.put("format", "date-time");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            jsonType = "integer";
        } else if (type == double.class || type == Double.class) {
            jsonType = "number";
        } else if (type == boolean.class || type == Boolean.class) {
            jsonType = "boolean";
        } else if (type.isEnum()) {
            jsonType = "string";
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(jsonName((Enum<?>) constant));
            }
            if (nullable) {
                values.addNull();
            }
        } else if (com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type)) {
            jsonType = "object";   // a document whose shape the producer does not fix (an analysis server's results)
        } else if (type.isRecord()) {
            ObjectNode nested = recordSchema(type);
            if (nullable) {
                nested.set("type", NODES.arrayNode().add("object").add("null"));
            }
            return nested;
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type);
        }
        if (nullable) {
            schema.set("type", NODES.arrayNode().add(jsonType).add("null"));
        } else {
            schema.put("type", jsonType);
        }
        return schema;
    }

    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode asyncApi(List<EventContract> contracts) {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "LectureVision events");
        info.put("version", "1.0.0");
        info.put("description", """
                Every topic of the LectureVision services. Generated from common's \
                io.lecturevision.common.event.contract.Contracts by ContractDocumentsTest (do not edit by hand). \
                Each record's value is a CloudEvents 1.0 event in structured mode (JSON; Kafka header \
                content-type: application/cloudevents+json); the topic is the event's type and the record key \
                its subject. Consumers apply each event id once; a record that can never be applied goes to \
                <topic>.dlt with lv-dlt-* headers.""");
        doc.put("defaultContentType", "application/cloudevents+json");
        ObjectNode server = doc.putObject("servers").putObject("local");
        server.put("host", "127.0.0.1:19092");
        server.put("protocol", "kafka");
        server.put("description", "the broker infra/suite starts (topics are declared by the services, not auto-created)");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEvent", cloudEventSchema());
        for (EventContract contract : contracts) {
            String id = camel(contract.topic());
            String payloadName = contract.payload().getSimpleName();
            ObjectNode payloadSchema = recordSchema(contract.payload());
            payloadSchema.put("description", contract.description());
            schemas.set(payloadName, payloadSchema);

            ObjectNode message = messages.putObject(id);
            message.put("name", contract.topic());
            message.put("title", payloadName);
            message.put("summary", contract.description());
            message.put("contentType", "application/cloudevents+json");
            ObjectNode kafkaBinding = message.putObject("bindings").putObject("kafka");
            ObjectNode key = kafkaBinding.putObject("key");
            key.put("type", "string");
            key.put("description", contract.key());
            kafkaBinding.put("bindingVersion", "0.5.0");
            ArrayNode allOf = message.putObject("payload").putArray("allOf");
            allOf.addObject().put("$ref", "#/components/schemas/CloudEvent");
            ObjectNode specific = allOf.addObject();
            specific.put("type", "object");
            ObjectNode specificProperties = specific.putObject("properties");
            specificProperties.putObject("type").put("const", contract.topic());
            specificProperties.putObject("data").put("$ref", "#/components/schemas/" + payloadName);

            ObjectNode channel = channels.putObject(id);
            channel.put("address", contract.topic());
            channel.put("description", contract.description() + " Key: " + contract.key() + ". Produced by "
                    + contract.producer() + (contract.consumers().isEmpty() ? "; no consumer yet."
                    : "; consumed by " + String.join(", ", contract.consumers()) + ".")
                    + " Records its consumers can never apply go to " + contract.topic() + ".dlt.");
            channel.putObject("messages").putObject(id).put("$ref", "#/components/messages/" + id);

            operation(operations, "publish" + capitalised(id), "send", id, contract.producer() + " publishes "
                    + contract.topic() + " through its transactional outbox");
            for (String consumer : contract.consumers()) {
                operation(operations, camel(consumer) + "Receives" + capitalised(id), "receive", id,
                        consumer + " consumes " + contract.topic() + " (once per event id)");
            }
        }
        return doc;
    }

    private static void operation(ObjectNode operations, String name, String action, String channelId, String summary) {
        ObjectNode operation = operations.putObject(name);
        operation.put("action", action);
        operation.putObject("channel").put("$ref", "#/channels/" + channelId);
        operation.put("summary", summary);
        operation.putArray("messages").addObject().put("$ref", "#/channels/" + channelId + "/messages/" + channelId);
    }

    private static ObjectNode cloudEventSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0, structured mode, JSON format; requestid is an extension attribute");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", "1.0");
        properties.putObject("id").put("type", "string").put("format", "uuid")
                .put("description", "unique per event; consumers apply each id once");
        properties.putObject("source").put("type", "string").put("format", "uri-reference")
                .put("description", "the service that wrote it, e.g. auth-service");
        properties.putObject("type").put("type", "string").put("description", "the topic's name");
        properties.putObject("subject").put("type", "string").put("description", "the aggregate id; also the record key");
        properties.putObject("time").put("type", "string").put("format", "date-time")
                .put("description", "when the change was committed");
        properties.putObject("datacontenttype").put("const", "application/json");
        properties.putObject("data").put("type", "object");
        properties.putObject("requestid").put("type", "string")
                .put("description", "extension: the request that caused the event (X-Request-ID); absent when none");
        ArrayNode required = schema.putArray("required");
        List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data").forEach(required::add);
        return schema;
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '.' || c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String json(JsonNode node) throws Exception {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    static String yaml(JsonNode node) throws Exception {
        return YAML.writeValueAsString(node);
    }
}
