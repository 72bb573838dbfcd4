package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    void chromiumRendersTheStatusTableAndTheFourCharts() throws Exception {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + Fixtures.directory("basic"), "--web.listen-address=127.0.0.1:0"))) {
            String url = "http://127.0.0.1:" + exporter.port() + "/";
            Files.createDirectories(SCREENSHOTS);
            Path screenshot = SCREENSHOTS.resolve("landing-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);

            ExternalTool.Result dom = CHROMIUM.run(null, chromium("--dump-dom", url));
            ExternalTool.Result shot = CHROMIUM.run(null, chromium("--window-size=1280,1100", "--screenshot=" + screenshot, url));

            assertThat(dom.output()).contains("<figcaption>Quality Trends</figcaption>",
                    "<figcaption>Generator Stats</figcaption>", "<figcaption>Embedding Coverage — score 0.34",
                    "<figcaption>Training Runs — final loss, lower is better</figcaption>",
                    "<code>quality_feedback.json</code>");
            assertThat(shot.exitCode()).as(shot.output()).isZero();
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(distinctColours(image)).as("a rendered page, not a blank one").isGreaterThan(50);
        }
    }

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
