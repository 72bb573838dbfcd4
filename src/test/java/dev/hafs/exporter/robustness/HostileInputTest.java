package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hafs.exporter.parse.DatasetFolderParser;
import dev.hafs.exporter.parse.DatasetResult;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.DatasetFiles;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against every parser: whatever the bytes, a parser returns a result or throws
 * {@link MalformedSourceException} with a kind, never anything else (no runtime exception, no
 * stack overflow, no out-of-memory), so the reload stage can always decide what to keep.
 *
 * <p>The inputs are random but seeded. Each run starts from a new base seed; a failing case names
 * its seed, and {@code ./mvnw test -Dtest=HostileInputTest -Dhostile.seed=SEED} runs every case
 * from that seed on, so the failing one is the first of each method.
 */
@ExtendWith(HostileInputTest.NameTheSeed.class)
class HostileInputTest {
    private static final long BASE_SEED = Long.getLong("hostile.seed", new Random().nextLong());
    private static final HafsTimestamps UTC = new HafsTimestamps(ZoneOffset.UTC);
    private static final Map<Source, SourceParser> PARSERS = SourceParsers.forEachFile(50, RecordLimits.DEFAULTS, UTC);
    private static final DatasetFolderParser FOLDERS = new DatasetFolderParser(UTC);
    private static final String FOLDER = "datasets/" + CurationFixture.FULL_CAMPAIGN.folder() + "/";

    /**
     * Every JSON document the exporter parses: the eight JSON sources, and the three files of a
     * dataset folder, each parsed in a folder whose other files are the fixture's.
     */
    enum Document {
        QUALITY_FEEDBACK(Source.QUALITY_FEEDBACK, "basic", "last_updated"),
        ACTIVE_LEARNING(Source.ACTIVE_LEARNING, "basic", "last_updated"),
        TRAINING_FEEDBACK(Source.TRAINING_FEEDBACK, "basic", "last_updated"),
        PILOT_MONITOR_STATUS(Source.PILOT_MONITOR_STATUS, CurationFixture.NAME, "last_update"),
        CAMPAIGN_VALIDATION(Source.CAMPAIGN_VALIDATION, CurationFixture.NAME, "validation_timestamp"),
        CAMPAIGN_STATUS(Source.CAMPAIGN_STATUS, CurationFixture.NAME, "launch_time"),
        CAMPAIGN_MONITOR_STATUS(Source.CAMPAIGN_MONITOR_STATUS, CurationFixture.NAME, "last_update"),
        ORCHESTRATOR_STATE(Source.ORCHESTRATOR_STATE, CurationFixture.NAME, "phase"),
        DATASET_STATS(DatasetFiles.STATS, null),
        DATASET_METADATA(DatasetFiles.METADATA, "created"),
        DATASET_REJECTION_SUMMARY(DatasetFiles.REJECTION_SUMMARY, null);

        private final Source source;
        private final String fixture;
        private final String file;
        /** A field whose string value the parser reads (others are skipped unread, however long); null when it reads none. */
        private final String textField;

        Document(Source source, String fixture, String textField) {
            this.source = source;
            this.fixture = fixture;
            this.file = source.fileName();
            this.textField = textField;
        }

        Document(String datasetFile, String textField) {
            this.source = Source.DATASETS;
            this.fixture = CurationFixture.NAME;
            this.file = FOLDER + datasetFile;
            this.textField = textField;
        }

        byte[] fixture() {
            return Fixtures.text(fixture, file).getBytes(StandardCharsets.UTF_8);
        }

        /** The parse of these bytes: a source's result, or for a dataset file, the folder's (whole or skipped). */
        Object parse(byte[] bytes) throws Exception {
            if (source != Source.DATASETS) {
                return PARSERS.get(source).parse(new ByteArrayInputStream(bytes));
            }
            byte[][] files = new byte[3][];
            for (int i = 0; i < 3; i++) {
                String name = DatasetFiles.ALL.get(i);
                files[i] = file.endsWith(name) ? bytes : Fixtures.text(fixture, FOLDER + name).getBytes(StandardCharsets.UTF_8);
            }
            return FOLDERS.parse(CurationFixture.FULL_CAMPAIGN.folder(), new ByteArrayInputStream(files[0]),
                    new ByteArrayInputStream(files[1]), new ByteArrayInputStream(files[2]));
        }
    }
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    sealed interface Outcome permits Loaded, Rejected {
    }

    /** A parse that returned: a source's {@link ParseResult}, or a dataset folder's {@link DatasetResult}. */
    record Loaded(Object result) implements Outcome {
    }

    record Rejected(MalformedSourceException.Kind kind) implements Outcome {
    }

    /** One random case: its seed, named in the test's display name and in every failure. */
    record Seed(long value) {
        Random random() {
            return new Random(value);
        }

        @Override
        public String toString() {
            return "seed " + value + " (replay: -Dhostile.seed=" + value + ")";
        }
    }

    /** Report tools show a failure under the method's name; this puts the case, and so its seed, into the message. */
    static final class NameTheSeed implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
            throw new AssertionError(context.getDisplayName() + " failed: " + failure.getMessage(), failure);
        }
    }

    private static Stream<Seed> seeds(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Seed(BASE_SEED + i));
    }

    private static Stream<Arguments> filesAndSeeds(int perFile) {
        return Stream.of(Document.values()).flatMap(file -> seeds(perFile).map(seed -> Arguments.of(file, seed)));
    }

    static Outcome parse(Document file, byte[] bytes) {
        try {
            return new Loaded(file.parse(bytes));
        } catch (MalformedSourceException e) {
            assertThat(e.getMessage()).isNotBlank();
            return new Rejected(e.kind());
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(file + ": parser threw " + e, e);
        }
    }

    private static byte[] fixture(Document file) {
        return file.fixture();
    }

    @ParameterizedTest
    @EnumSource(Document.class)
    void everyTruncationIsASyntaxErrorNeverAPartialLoad(Document file) {
        byte[] whole = fixture(file);
        List<Integer> notSyntax = IntStream.range(0, whole.length)
                .filter(length -> !(parse(file, Arrays.copyOf(whole, length)) instanceof Rejected(var kind)
                        && kind == MalformedSourceException.Kind.SYNTAX))
                .boxed().toList();

        assertThat(notSyntax).as("prefix lengths that did not fail as syntax errors").isEmpty();
    }

    static Stream<Arguments> byteFlips() {
        return filesAndSeeds(200);
    }

    @ParameterizedTest
    @MethodSource("byteFlips")
    void randomByteFlipsNeverEscapeTheParser(Document file, Seed seed) {
        Random random = seed.random();
        byte[] bytes = fixture(file);
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        parse(file, bytes);
    }

    static Stream<Arguments> wrongTypes() {
        return filesAndSeeds(150);
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeAnywhereLoadsTheRestOrIsASchemaError(Document file, Seed seed) throws Exception {
        Random random = seed.random();
        JsonNode tree = JSON.readTree(fixture(file));
        List<JsonNode[]> slots = new ArrayList<>();
        collectSlots(tree, slots);
        for (int replacements = 1 + random.nextInt(3); replacements > 0; replacements--) {
            replace(slots.get(random.nextInt(slots.size())), wrongValue(random));
        }

        Outcome outcome = parse(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));

        if (outcome instanceof Rejected rejected) {
            assertThat(rejected.kind()).as("valid JSON is never a syntax error").isEqualTo(MalformedSourceException.Kind.SCHEMA);
        }
    }

    private static JsonNode wrongValue(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> nodes.textNode("many");
            case 1 -> nodes.numberNode(-1);
            case 2 -> nodes.numberNode(1e308);
            case 3 -> nodes.numberNode(Double.NaN);
            case 4 -> nodes.nullNode();
            case 5 -> nodes.booleanNode(random.nextBoolean());
            case 6 -> nodes.arrayNode().add(1).add("x");
            case 7 -> nodes.objectNode().put("k", "v");
            case 8 -> nodes.numberNode(new BigInteger("123456789012345678901234567890"));
            default -> nodes.textNode("<\"'&>\u0000ü");
        };
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

    static Stream<Arguments> nestingDepths() {
        return filesAndSeeds(15);
    }

    @ParameterizedTest
    @MethodSource("nestingDepths")
    void deepNestingIsRejectedWithoutAStackOverflow(Document file, Seed seed) {
        int depth = 65 + seed.random().nextInt(200_000);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        Outcome outcome = parse(file, ("{\"regions\": " + nested + ", \"generator_stats\": {\"g\": " + nested + "}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isEqualTo(new Rejected(MalformedSourceException.Kind.SYNTAX));
    }

    static Stream<Arguments> hugeStrings() {
        return filesAndSeeds(6);
    }

    @ParameterizedTest
    @MethodSource("hugeStrings")
    void multiMegabyteStringsAndKeysAreRejected(Document file, Seed seed) {
        Random random = seed.random();
        String huge = "x".repeat((2 + random.nextInt(7)) << 20);
        String json = random.nextBoolean() || file.textField == null
                ? "{\"" + huge + "\": 1}" : "{\"" + file.textField + "\": \"" + huge + "\"}";

        assertThat(parse(file, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Rejected(MalformedSourceException.Kind.SYNTAX));
    }

    static Stream<Seed> numbers() {
        return seeds(100);
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void hugeAndNegativeNumbersLoadAsWritten(Seed seed) {
        String number = number(seed.random());
        Outcome outcome = parse(Document.QUALITY_FEEDBACK, ("{\"generator_stats\": {\"g\": {\"samples_generated\": " + number
                + ", \"samples_accepted\": " + number + ", \"samples_rejected\": 0}}}").getBytes(StandardCharsets.UTF_8));

        double expected = Double.parseDouble(number);
        assertThat(outcome).as(number).isInstanceOfSatisfying(Loaded.class, loaded -> {
            double read = ((QualityFeedback) ((ParseResult) loaded.result()).data()).generators().getFirst().samplesGenerated();
            assertThat(read == expected || Double.isNaN(read) && Double.isNaN(expected)).as(number + " read as " + read).isTrue();
        });
    }

    private static String number(Random random) {
        String[] specials = {"1e308", "-1e308", "1e-320", "-0", "99999999999999999999999999999999", "NaN", "-Infinity"};
        return switch (random.nextInt(3)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
            default -> specials[random.nextInt(specials.length)];
        };
    }

    static Stream<Seed> duplicates() {
        return seeds(30);
    }

    @ParameterizedTest
    @MethodSource("duplicates")
    void duplicateKeysKeepTheLastValue(Seed seed) {
        Random random = seed.random();
        int first = random.nextInt(1001);
        int last = random.nextInt(1001);
        Outcome outcome = parse(Document.QUALITY_FEEDBACK, ("{\"thresholds\": {\"min_quality_score\": " + first
                + ", \"min_quality_score\": " + last + "}}").getBytes(StandardCharsets.UTF_8));

        assertThat(((QualityFeedback) ((ParseResult) ((Loaded) outcome).result()).data()).thresholds())
                .containsExactly(Map.entry("min_quality_score", (double) last));
    }

    @ParameterizedTest
    @EnumSource(Document.class)
    void aUtf8ByteOrderMarkIsAccepted(Document file) {
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.writeBytes(fixture(file));

        Outcome withMark = parse(file, withBom.toByteArray());

        assertThat(withMark).isInstanceOfSatisfying(Loaded.class,
                loaded -> assertThat(loaded).isEqualTo(parse(file, fixture(file))));
    }

    static Stream<Arguments> invalidUtf8() {
        return filesAndSeeds(20);
    }

    /** Byte sequences that are not UTF-8: a bad continuation, lone continuations, overlong forms, a surrogate, 0xFF. */
    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xBF, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88},
    };

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8InANameIsASyntaxError(Document file, Seed seed) {
        Random random = seed.random();
        byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"generator_stats\": {}, \"x".getBytes(StandardCharsets.UTF_8));
        json.writeBytes(bad);
        json.writeBytes("y\": 1}".getBytes(StandardCharsets.UTF_8));

        assertThat(parse(file, json.toByteArray())).isEqualTo(new Rejected(MalformedSourceException.Kind.SYNTAX));
    }

    @Test
    void theSeedIsPrintedSoAFailureCanBeReplayed() {
        assertThat(new Seed(42).toString()).isEqualTo("seed 42 (replay: -Dhostile.seed=42)");
    }
}
