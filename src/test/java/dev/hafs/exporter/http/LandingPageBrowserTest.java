package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.WildNames;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (Debian's headless Chromium) loads the landing page from the running exporter.
 * The screenshot is kept in target/screenshots/ as a build artifact.
 */
@Tag("slow")
class LandingPageBrowserTest {
    private static final ExternalTool CHROMIUM = new ExternalTool("chromium", "apt-get install chromium");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path profile;

    private List<String> chromium(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void chromiumRendersTheStatusTableAndTheCharts() throws Exception {
        Path dir = profile.resolve("training");
        Fixtures.copy("basic", dir);
        Fixtures.copy(CurationFixture.NAME, dir);
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0"))) {
            String url = "http://127.0.0.1:" + exporter.port() + "/";
            Files.createDirectories(SCREENSHOTS);
            Path screenshot = SCREENSHOTS.resolve("landing-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);

            ExternalTool.Result dom = CHROMIUM.run(null, chromium("--dump-dom", url));
            ExternalTool.Result shot = CHROMIUM.run(null, chromium("--window-size=1280,1900", "--screenshot=" + screenshot, url));

            assertThat(dom.output()).contains("<figcaption>Quality Trends</figcaption>",
                    "<figcaption>Generator Stats</figcaption>", "<figcaption>Embedding Coverage — score 0.34",
                    "<figcaption>Training Runs — final loss, lower is better</figcaption>",
                    "<figcaption>Pilot and Campaign</figcaption>", "role=\"progressbar\" aria-label=\"Campaign progress\"",
                    "<figcaption>Newest Datasets — final samples and yield</figcaption>",
                    "<code>quality_feedback.json</code>", "<code>datasets/</code>");
            assertThat(shot.exitCode()).as(shot.output()).isZero();
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(distinctColours(image)).as("a rendered page, not a blank one").isGreaterThan(50);
        }
    }

    /**
     * Long and non-ASCII generator names and run ids, measured where they are drawn: every slanted
     * label's box, as Chromium lays it out with the fonts it has, lies inside its chart.
     */
    @Test
    void chromiumDrawsEveryWildLabelInsideItsChart() throws Exception {
        Path dir = profile.resolve("training");
        Files.createDirectories(dir);
        Map<String, Object> generators = new LinkedHashMap<>();
        Map<String, Object> runs = new LinkedHashMap<>();
        List<String> names = WildNames.ALL;
        for (int i = 0; i < names.size(); i++) {
            generators.put(names.get(i), Map.of("samples_generated", 100, "samples_accepted", 90 - 10 * i,
                    "samples_rejected", 10 + 10 * i));
            runs.put(names.get(i) + "-run-" + i, Map.of("model_name", "m", "final_loss", 0.1 + i * 0.01));
        }
        HafsWriter.write(dir.resolve("quality_feedback.json"), JSON.writeValueAsString(Map.of("generator_stats", generators)));
        HafsWriter.write(dir.resolve("training_feedback.json"), JSON.writeValueAsString(Map.of("training_runs", runs)));
        HafsCuration hafs = new HafsCuration(dir);
        for (int i = 0; i < names.size(); i++) {
            hafs.dataset(HafsCuration.Dataset.of(names.get(i), LocalDateTime.of(2025, 12, 1, 9, 0).plusDays(i), 100, 50 + 5 * i)).all();
        }
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0"))) {
            String page = new ExporterClient(exporter.port()).get("/").body();
            Path measuring = profile.resolve("measure.html");
            Files.writeString(measuring, page.replace("</body>", MEASURE_LABELS + "</body>"));

            ExternalTool.Result dom = CHROMIUM.run(null, chromium("--window-size=1280,1100", "--dump-dom",
                    measuring.toUri().toString()));

            Matcher measured = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL).matcher(dom.output());
            assertThat(measured.find()).as("measurements in %s", dom.output()).isTrue();
            JsonNode labels = JSON.readTree(measured.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            // Generators, runs and dataset folders.
            assertThat(labels).hasSize(3 * names.size());
            for (JsonNode label : labels) {
                for (String side : List.of("left", "top", "right", "bottom")) {
                    assertThat(label.path(side).asDouble()).as("room on the %s of label %s", side, label.path("name"))
                            .isGreaterThanOrEqualTo(-0.5);
                }
            }
        }
    }

    /** Each slanted label's layout box against its chart's, in CSS pixels, written into the page for --dump-dom. */
    private static final String MEASURE_LABELS = """
            <script>
            const measured = [];
            for (const label of document.querySelectorAll('text[transform^="rotate"]')) {
              const chart = label.ownerSVGElement.getBoundingClientRect();
              const box = label.getBoundingClientRect();
              measured.push({name: label.querySelector('title').textContent, left: box.left - chart.left,
                top: box.top - chart.top, right: chart.right - box.right, bottom: chart.bottom - box.bottom});
            }
            const pre = document.createElement('pre');
            pre.id = 'measured';
            pre.textContent = JSON.stringify(measured);
            document.body.appendChild(pre);
            </script>
            """;

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
