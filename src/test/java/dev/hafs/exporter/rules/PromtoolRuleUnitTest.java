package dev.hafs.exporter.rules;

import dev.hafs.exporter.rules.PrometheusFiles.Run;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The alert rules' unit tests, {@code promtool test rules prometheus/tests/*.test.yml}: for every alert,
 * series over hours and days of evaluation where it must fire and where it must stay silent.
 *
 * <p>Slow by nature: promtool steps through up to 22 h at a 1 min evaluation interval with 7-day
 * ranges, about 13 s of CPU on this project's machines, and one promtool call for all files costs the
 * same as one per file (process start is 0.1 s of it). The files are started at once, one process
 * each, so the wall time is that of the longest file where cores are free.
 */
@Tag("slow")
class PromtoolRuleUnitTest {
    @TestFactory
    Stream<DynamicTest> everyRuleUnitTestPasses() {
        List<Run> runs = PrometheusFiles.ruleTestFiles().stream()
                .map(file -> Run.start(List.of("promtool", "test", "rules", PrometheusFiles.relative(file))))
                .toList();
        return runs.stream().map(run -> DynamicTest.dynamicTest(String.join(" ", run.command()), run::awaitSuccess));
    }
}
