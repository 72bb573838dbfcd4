package dev.hafs.exporter.metrics;

import static dev.hafs.exporter.metrics.ScrapeBodiesTest.bytes;
import static dev.hafs.exporter.metrics.ScrapeBodiesTest.gunzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body's bytes survive the chunks whatever their length, and a body too large to keep twice is
 * kept compressed only while serving the same bytes to a client that does not take gzip.
 */
class ScrapeBodyTest {
    private static final TrainingSnapshot SNAPSHOT = TrainingSnapshot.initial(Instant.parse("2026-01-02T03:04:05Z"));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 262_143, 262_144, 262_145, 700_000})
    void chunksHoldExactlyWhatWasWritten(int length) throws IOException {
        byte[] written = random(length, 7);
        ChunkedBytes.Writer writer = new ChunkedBytes.Writer();
        // Both write paths, as the formats' writers use them.
        writer.write(written, 0, length / 2);
        for (int i = length / 2; i < length; i++) {
            writer.write(written[i]);
        }
        ChunkedBytes chunks = writer.bytes();

        assertThat(chunks.length()).isEqualTo(length);
        assertThat(bytes(chunks)).isEqualTo(written);
        if (length > 0 && length <= 262_144) {
            assertThat(chunks.asOneArray()).as("held as one array").hasValueSatisfying(one -> assertThat(one).isEqualTo(written));
        } else {
            assertThat(chunks.asOneArray()).as("held as one array").isEmpty();
        }
        assertThat(chunks.inputStream().readAllBytes()).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(longs = {ScrapeBody.KEEP_IDENTITY_UP_TO, ScrapeBody.KEEP_IDENTITY_UP_TO + 1})
    void aBodyAboveTheLimitIsKeptCompressedAndServedWhole(long length) throws IOException {
        byte[] text = exposition((int) length);
        ScrapeBody.Writer writer = new ScrapeBody.Writer();
        writer.write(text, 0, 1000);
        writer.write(text[1000]);
        writer.write(text, 1001, text.length - 1001);

        ScrapeBody body = writer.body(SNAPSHOT, 0, "text/plain");

        assertThat(body.keptCompressedOnly()).isEqualTo(length > ScrapeBody.KEEP_IDENTITY_UP_TO);
        assertThat(bytes(body.identity())).isEqualTo(text);
        assertThat(gunzip(bytes(body.gzip()))).isEqualTo(new String(text, StandardCharsets.UTF_8));
        assertThat(body.gzip().length()).isLessThan(length / 4);
    }

    /** Exposition-like text: compressible, as real bodies are. */
    private static byte[] exposition(int length) {
        StringBuilder text = new StringBuilder(length);
        Random random = new Random(11);
        while (text.length() < length) {
            text.append("hafs_generator_rejections{generator=\"g").append(random.nextInt(500)).append("\",reason=\"r")
                    .append(random.nextInt(50)).append("\"} ").append(random.nextInt(100_000)).append('\n');
        }
        text.setLength(length);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
