package dev.hafs.exporter.http.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The four charts for the basic fixture: the marks a user sees, counted and measured. */
class LandingChartsTest {
    /** Plot height in SVG units: the y axis runs from Svg.TOP to Svg.HEIGHT - Svg.BOTTOM. */
    private static final double PLOT = Svg.plotHeight();

    @TempDir
    Path dir;

    private TrainingSnapshot snapshotOf(String fixture) {
        Fixtures.copy(fixture, dir);
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            return pipeline.snapshot();
        }
    }

    @Test
    void generatorStatsDrawsOneBarPerGeneratorHighestFirstAndMarksLowOnes() {
        SvgMarks marks = SvgMarks.of(GeneratorStatsChart.render(snapshotOf("basic")));

        List<Element> bars = marks.elements("rect", null);
        assertThat(bars).extracting(SvgMarks::title).containsExactly(
                "unknown: 85 % accepted (425 of 500)", "baseline: 25 % accepted (30 of 120)",
                "idle \"quoted\" \\ gen ü: 0 % accepted (0 of 0)");
        assertThat(bars).extracting(bar -> bar.getAttribute("class")).containsExactly("bar", "bar low", "bar low");
        assertThat(SvgMarks.number(bars.get(0), "height")).isCloseTo(0.85 * PLOT, within(0.1));
        assertThat(SvgMarks.number(bars.get(1), "height")).isCloseTo(0.25 * PLOT, within(0.1));
        assertThat(SvgMarks.number(bars.get(2), "height")).isZero();
    }

    @Test
    void embeddingCoverageDrawsSparseRegionsAsCirclesAndDenseOnesAsSquares() {
        String panel = EmbeddingCoverageChart.render(snapshotOf("basic"));
        SvgMarks marks = SvgMarks.of(panel);

        assertThat(panel).contains("<figcaption>Embedding Coverage — score 0.34, 2 sparse of 5 regions</figcaption>");
        assertThat(marks.elements("circle", "point sparse")).extracting(SvgMarks::title)
                .containsExactly("region 1 (asm): 10 samples, sparse", "region 3 (python): 5 samples, sparse");
        assertThat(marks.elements("rect", "point dense")).hasSize(3);
        Element highest = marks.elements("rect", "point dense").get(1);
        assertThat(SvgMarks.number(highest, "y") + 4.5).isCloseTo(Svg.TOP, within(0.1));
    }

    @Test
    void qualityTrendsDrawsOneLinePerSeriesAndTheGoal() {
        String panel = QualityTrendsChart.render(snapshotOf("basic"));
        SvgMarks marks = SvgMarks.of(panel);

        // asm's five series have two values each; cpp's six have one, drawn as a dot a polyline could not show.
        assertThat(marks.elements("polyline", "series")).hasSize(5);
        assertThat(marks.elements("circle", "series point")).hasSize(6);
        assertThat(marks.elements("circle", "series point")).extracting(SvgMarks::title)
                .allSatisfy(title -> assertThat(title).startsWith("cpp / "));
        Element asmDiversity = marks.elements("polyline", "series").getFirst();
        assertThat(SvgMarks.title(asmDiversity)).isEqualTo("asm / diversity: mean 0.3");
        assertThat(asmDiversity.getAttribute("points").trim().split(" ")).hasSize(2);
        Element goal = marks.elements("line", "threshold").getFirst();
        assertThat(SvgMarks.number(goal, "y1")).isCloseTo(Svg.TOP + 0.3 * PLOT, within(0.1));
        assertThat(panel).contains("<li>", "asm / diversity");
    }

    @Test
    void trainingRunsShowsCompletedRunsByAscendingLossWithEscapedIds() {
        String panel = TrainingRunsChart.render(snapshotOf("basic"));
        SvgMarks marks = SvgMarks.of(panel);

        assertThat(marks.elements("rect", "bar")).extracting(SvgMarks::title).containsExactly(
                "run-001 (qwen2.5-coder-finetuned): loss 0.089", "run-<003>& (small): loss 0.12");
        assertThat(panel).contains("run-&lt;003&gt;&amp;").doesNotContain("run-<003>&");
    }

    @Test
    void onlyTheTenLowestLossesAreDrawnInAscendingOrder() throws Exception {
        StringBuilder runs = new StringBuilder("{\"training_runs\": {");
        for (int i = 0; i < 15; i++) {
            runs.append(i == 0 ? "" : ",").append("\"r").append(i).append("\": {\"model_name\": \"m\", \"final_loss\": ")
                    .append(1.0 - i * 0.05).append('}');
        }
        runs.append(", \"open\": {\"model_name\": \"m\", \"final_loss\": null}}}");
        Files.createDirectories(dir);
        HafsWriter.write(dir.resolve("training_feedback.json"), runs.toString());

        SvgMarks marks;
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            marks = SvgMarks.of(TrainingRunsChart.render(pipeline.snapshot()));
        }

        assertThat(marks.elements("rect", "bar")).extracting(bar -> SvgMarks.title(bar).split(" ")[0])
                .containsExactly("r14", "r13", "r12", "r11", "r10", "r9", "r8", "r7", "r6", "r5");
    }

    @Test
    void eachChartSaysPlainlyWhenItsFileIsMissing() throws Exception {
        Files.createDirectories(dir);
        TrainingSnapshot empty;
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            empty = pipeline.snapshot();
        }

        assertThat(QualityTrendsChart.render(empty)).contains("quality_feedback.json is missing from the training directory.");
        assertThat(GeneratorStatsChart.render(empty)).contains("quality_feedback.json is missing");
        assertThat(EmbeddingCoverageChart.render(empty)).contains("active_learning.json is missing");
        assertThat(TrainingRunsChart.render(empty)).contains("training_feedback.json is missing").doesNotContain("<svg");
    }

    @Test
    void hostileNamesFromTheFilesAreEscapedEverywhere() throws Exception {
        String hostile = "<script>alert(1)</script>\\\"&'";
        Files.createDirectories(dir);
        HafsWriter.write(dir.resolve("quality_feedback.json"), """
                {"generator_stats": {"%1$s": {"samples_generated": 2, "samples_accepted": 1, "samples_rejected": 1}},
                 "rejection_history": [{"domain": "%1$s", "scores": {"%1$s": 0.5}}]}
                """.formatted(hostile));
        HafsWriter.write(dir.resolve("active_learning.json"), """
                {"regions": [{"sample_count": 3, "domain": "%s"}]}
                """.formatted(hostile));
        TrainingSnapshot snapshot;
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            snapshot = pipeline.snapshot();
        }

        for (String panel : List.of(QualityTrendsChart.render(snapshot), GeneratorStatsChart.render(snapshot),
                EmbeddingCoverageChart.render(snapshot))) {
            assertThat(panel).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            SvgMarks.of(panel);
        }
    }
}
