package io.lecturevision.common.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A JSON text field takes only a JSON string (not a number, boolean, object or array), a boolean
 * field not a number, and a text field refuses
 * NUL ({@code \u0000}), which PostgreSQL cannot store in text, and the other control characters
 * (C0 and DEL) except tab, line feed and carriage return, which no field of the API means: a body
 * carrying one is FastAPI's 422 for that field, before it reaches a service or the database.
 */
@Singleton
public class StorableStrings implements ObjectMapperCustomizer {

    /**
     * The same rule for text that is not JSON (multipart fields, file names): refused as FastAPI's 422
     * at {@code [location, field]}; null passes (absence is the caller's rule).
     */
    public static String requireStorable(String location, String field, String value) {
        if (value != null && value.chars().anyMatch(ControlRefusing::refused)) {
            throw RequestValidationException.of(location, field, "String should not contain control characters",
                    "string_pattern_mismatch");
        }
        return value;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("lv-storable-strings").addDeserializer(String.class, new ControlRefusing()));
        // nor a number as a boolean (Jackson reads 2 as true)
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    private static final class ControlRefusing extends StdScalarDeserializer<String> {

        ControlRefusing() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                // FastAPI (pydantic 2) does not read a number, boolean, object or array as text either
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (value != null && value.chars().anyMatch(ControlRefusing::refused)) {
                throw InvalidFormatException.from(parser, "String should not contain control characters", value, String.class);
            }
            return value;
        }

        private static boolean refused(int c) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
        }
    }
}
