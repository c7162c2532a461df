package dev.cumulus.core.number;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * One element of an inline {@code values} array, kept as the text it was written in, so that no JSON number passes
 * through a {@code double} on the way. Anything else (an object, {@code true}, {@code null}) is kept as well and
 * rejected with its position when the values are summed, not as a vague parse error.
 */
@JsonDeserialize(using = InlineValue.Reader.class)
@JsonSerialize(using = InlineValue.Writer.class)
public record InlineValue(Kind kind, String text) {

    public enum Kind {
        /** A JSON number, such as {@code 12}, {@code -0.5} or {@code 1e3}. */
        NUMBER,
        /** A JSON string, which must hold a number in the same grammar, such as {@code "-12.50"} or {@code "1e3"}. */
        STRING,
        /** Anything else, which is never a number. */
        OTHER
    }

    public static InlineValue number(String text) {
        return new InlineValue(Kind.NUMBER, text);
    }

    public static InlineValue string(String text) {
        return new InlineValue(Kind.STRING, text);
    }

    /** Reads any JSON value without interpreting numbers. */
    public static final class Reader extends JsonDeserializer<InlineValue> {
        @Override
        public InlineValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return number(p.getText());
            }
            if (token == JsonToken.VALUE_STRING) {
                return string(p.getText());
            }
            String shown = token == JsonToken.START_OBJECT
                    ? "{...}"
                    : token == JsonToken.START_ARRAY ? "[...]" : p.getText();
            p.skipChildren();
            return new InlineValue(Kind.OTHER, shown);
        }

        @Override
        public InlineValue getNullValue(DeserializationContext ctxt) {
            return new InlineValue(Kind.OTHER, "null");
        }
    }

    /** Writes the value back as the JSON it came from: numbers bare, strings quoted. */
    public static final class Writer extends JsonSerializer<InlineValue> {
        @Override
        public void serialize(InlineValue value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            switch (value.kind()) {
                case NUMBER -> gen.writeNumber(value.text());
                case STRING -> gen.writeString(value.text());
                default -> gen.writeNull();
            }
        }
    }
}
