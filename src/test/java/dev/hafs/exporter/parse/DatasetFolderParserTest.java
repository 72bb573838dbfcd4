package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.PythonJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A dataset folder's stats.json, metadata.json and rejection_summary.json, as HAFS's curator writes them. */
class DatasetFolderParserTest {
    private static final HafsCuration.Dataset REFERENCE = CurationFixture.FULL_CAMPAIGN;
    private final DatasetFolderParser parser = new DatasetFolderParser(UTC);

    private static InputStream json(Object value) {
        return text(PythonJson.dumps(value));
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private DatasetResult parse(String folder, String stats, String metadata, String summary) throws Exception {
        return parser.parse(folder, text(stats), text(metadata), summary == null ? null : text(summary));
    }

    @Test
    void readsTheFieldReferencesDataset() throws Exception {
        DatasetResult result = parser.parse(REFERENCE.folder(), json(REFERENCE.stats()), json(REFERENCE.metadata()),
                json(REFERENCE.rejectionSummary()));

        Dataset dataset = ((DatasetResult.Whole) result).dataset();
        assertThat(dataset.name()).isEqualTo("full_campaign_34500_20251221_140501");
        assertThat(dataset.created()).contains(Instant.parse("2025-12-21T14:05:01Z"));
        assertThat(dataset.samplesGenerated()).contains(6421.0);
        assertThat(dataset.samplesPassedQuality()).contains(3100.0);
        assertThat(dataset.samplesDeduplicated()).contains(167.0);
        assertThat(dataset.samplesAugmented()).contains(240.0);
        assertThat(dataset.samplesFinal()).contains(3173.0);
        assertThat(dataset.splits()).containsExactly(Map.entry("train", 2538.0), Map.entry("val", 317.0), Map.entry("test", 318.0));
        assertThat(dataset.domainSamples()).containsExactly(Map.entry("asm", 1380.0), Map.entry("gigaleak", 1380.0),
                Map.entry("asm+oracle", 12.0));
        assertThat(dataset.qualityScoreAverage()).contains(0.71);
        assertThat(dataset.durationSeconds()).contains(5423.7);
        assertThat(dataset.rejectionsByReason()).containsExactly(Map.entry("low_quality", 2900.0), Map.entry("duplicate", 167.0),
                Map.entry("validation_failed", 181.0));
        assertThat(dataset.rejectionsByDomain()).containsEntry("asm", 1600.0).hasSize(3);
        assertThat(dataset.yield()).contains(3173.0 / 6421);
        assertThat(((DatasetResult.Whole) result).cut()).containsValues(0L, 0L, 0L);
    }

    @Test
    void withoutARejectionSummaryThereAreNoRejections() throws Exception {
        Dataset dataset = ((DatasetResult.Whole) parser.parse(REFERENCE.folder(), json(REFERENCE.stats()), json(REFERENCE.metadata()),
                null)).dataset();

        assertThat(dataset.rejectionsByReason()).isEmpty();
        assertThat(dataset.rejectionsByDomain()).isEmpty();
        assertThat(dataset.samplesFinal()).contains(3173.0);
    }

    @Test
    void createdFallsBackToTheLastTimestampOfTheFolderName() throws Exception {
        String metadata = "{\"name\": \"pilot_1000\", \"created\": \"soon\", \"train_count\": 8}";

        Dataset dataset = ((DatasetResult.Whole) parse("pilot_1000_20251221_120000_20251221_121501", "{}", metadata, null)).dataset();

        assertThat(dataset.created()).contains(Instant.parse("2025-12-21T12:15:01Z"));
        assertThat(dataset.splits()).containsExactly(Map.entry("train", 8.0));
        assertThat(dataset.samplesFinal()).isEmpty();
        assertThat(dataset.yield()).isEmpty();
    }

    @Test
    void createdWinsOverTheFolderNameAndAFolderWithoutEitherHasNone() throws Exception {
        Dataset renamed = ((DatasetResult.Whole) parse("copy_20200101_000000", "{}", "{\"created\": \"20251221_140501\"}", null)).dataset();
        Dataset nameless = ((DatasetResult.Whole) parse("my dataset", "{}", "{}", null)).dataset();

        assertThat(renamed.created()).contains(Instant.parse("2025-12-21T14:05:01Z"));
        assertThat(nameless.created()).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeInAnyFileSkipsTheWholeFolderAndSaysWhere() throws Exception {
        DatasetResult result = parse("x_20251221_140501", "{\"final_count\": \"3173\", \"quality_scores\": [0.7]}", "{}",
                "{\"by_reason\": {\"low_quality\": \"many\"}}");

        assertThat(result).isInstanceOfSatisfying(DatasetResult.Skipped.class, skipped -> assertThat(skipped.message())
                .startsWith("dataset \"x_20251221_140501\": ").contains("final_count is a string, expected a number")
                .contains("quality_scores is an array"));
    }

    @Test
    void aHalfWrittenFileIsASyntaxErrorNamingTheFile() {
        String stats = PythonJson.dumps(REFERENCE.stats());

        assertThatThrownBy(() -> parse(REFERENCE.folder(), stats.substring(0, stats.length() / 2), "{}", null))
                .isInstanceOfSatisfying(MalformedSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX);
                    assertThat(e.getMessage()).startsWith("stats.json: ");
                });
    }

    @Test
    void eachMapKeepsItsFirstEntriesAndCountsTheRest() throws Exception {
        String domains = IntStream.range(0, RecordLimits.DATASET_ENTRIES_PER_MAP + 9).mapToObj(i -> "\"d" + i + "\": 1")
                .collect(Collectors.joining(", ", "{\"domain_counts\": {", "}}"));

        DatasetResult.Whole whole = (DatasetResult.Whole) parse("big", domains, "{}", "{\"by_domain\": {\"a\": 1}}");

        assertThat(whole.dataset().domainSamples()).hasSize(RecordLimits.DATASET_ENTRIES_PER_MAP).containsKey("d0");
        assertThat(whole.cut()).containsEntry(CappedKind.DATASET_DOMAINS, 9L).containsEntry(CappedKind.DATASET_REJECTION_DOMAINS, 0L);
    }

    @Test
    void theTotalOfEachMapGoesToTheNewestDatasets() throws Exception {
        int perDataset = RecordLimits.DATASET_ENTRIES_PER_MAP;
        int datasets = RecordLimits.DATASET_ENTRIES / perDataset + 3;
        List<DatasetResult.Whole> whole = new ArrayList<>();
        String domains = IntStream.range(0, perDataset).mapToObj(i -> "\"d" + i + "\": 1").collect(Collectors.joining(", ", "{", "}"));
        for (int i = 0; i < datasets; i++) {
            // Oldest first, as a listing might hand them over: the cut must still fall on the oldest.
            whole.add((DatasetResult.Whole) parse(name(i), "{\"domain_counts\": " + domains + "}", "{}", null));
        }

        Datasets all = Datasets.of(datasets + 10, 10, whole);

        assertThat(all.datasets().getFirst().name()).isEqualTo(name(datasets - 1));
        assertThat(all.datasets().stream().mapToInt(d -> d.domainSamples().size()).sum()).isEqualTo(RecordLimits.DATASET_ENTRIES);
        assertThat(all.datasets().subList(datasets - 3, datasets)).allSatisfy(d -> assertThat(d.domainSamples()).isEmpty());
        assertThat(all.capped(CappedKind.DATASET_DOMAINS)).isEqualTo(3L * perDataset);
        assertThat(all.capped(CappedKind.DATASETS)).isEqualTo(10);
        assertThat(all.found()).isEqualTo(datasets + 10);
        assertThat(all.lastUpdated()).contains(DAY_ONE.plusDays(datasets - 1).toInstant(ZoneOffset.UTC));
    }

    private static final LocalDateTime DAY_ONE = LocalDateTime.of(2025, 1, 1, 0, 0);

    private static String name(int day) {
        return "ds_" + PythonJson.compact(DAY_ONE.plusDays(day));
    }
}
