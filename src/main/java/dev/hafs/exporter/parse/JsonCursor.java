package dev.hafs.exporter.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only walk over a JSON document that never builds a tree: HAFS's regions file carries
 * megabytes of centroids and its quality file can be 100 MB, and neither must end up on the heap.
 * Every visitor consumes exactly the value it is handed, by reading it, walking it, or skipping it.
 */
final class JsonCursor {
    /** Python's json.dumps writes NaN and Infinity; the limits keep hostile input from exhausting memory. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Parses doubles from the parser's buffer instead of a String per number: the history has millions.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNameLength(64 << 10)
                    .maxNumberLength(64)
                    .build())
            .build();

    interface FieldVisitor {
        void field(String name, JsonCursor value) throws IOException, MalformedSourceException;
    }

    interface ElementVisitor {
        void element(int index, JsonCursor value) throws IOException, MalformedSourceException;
    }

    private final JsonParser parser;

    private JsonCursor(JsonParser parser) {
        this.parser = parser;
    }

    /** Walks the top-level object of a document and insists nothing follows it. */
    static void readDocument(InputStream in, FieldVisitor visitor) throws IOException, MalformedSourceException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonCursor cursor = new JsonCursor(parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX, "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                cursor.skip();
                throw new MalformedSourceException(MalformedSourceException.Kind.SCHEMA,
                        "the top level is " + describe(first) + ", expected an object");
            }
            cursor.forEachField(visitor);
            if (parser.nextToken() != null) {
                throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                        "content follows the top-level object at line " + parser.currentLocation().getLineNr());
            }
        } catch (StreamConstraintsException e) {
            throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                    "a value exceeds the parser's limits: " + e.getOriginalMessage(), e);
        } catch (java.io.CharConversionException e) {
            throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX, "not valid UTF-8: " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                    "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    boolean isObject() {
        return parser.currentToken() == JsonToken.START_OBJECT;
    }

    boolean isArray() {
        return parser.currentToken() == JsonToken.START_ARRAY;
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    boolean isNumber() {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /** A short name of the current value's type, for messages a person reads. */
    String type() {
        return describe(parser.currentToken());
    }

    void forEachField(FieldVisitor visitor) throws IOException, MalformedSourceException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            visitor.field(name, this);
        }
    }

    void forEachElement(ElementVisitor visitor) throws IOException, MalformedSourceException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            visitor.element(index++, this);
        }
    }

    /** The number at the cursor, NaN and Infinity included. The caller checks {@link #isNumber()} first. */
    double number() throws IOException {
        return parser.getDoubleValue();
    }

    String text() throws IOException {
        return parser.getText();
    }

    boolean isText() {
        return parser.currentToken() == JsonToken.VALUE_STRING;
    }

    void skip() throws IOException {
        parser.skipChildren();
    }

    /** An object section of the file; a section of another type makes the whole file unusable. */
    void section(String name, FieldVisitor visitor) throws IOException, MalformedSourceException {
        if (isNull()) {
            return;
        }
        if (!isObject()) {
            String found = type();
            skip();
            throw new MalformedSourceException(MalformedSourceException.Kind.SCHEMA,
                    "\"" + name + "\" is " + found + ", expected an object");
        }
        forEachField(visitor);
    }

    /** An array section of the file; a section of another type makes the whole file unusable. */
    void arraySection(String name, ElementVisitor visitor) throws IOException, MalformedSourceException {
        if (isNull()) {
            return;
        }
        if (!isArray()) {
            String found = type();
            skip();
            throw new MalformedSourceException(MalformedSourceException.Kind.SCHEMA,
                    "\"" + name + "\" is " + found + ", expected an array");
        }
        forEachElement(visitor);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
