package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hafs.exporter.testing.Fixtures;
import java.time.Instant;
import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActiveLearningParserTest {
    private final ActiveLearningParser parser = new ActiveLearningParser(RecordLimits.DEFAULTS, UTC);

    @Test
    void readsRegionsByPositionWithoutCentroids() throws Exception {
        ActiveLearning learning = (ActiveLearning) parse(parser, Fixtures.text("basic", "active_learning.json")).data();

        assertThat(learning.regions()).extracting(EmbeddingRegion::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(learning.regions()).extracting(EmbeddingRegion::sampleCount).containsExactly(45.0, 10.0, 60.0, 5.0, 40.0);
        assertThat(learning.regions()).extracting(EmbeddingRegion::domain).containsExactly("asm", "asm", "cpp", "python", "cpp");
        assertThat(learning.regions().get(3).avgQuality()).contains(0.0);
        assertThat(learning.regionsPresent()).isEqualTo(5);
        assertThat(learning.numRegionsTarget()).contains(50.0);
        assertThat(learning.lastUpdated()).contains(Instant.parse("2025-12-21T11:00:00Z"));
    }

    @Test
    void sparseRegionsAndCoverageScoreAreComputedAsHafsViewersDo() throws Exception {
        ActiveLearning learning = (ActiveLearning) parse(parser, Fixtures.text("basic", "active_learning.json")).data();

        double mean = (45 + 10 + 60 + 5 + 40) / 5.0;
        double variance = (Math.pow(45 - mean, 2) + Math.pow(10 - mean, 2) + Math.pow(60 - mean, 2)
                + Math.pow(5 - mean, 2) + Math.pow(40 - mean, 2)) / 5;
        assertThat(learning.sparseRegions()).isEqualTo(2);
        assertThat(learning.coverageScore().getAsDouble()).isCloseTo(1 - Math.sqrt(variance) / mean, within(1e-12));
    }

    @Test
    void noRegionsOrAMeanOfZeroHaveNoCoverageScore() throws Exception {
        ActiveLearning empty = (ActiveLearning) parse(parser, "{\"regions\": [], \"num_regions\": 50}").data();
        ActiveLearning zeros = (ActiveLearning) parse(parser,
                "{\"regions\": [{\"sample_count\": 0, \"domain\": \"asm\"}, {\"sample_count\": 0, \"domain\": \"asm\"}]}").data();

        assertThat(empty.coverageScore()).isEmpty();
        assertThat(empty.sparseRegions()).isZero();
        assertThat(zeros.coverageScore()).isEmpty();
    }

    @Test
    void coverageIsClampedAtZeroForVeryUnevenRegions() throws Exception {
        String regions = IntStream.range(0, 20).mapToObj(i -> "{\"sample_count\": " + (i == 0 ? 1000 : 0) + "}")
                .collect(Collectors.joining(",", "{\"regions\": [", "]}"));

        assertThat(((ActiveLearning) parse(parser, regions).data()).coverageScore().getAsDouble()).isZero();
    }

    @Test
    void aMalformedRegionIsSkippedAndTheOthersKeepTheirPositions() throws Exception {
        ParseResult result = parse(parser, """
                {"regions": [{"sample_count": 4, "domain": "asm"}, {"sample_count": "x"}, 7, {"sample_count": 8}]}
                """);

        ActiveLearning learning = (ActiveLearning) result.data();
        assertThat(learning.regions()).extracting(EmbeddingRegion::index).containsExactly(0, 3);
        assertThat(learning.regionsPresent()).isEqualTo(4);
        assertThat(result.skippedRecords().firstMessages()).containsExactly(
                "regions[1]: sample_count is a string, expected a number",
                "regions[2]: is a number, expected an object");
    }

    @Test
    void parsesA768DimensionalFileOfFiftyRegions() throws Exception {
        String centroid = String.join(",\n        ", Collections.nCopies(768, "-0.012345678901234567"));
        String regions = IntStream.range(0, 50)
                .mapToObj(i -> "{\"centroid\": [" + centroid + "], \"sample_count\": " + i
                        + ", \"sample_ids\": [\"a\", \"b\"], \"domain\": \"asm\", \"avg_quality\": 0.5}")
                .collect(Collectors.joining(",\n", "{\"regions\": [", "], \"embedding_dim\": 768, \"num_regions\": 50}"));
        assertThat(regions.length()).isGreaterThan(1_000_000);

        ActiveLearning learning = (ActiveLearning) parse(parser, regions).data();

        assertThat(learning.regions()).hasSize(50);
        assertThat(learning.regions()).extracting(EmbeddingRegion::sampleCount).contains(0.0, 49.0);
    }
}
