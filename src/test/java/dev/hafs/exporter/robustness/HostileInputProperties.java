package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.SourceFile;
import dev.hafs.exporter.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile input against every parser: whatever the bytes, a parser returns a result or throws
 * {@link MalformedSourceException} with a kind, never anything else (no runtime exception, no
 * stack overflow, no out-of-memory), so the reload stage can always decide what to keep.
 */
class HostileInputProperties {
    private static final Map<SourceFile, SourceParser> PARSERS =
            SourceParsers.forEachFile(50, RecordLimits.DEFAULTS, new HafsTimestamps(ZoneOffset.UTC));
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    sealed interface Outcome permits Loaded, Rejected {
    }

    record Loaded(ParseResult result) implements Outcome {
    }

    record Rejected(MalformedSourceException.Kind kind) implements Outcome {
    }

    static Outcome parse(SourceFile file, byte[] bytes) {
        try {
            return new Loaded(PARSERS.get(file).parse(new ByteArrayInputStream(bytes)));
        } catch (MalformedSourceException e) {
            assertThat(e.getMessage()).isNotBlank();
            return new Rejected(e.kind());
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(file.fileName() + ": parser threw " + e, e);
        }
    }

    private static byte[] fixture(SourceFile file) {
        return Fixtures.text("basic", file.fileName()).getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 600)
    void randomByteFlipsNeverEscapeTheParser(@ForAll SourceFile file, @ForAll("flips") List<int[]> flips) {
        byte[] bytes = fixture(file);
        for (int[] flip : flips) {
            bytes[flip[0] % bytes.length] = (byte) flip[1];
        }
        parse(file, bytes);
    }

    @Provide
    Arbitrary<List<int[]>> flips() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as((position, value) -> new int[] {position, value})
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 400)
    void aValueOfTheWrongTypeAnywhereLoadsTheRestOrIsASchemaError(@ForAll SourceFile file,
            @ForAll @IntRange(min = 0, max = 10_000) int pathSeed, @ForAll("wrongValues") JsonNode replacement) throws Exception {
        JsonNode tree = JSON.readTree(fixture(file));
        List<JsonNode[]> slots = new ArrayList<>();
        collectSlots(tree, slots);
        JsonNode[] slot = slots.get(pathSeed % slots.size());
        replace(slot, replacement);

        Outcome outcome = parse(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));

        if (outcome instanceof Rejected rejected) {
            assertThat(rejected.kind()).as("valid JSON is never a syntax error").isEqualTo(MalformedSourceException.Kind.SCHEMA);
        }
    }

    @Provide
    Arbitrary<JsonNode> wrongValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.of(nodes.textNode("many"), nodes.numberNode(-1), nodes.numberNode(1e308), nodes.numberNode(Double.NaN),
                nodes.nullNode(), nodes.booleanNode(true), nodes.arrayNode().add(1).add("x"), nodes.objectNode().put("k", "v"),
                nodes.numberNode(new java.math.BigInteger("123456789012345678901234567890")), nodes.textNode("<\"'&>\u0000ü"));
    }

    /** Every (container, key-or-index) slot holding a value, so a replacement can land anywhere. */
    private static void collectSlots(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> {
                slots.add(new JsonNode[] {object, JsonNodeFactory.instance.textNode(entry.getKey())});
                collectSlots(entry.getValue(), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] {array, JsonNodeFactory.instance.numberNode(i)});
                collectSlots(array.get(i), slots);
            }
        }
    }

    private static void replace(JsonNode[] slot, JsonNode value) {
        if (slot[0] instanceof ObjectNode object) {
            object.set(slot[1].asText(), value);
        } else {
            ((ArrayNode) slot[0]).set(slot[1].asInt(), value);
        }
    }

    @Property(tries = 50)
    void deepNestingIsRejectedWithoutAStackOverflow(@ForAll SourceFile file, @ForAll @IntRange(min = 65, max = 200_000) int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        Outcome outcome = parse(file, ("{\"regions\": " + nested + ", \"generator_stats\": {\"g\": " + nested + "}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isEqualTo(new Rejected(MalformedSourceException.Kind.SYNTAX));
    }

    @Property(tries = 20)
    void multiMegabyteStringsAndKeysAreRejected(@ForAll SourceFile file, @ForAll @IntRange(min = 2, max = 8) int megabytes,
            @ForAll boolean asKey) {
        String huge = "x".repeat(megabytes << 20);
        String json = asKey ? "{\"" + huge + "\": 1}" : "{\"last_updated\": \"" + huge + "\"}";

        assertThat(parse(file, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Rejected(MalformedSourceException.Kind.SYNTAX));
    }

    @Property(tries = 100)
    void hugeAndNegativeNumbersLoadAsWritten(@ForAll("numbers") String number) {
        Outcome outcome = parse(SourceFile.QUALITY_FEEDBACK, ("{\"generator_stats\": {\"g\": {\"samples_generated\": " + number
                + ", \"samples_accepted\": " + number + ", \"samples_rejected\": 0}}}").getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isInstanceOf(Loaded.class);
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.of("1e308", "-1e308", "1e-320", "-0", "99999999999999999999999999999999", "NaN", "-Infinity"));
    }

    @Property(tries = 30)
    void duplicateKeysKeepTheLastValue(@ForAll @IntRange(min = 0, max = 1000) int first, @ForAll @IntRange(min = 0, max = 1000) int last) {
        Outcome outcome = parse(SourceFile.QUALITY_FEEDBACK, ("{\"thresholds\": {\"min_quality_score\": " + first
                + ", \"min_quality_score\": " + last + "}}").getBytes(StandardCharsets.UTF_8));

        assertThat(((dev.hafs.exporter.parse.QualityFeedback) ((Loaded) outcome).result().data()).thresholds())
                .containsExactly(Map.entry("min_quality_score", (double) last));
    }
}
