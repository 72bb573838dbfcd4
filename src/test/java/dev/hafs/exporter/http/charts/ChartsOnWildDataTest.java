package dev.hafs.exporter.http.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import dev.hafs.exporter.testing.WildNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What training files in the wild put into the charts: NaN and infinite scores, long and non-ASCII
 * generator names and run ids, more generators than bars have room for labels, more regions than
 * --regions.limit keeps. The marks are read from the SVG and measured.
 */
class ChartsOnWildDataTest {
    /** The page's label font size, and how far glyphs of any script reach above and below the baseline. */
    private static final double FONT = 11;
    private static final double ASCENT = 1.0 * FONT;
    private static final double DESCENT = 0.3 * FONT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROTATE = Pattern.compile("rotate\\(([-\\d.]+) ([-\\d.]+) ([-\\d.]+)\\)");

    private static final List<String> WILD_NAMES = WildNames.ALL;

    @TempDir
    Path dir;

    private TrainingSnapshot snapshot() {
        try (Pipeline pipeline = Pipeline.scanned(dir, Clock.systemUTC())) {
            return pipeline.snapshot();
        }
    }

    private void write(String file, Object content) throws Exception {
        Files.createDirectories(dir);
        HafsWriter.write(dir.resolve(file), JSON.writeValueAsString(content));
    }

    @Test
    void nonFiniteScoresAreGapsInTheirLineAndTheRestIsStillDrawn() throws Exception {
        Files.createDirectories(dir);
        StringBuilder history = new StringBuilder();
        for (String value : List.of("0.5", "NaN", "0.6", "0.7", "Infinity", "0.4", "-Infinity", "0.3", "0.2")) {
            history.append(history.isEmpty() ? "" : ",").append("{\"domain\": \"asm\", \"scores\": {\"overall\": ")
                    .append(value).append("}}");
        }
        HafsWriter.write(dir.resolve("quality_feedback.json"), "{\"rejection_history\": [" + history + "]}");

        String panel = QualityTrendsChart.render(snapshot());
        SvgMarks marks = SvgMarks.of(panel);

        assertThat(panel).doesNotContainPattern("=\"[^\"]*(NaN|Infinity)");
        List<List<double[]>> lines = marks.elements("polyline", "series").stream().map(ChartsOnWildDataTest::points).toList();
        assertThat(lines).hasSize(2);
        assertPoints(lines.get(0), 2, 0.6, 3, 0.7);
        assertPoints(lines.get(1), 7, 0.3, 8, 0.2);
        List<Element> dots = marks.elements("circle", "series point");
        assertThat(dots).hasSize(2);
        assertPoints(List.of(center(dots.get(0)), center(dots.get(1))), 0, 0.5, 5, 0.4);
        assertThat(marks.elements("polyline", "series")).extracting(SvgMarks::title).allMatch(t -> t.startsWith("asm / overall"));
    }

    /** (index, score) pairs of a 9-value series against the drawn points. */
    private static void assertPoints(List<double[]> points, double... expected) {
        assertThat(points).hasSize(expected.length / 2);
        for (int i = 0; i < points.size(); i++) {
            double x = Svg.LEFT + Svg.plotWidth() * expected[2 * i] / 8;
            double y = Svg.TOP + Svg.plotHeight() * (1 - expected[2 * i + 1]);
            assertThat(points.get(i)[0]).as("x of point %d", i).isCloseTo(x, within(0.06));
            assertThat(points.get(i)[1]).as("y of point %d", i).isCloseTo(y, within(0.06));
        }
    }

    private static List<double[]> points(Element polyline) {
        List<double[]> points = new ArrayList<>();
        for (String pair : polyline.getAttribute("points").trim().split("\\s+")) {
            String[] xy = pair.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    private static double[] center(Element circle) {
        return new double[] {SvgMarks.number(circle, "cx"), SvgMarks.number(circle, "cy")};
    }

    @Test
    void everyGeneratorLabelStaysInsideTheChartWithTheFullNameAsTooltip() throws Exception {
        Map<String, Object> generators = new LinkedHashMap<>();
        for (int i = 0; i < WILD_NAMES.size(); i++) {
            // The longest name gets the highest acceptance: the leftmost bar, with the least room.
            generators.put(WILD_NAMES.get(i), Map.of("samples_generated", 100, "samples_accepted", 90 - 10 * i,
                    "samples_rejected", 10 + 10 * i));
        }
        write("quality_feedback.json", Map.of("generator_stats", generators));

        List<Element> labels = readableLabels(GeneratorStatsChart.render(snapshot()));

        assertThat(labels).extracting(SvgMarks::title).containsExactlyElementsOf(WILD_NAMES);
        assertThat(labels).extracting(SvgMarks::drawnText).last().isEqualTo("short");
        assertThat(labels.subList(0, 5)).extracting(SvgMarks::drawnText).allMatch(shown -> shown.endsWith("…"));
    }

    @Test
    void everyRunIdLabelStaysInsideTheChartWithTheFullIdAsTooltip() throws Exception {
        Map<String, Object> runs = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = WILD_NAMES.get(i % WILD_NAMES.size()) + "-run-" + i;
            ids.add(id);
            runs.put(id, Map.of("model_name", "m", "final_loss", 0.1 + i * 0.01));
        }
        write("training_feedback.json", Map.of("training_runs", runs));

        List<Element> labels = readableLabels(TrainingRunsChart.render(snapshot()));

        assertThat(labels).extracting(SvgMarks::title).containsExactlyElementsOf(ids);
    }

    @Test
    void manyBarsGetEveryKthLabelWithoutOverlapAndEveryBarKeepsItsName() throws Exception {
        Map<String, Object> generators = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            generators.put("generator-number-%02d".formatted(i), Map.of("samples_generated", 100,
                    "samples_accepted", 100 - i, "samples_rejected", i));
        }
        write("quality_feedback.json", Map.of("generator_stats", generators));

        String panel = GeneratorStatsChart.render(snapshot());
        List<Element> labels = readableLabels(panel);
        List<Element> bars = SvgMarks.of(panel).elements("rect", null);

        assertThat(bars).hasSize(60).allSatisfy(bar -> assertThat(SvgMarks.title(bar)).startsWith("generator-number-"));
        assertThat(labels).hasSizeBetween(10, 30);
        double sin = Math.sin(Math.toRadians(30));
        for (int i = 1; i < labels.size(); i++) {
            double apart = (SvgMarks.number(labels.get(i), "x") - SvgMarks.number(labels.get(i - 1), "x")) * sin;
            assertThat(apart).as("distance between the parallel labels %d and %d", i - 1, i).isGreaterThanOrEqualTo(ASCENT + DESCENT);
        }
        for (Element label : labels) {
            Element bar = bars.stream().filter(b -> Math.abs(SvgMarks.number(b, "x") + SvgMarks.number(b, "width") / 2
                    - SvgMarks.number(label, "x")) < 0.1).findFirst().orElseThrow();
            assertThat(SvgMarks.title(bar)).startsWith(SvgMarks.title(label) + ":");
        }
    }

    /**
     * The slanted labels of a chart, each checked: its drawn box, turned as its transform says, lies
     * inside the viewBox; it shows the whole name or a prefix of whole characters and an ellipsis; its
     * tooltip is the whole name. textLength pins the drawn length whatever the browser's font.
     */
    private static List<Element> readableLabels(String panel) {
        SvgMarks marks = SvgMarks.of(panel);
        double[] viewBox = marks.viewBox();
        List<Element> labels = marks.elements("text", null).stream()
                .filter(text -> text.getAttribute("transform").startsWith("rotate")).toList();
        assertThat(labels).isNotEmpty();
        for (Element label : labels) {
            String name = SvgMarks.title(label);
            String shown = SvgMarks.drawnText(label);
            assertThat(label.getAttribute("text-anchor")).isEqualTo("end");
            // Without textLength the length depends on the font: half an em per character is less than any draws.
            double length = label.hasAttribute("textLength") ? SvgMarks.number(label, "textLength") : graphemes(shown) * 0.5 * FONT;
            Matcher rotate = ROTATE.matcher(label.getAttribute("transform"));
            assertThat(rotate.matches()).as("transform of %s", name).isTrue();
            double angle = Math.toRadians(Double.parseDouble(rotate.group(1)));
            double cx = Double.parseDouble(rotate.group(2));
            double cy = Double.parseDouble(rotate.group(3));
            double x = SvgMarks.number(label, "x");
            double y = SvgMarks.number(label, "y");
            for (double[] corner : List.of(new double[] {x - length, y - ASCENT}, new double[] {x - length, y + DESCENT},
                    new double[] {x, y - ASCENT}, new double[] {x, y + DESCENT})) {
                double dx = corner[0] - cx;
                double dy = corner[1] - cy;
                double turnedX = cx + dx * Math.cos(angle) - dy * Math.sin(angle);
                double turnedY = cy + dx * Math.sin(angle) + dy * Math.cos(angle);
                assertThat(turnedX).as("x of a corner of label %s", name).isBetween(0.0, viewBox[0]);
                assertThat(turnedY).as("y of a corner of label %s", name).isBetween(0.0, viewBox[1]);
            }
            assertThat(length).as("drawn length of %s, not squeezed", name).isGreaterThanOrEqualTo(graphemes(shown) * 0.5 * FONT);
            assertThat(label.getAttribute("lengthAdjust")).as("glyphs scaled to textLength, not overlapping")
                    .isEqualTo("spacingAndGlyphs");
            assertWholeCharacters(shown);
            if (!shown.equals(name)) {
                assertThat(shown).endsWith("…");
                String prefix = shown.substring(0, shown.length() - 1);
                assertThat(name).startsWith(prefix);
                BreakIterator graphemes = BreakIterator.getCharacterInstance();
                graphemes.setText(name);
                assertThat(graphemes.isBoundary(prefix.length())).as("%s is cut between characters", shown).isTrue();
            }
        }
        return labels;
    }

    private static int graphemes(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static void assertWholeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                        .as("%s has half a surrogate pair at %d", text, i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("%s has half a surrogate pair at %d", text, i).isFalse();
            }
        }
    }

    @Test
    void embeddingCoverageTitleCountsTheRegionsShownAndSaysHowManyTheFileHas() {
        Fixtures.copy("basic", dir);
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0", "--regions.limit=3"))) {
            String page = new ExporterClient(exporter.port()).get("/").body();
            Matcher figure = Pattern.compile("<figure class=\"panel\" id=\"embedding-coverage\">.*?</figure>").matcher(page);
            assertThat(figure.find()).isTrue();
            SvgMarks marks = SvgMarks.of(figure.group());
            int sparse = marks.elements("circle", "point sparse").size();
            int dense = marks.elements("rect", "point dense").size();

            assertThat(sparse + dense).isEqualTo(3);
            assertThat(figure.group()).contains("<figcaption>Embedding Coverage — score ")
                    .contains(", " + sparse + " sparse of 3 regions shown (5 in the file)</figcaption>");
        }
    }
}
