package dev.hafs.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.testing.CapturedLog;
import dev.hafs.exporter.testing.LogLines;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A log call is often the last thing a failing thread does: it never throws, and what it prints parses. */
class LogTest {
    private static final Log LOG = Log.of(LogTest.class);

    @Test
    void aNullValueOrAKeyWithoutValueIsPrintedNotThrown() {
        try (CapturedLog log = CapturedLog.of(LogTest.class)) {
            LOG.warn("something happened", "file", null, "dangling");

            Map<String, String> record = LogLines.logfmt(log.lines().getFirst());
            assertThat(record).containsEntry("msg", "something happened").containsEntry("file", "null")
                    .containsEntry("dangling", "");
        }
    }

    @Test
    void anErrorCarriesItsCauseAsOneFieldOnOneLine() {
        try (CapturedLog log = CapturedLog.of(LogTest.class)) {
            LOG.error("it broke", new IllegalStateException("because"), "task", "load");

            assertThat(log.lines()).singleElement().satisfies(line -> {
                assertThat(line).doesNotContain("\n");
                assertThat(LogLines.logfmt(line)).containsEntry("level", "error").containsEntry("task", "load")
                        .hasEntrySatisfying("err", err -> assertThat(err).startsWith("java.lang.IllegalStateException: because\n\tat "));
            });
        }
    }
}
