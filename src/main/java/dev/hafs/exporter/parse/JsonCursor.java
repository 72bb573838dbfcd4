package dev.hafs.exporter.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only, pull-style walk over one JSON document that never builds a tree: HAFS's regions
 * file carries megabytes of centroids, and no file may end up on the heap whole. A parser reads
 * it as Jackson's own idiom, with ordinary locals:
 * <pre>{@code
 * try (JsonCursor cursor = JsonCursor.open(in)) {
 *     while (cursor.nextField()) {
 *         switch (cursor.name()) {
 *             case "progress" -> progress = record.number(cursor);
 *             default -> { }      // skipped unread, however large
 *         }
 *     }
 * }
 * }</pre>
 * A value the caller neither reads nor enters is skipped when the cursor moves on, so unknown
 * fields and unbounded arrays nobody needs cost no memory. A loop that enters an object or array
 * runs to its end. Every failure of the JSON itself is a {@link MalformedSourceException}.
 */
final class JsonCursor implements AutoCloseable {
    /**
     * Python's json.dumps writes NaN and Infinity. The limits keep hostile input from exhausting
     * memory. Field names are not canonicalized: Jackson's symbol table would keep every distinct
     * long name of the file (up to 64 KiB each, twice) until the parse ends, and a collision flood
     * makes it throw. Without it Jackson reads through a {@link Reader}, so {@link #open} supplies
     * one that refuses invalid UTF-8 anywhere in the file instead of replacing it.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNameLength(64 << 10)
                    .maxNumberLength(64)
                    .build())
            .build();

    private final JsonParser parser;
    private String name;
    /** A value is positioned and was neither entered nor skipped: moving on skips it. */
    private boolean pending;
    /** A null section was entered: the loop over it ends at once. */
    private boolean emptySection;

    private JsonCursor(JsonParser parser) {
        this.parser = parser;
    }

    /** Opens a document whose top level must be an object, positioned before its first field. */
    static JsonCursor open(InputStream in) throws IOException, MalformedSourceException {
        JsonCursor cursor = new JsonCursor(FACTORY.createParser(withoutByteOrderMark(
                new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))));
        try {
            JsonToken first = cursor.advance();
            if (first == null) {
                throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX, "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                // Reading it to its end tells a truncated file (syntax) from valid JSON of the wrong shape.
                cursor.pending = true;
                cursor.skipPending();
                throw new MalformedSourceException(MalformedSourceException.Kind.SCHEMA,
                        "the top level is " + describe(first) + ", expected an object");
            }
            return cursor;
        } catch (IOException | MalformedSourceException | RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    /** A UTF-8 byte order mark is no content: some editors write one. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException, MalformedSourceException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        try {
            int first = pushback.read();
            if (first >= 0 && first != '\uFEFF') {
                pushback.unread(first);
            }
        } catch (CharacterCodingException e) {
            throw malformed(e);
        }
        return pushback;
    }

    /**
     * Moves to the next field of the object the cursor is in and positions at its value; false at
     * the object's end. At the end of the document it insists that nothing follows.
     */
    boolean nextField() throws IOException, MalformedSourceException {
        if (endOfEmptySection()) {
            return false;
        }
        skipPending();
        JsonToken token = advance();
        if (token != JsonToken.FIELD_NAME) {
            if (parser.getParsingContext().inRoot() && advance() != null) {
                throw new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                        "content follows the top-level object at line " + parser.currentLocation().getLineNr());
            }
            return false;
        }
        name = currentName();
        advance();
        pending = true;
        return true;
    }

    /** The name of the field {@link #nextField()} moved to. */
    String name() {
        return name;
    }

    /** Moves to the next element of the array the cursor is in; false at the array's end. */
    boolean nextElement() throws IOException, MalformedSourceException {
        if (endOfEmptySection()) {
            return false;
        }
        skipPending();
        if (advance() == JsonToken.END_ARRAY) {
            return false;
        }
        pending = true;
        return true;
    }

    /** Enters the value if it is an object, for a loop of {@link #nextField()}; false leaves it to be skipped. */
    boolean enterObject() {
        return enter(JsonToken.START_OBJECT);
    }

    /** Enters the value if it is an array, for a loop of {@link #nextElement()}; false leaves it to be skipped. */
    boolean enterArray() {
        return enter(JsonToken.START_ARRAY);
    }

    /**
     * Enters a top-level section that must be an object: null reads as an empty one, another type
     * makes the whole file unusable.
     */
    void enterObjectSection() throws IOException, MalformedSourceException {
        enterSection(JsonToken.START_OBJECT, "an object");
    }

    /** As {@link #enterObjectSection()}, for a section that must be an array. */
    void enterArraySection() throws IOException, MalformedSourceException {
        enterSection(JsonToken.START_ARRAY, "an array");
    }

    boolean isNumber() {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
    }

    boolean isText() {
        return parser.currentToken() == JsonToken.VALUE_STRING;
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    boolean isBoolean() {
        return parser.currentToken() == JsonToken.VALUE_TRUE || parser.currentToken() == JsonToken.VALUE_FALSE;
    }

    /** The boolean at the cursor; the caller checks {@link #isBoolean()} first. */
    boolean bool() {
        return parser.currentToken() == JsonToken.VALUE_TRUE;
    }

    /** A short name of the current value's type, for messages a person reads. */
    String type() {
        return describe(parser.currentToken());
    }

    /** The number at the cursor, NaN and Infinity included; the caller checks {@link #isNumber()} first. */
    double number() throws IOException, MalformedSourceException {
        try {
            return parser.getDoubleValue();
        } catch (JsonProcessingException | CharacterCodingException e) {
            throw malformed(e);
        }
    }

    /** The string at the cursor; the caller checks {@link #isText()} first. */
    String text() throws IOException, MalformedSourceException {
        try {
            return parser.getText();
        } catch (JsonProcessingException | CharacterCodingException e) {
            throw malformed(e);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void enterSection(JsonToken start, String expected) throws IOException, MalformedSourceException {
        if (isNull()) {
            pending = false;
            emptySection = true;
        } else if (!enter(start)) {
            String found = type();
            skipPending();
            throw new MalformedSourceException(MalformedSourceException.Kind.SCHEMA,
                    "\"" + name + "\" is " + found + ", expected " + expected);
        }
    }

    private boolean enter(JsonToken start) {
        if (parser.currentToken() != start) {
            return false;
        }
        pending = false;
        return true;
    }

    private boolean endOfEmptySection() {
        if (emptySection) {
            emptySection = false;
            return true;
        }
        return false;
    }

    private void skipPending() throws IOException, MalformedSourceException {
        if (pending) {
            pending = false;
            try {
                parser.skipChildren();
            } catch (JsonProcessingException | CharacterCodingException e) {
                throw malformed(e);
            }
        }
    }

    private JsonToken advance() throws IOException, MalformedSourceException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException | CharacterCodingException e) {
            throw malformed(e);
        }
    }

    private String currentName() throws IOException, MalformedSourceException {
        try {
            return parser.currentName();
        } catch (JsonProcessingException | CharacterCodingException e) {
            throw malformed(e);
        }
    }

    private static MalformedSourceException malformed(IOException e) {
        return switch (e) {
            case StreamConstraintsException limit -> new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                    "a value exceeds the parser's limits: " + limit.getOriginalMessage(), e);
            case JsonProcessingException json -> new MalformedSourceException(MalformedSourceException.Kind.SYNTAX,
                    "not valid JSON at line " + json.getLocation().getLineNr() + ": " + json.getOriginalMessage(), e);
            default -> new MalformedSourceException(MalformedSourceException.Kind.SYNTAX, "not valid UTF-8", e);
        };
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
