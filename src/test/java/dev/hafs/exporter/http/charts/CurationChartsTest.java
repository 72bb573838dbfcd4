package dev.hafs.exporter.http.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The pilot and campaign panel and the newest datasets chart, on the curation fixture and on hostile names. */
class CurationChartsTest {
    private static final double PLOT = Svg.plotHeight();

    @TempDir
    Path dir;

    private TrainingSnapshot scanned() {
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            return pipeline.snapshot();
        }
    }

    private TrainingSnapshot fixture() {
        Fixtures.copy(CurationFixture.NAME, dir);
        return scanned();
    }

    @Test
    void theDatasetsChartDrawsFinalSamplesAsBarsAndYieldAsALineOldestToNewest() {
        SvgMarks marks = SvgMarks.of(DatasetsChart.render(fixture()));

        List<Element> bars = marks.elements("rect", "bar");
        assertThat(bars).extracting(SvgMarks::title).containsExactly(
                "pilot_500_20251221_120000_20251221_121501: 500 final samples",
                "full_campaign_34500_20251221_140501: 3173 final samples",
                "pilot_190_20251222_090000: 150 final samples");
        // The left axis runs to 5,000, the round number above the largest dataset.
        assertThat(SvgMarks.number(bars.get(1), "height")).isCloseTo(3173.0 / 5000 * PLOT, within(0.1));
        List<Element> yields = marks.elements("circle", "point yield");
        assertThat(yields).extracting(SvgMarks::title).containsExactly(
                "pilot_500_20251221_120000_20251221_121501: yield 100 % (500 final of 500 generated)",
                "full_campaign_34500_20251221_140501: yield 49.4 % (3173 final of 6421 generated)",
                "pilot_190_20251222_090000: yield 78.9 % (150 final of 190 generated)");
        assertThat(SvgMarks.number(yields.get(0), "cy")).isCloseTo(Svg.TOP, within(0.1));
        assertThat(marks.elements("polyline", "series yield").getFirst().getAttribute("points").trim().split(" ")).hasSize(3);
        assertThat(marks.elements("text", "tick yield-tick")).extracting(SvgMarks::drawnText).contains("0%", "100%");
        assertThat(marks.elements("text", "label slanted")).hasSize(3);
    }

    @Test
    void onlyTheNewestDatasetsAreDrawnAndOneWithoutAYieldIsAGap() {
        HafsCuration hafs = new HafsCuration(dir);
        for (int day = 0; day < DatasetsChart.NEWEST + 3; day++) {
            hafs.dataset(HafsCuration.Dataset.of("d", LocalDateTime.of(2025, 11, 1, 8, 0).plusDays(day), 100, 50)).all();
        }
        HafsCuration.DatasetWriter noCounts = hafs.dataset(HafsCuration.Dataset.of("d", LocalDateTime.of(2025, 12, 20, 8, 0), 1, 1))
                .splits().metadata();
        HafsWriter.write(noCounts.folder().resolve("stats.json"), "{}");

        SvgMarks marks = SvgMarks.of(DatasetsChart.render(scanned()));

        assertThat(marks.elements("rect", "bar")).hasSize(DatasetsChart.NEWEST - 1);
        assertThat(marks.elements("rect", "bar").getFirst().getAttribute("class")).isEqualTo("bar");
        assertThat(SvgMarks.title(marks.elements("rect", "bar").getFirst())).startsWith("d_20251105_080000");
        assertThat(marks.elements("circle", "point yield")).hasSize(DatasetsChart.NEWEST - 1);
        // The newest dataset has no counts: the line ends one dataset before it.
        assertThat(marks.elements("polyline", "series yield")).hasSize(1);
    }

    @Test
    void theDatasetsChartSaysWhyItIsEmpty() throws Exception {
        assertThat(DatasetsChart.render(scanned())).contains("datasets/ is missing from the training directory.").doesNotContain("<svg");
        new HafsCuration(dir).dataset(HafsCuration.Dataset.of("d", LocalDateTime.of(2025, 11, 1, 8, 0), 10, 5)).splits();
        assertThat(DatasetsChart.render(scanned())).contains("No whole dataset folder yet (1 found).");
    }

    @Test
    void theCampaignPanelShowsEachStepWithProgressBarsAndTheProcess() {
        TrainingSnapshot snapshot = fixture();

        String panel = CampaignPanel.render(snapshot);

        assertThat(panel).contains("<dt>Phase</dt><dd><code>campaign_launched</code></dd>")
                .contains("aria-label=\"Pilot progress\" aria-valuemin=\"0\" aria-valuemax=\"190\" aria-valuenow=\"190\"><span style=\"width:100.0%\">")
                .contains(" · estimated quality 0.864 against a threshold of 0.75: passes; complete")
                .contains("<dt>Validation</dt><dd>approved</dd>")
                .contains("<dt>Launch</dt><dd>launched, target 34500 samples</dd>")
                .contains("aria-label=\"Campaign progress\" aria-valuemin=\"0\" aria-valuemax=\"6900\" aria-valuenow=\"400\"><span style=\"width:5.8%\">")
                .contains("<small>400 of 6900 (5.8 %)</small> HAFS says running")
                .contains("<dt>Process</dt><dd>pid 4999999 (campaign.pid): <span class=\"failing\">not running</span>: no such process</dd>");
        assertThat(CampaignPanel.render(snapshot.withCampaignProcess(Optional.of(new CampaignProcess(7, "campaign.pid",
                CampaignProcess.State.RUNNING))))).contains("pid 7 (campaign.pid): <span class=\"loaded\">running</span>");
    }

    @Test
    void aBarNeverLeavesItsTrackAndATargetOfZeroDrawsNone() {
        assertThat(CampaignPanel.bar("x", OptionalDouble.of(7000), OptionalDouble.of(6900))).contains("width:100.0%").contains("(101 %)");
        assertThat(CampaignPanel.bar("x", OptionalDouble.of(-5), OptionalDouble.of(100))).contains("width:0.0%");
        assertThat(CampaignPanel.bar("x", OptionalDouble.of(0), OptionalDouble.of(0))).isEqualTo("0 items (no target)");
        assertThat(CampaignPanel.bar("x", OptionalDouble.empty(), OptionalDouble.of(10))).isEqualTo("no progress written");
    }

    @Test
    void eachStepSaysPlainlyWhenItsFileIsMissing() {
        String panel = CampaignPanel.render(scanned());

        assertThat(panel).contains("orchestrator_state.json is missing from the training directory.")
                .contains("campaign_monitor_status.json is missing").contains("<dt>Process</dt><dd>no pid recorded</dd>");
    }

    @Test
    void hostileNamesFromTheFilesAreEscapedEverywhere() throws Exception {
        // A folder name may hold anything but a slash.
        String hostile = "<img src=x onerror=alert(1)>&\"'";
        HafsCuration hafs = new HafsCuration(dir);
        hafs.dataset(HafsCuration.Dataset.of(hostile, LocalDateTime.of(2025, 12, 21, 14, 5, 1), 10, 5)).all();
        hafs.write(HafsCuration.ORCHESTRATOR, Map.of("phase", hostile));
        hafs.write(HafsCuration.VALIDATION, Map.of("approved", false, "checks", Map.of(hostile, false)));
        assertThat(Files.isDirectory(dir.resolve("datasets").resolve(hostile + "_20251221_140501"))).isTrue();
        TrainingSnapshot snapshot = scanned();
        assertThat(snapshot.source(Source.DATASETS).data()).isPresent();

        for (String panel : List.of(DatasetsChart.render(snapshot), CampaignPanel.render(snapshot))) {
            assertThat(panel).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;");
        }
        SvgMarks.of(DatasetsChart.render(snapshot));
    }
}
