package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.PromQlSelectors.LabelMatcher;
import dev.hafs.exporter.dashboards.PromQlSelectors.Selector;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PromQL scanner the dashboard lint stands on: what it reports of each selector (metric, matchers,
 * range, the function it is passed to), and what it must not take for a selector.
 */
class PromQlSelectorsTest {
    @Test
    void findsSelectorsWithTheirMatchersRangeAndFunction() {
        List<Selector> selectors = PromQlSelectors.scan(
                "sum by (job, instance) (rate(a_total{job=~\"$job\", x=\"}\"}[$__rate_interval])) "
                        + "/ on(job) group_left 0.5 * avg by (job) (b{instance!~'i\\'1'})");
        assertThat(selectors).containsExactly(
                new Selector("a_total", List.of(new LabelMatcher("job", "=~", "$job"), new LabelMatcher("x", "=", "}")),
                        "$__rate_interval", "rate"),
                new Selector("b", List.of(new LabelMatcher("instance", "!~", "i'1")), null, "avg"));
    }

    @Test
    void aggregationWithTrailingByAndBareMetrics() {
        List<Selector> selectors = PromQlSelectors.scan("count(up) by (job) + time() - c offset 5m");
        assertThat(selectors).extracting(Selector::metric).containsExactly("up", "c");
        assertThat(selectors.getFirst().enclosingFunction()).isEqualTo("count");
    }

    /** The innermost call or aggregation is the one the target-rate-interval and counter rules look at. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sum(rate(x_total[5m]))                                        | rate
            rate(x_total[5m]) / rate(y_total[5m])                         | rate
            (x / y)                                                       | ''
            0 * count without () (x_total{job="a"})                      | count
            sort_desc(100 * x or 0 * y)                                   | sort_desc
            topk(10, x)                                                   | topk
            max_over_time(x[1h:5m])                                       | max_over_time
            count by (job, instance) (x_total)                            | count
            sum without (reason) (increase(x_total[$__range]))            | increase
            histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))     | rate
            """)
    void enclosingFunctionIsTheInnermostCall(String expr, String function) {
        assertThat(PromQlSelectors.scan(expr)).isNotEmpty()
                .allSatisfy(selector -> assertThat(selector.enclosingFunction()).as(selector.metric()).isEqualTo(function));
    }

    @Test
    void rangesAndSubqueriesAreKeptAsWritten() {
        assertThat(PromQlSelectors.scan("rate(x_total[$__rate_interval]) + max_over_time(y[1h:5m]) + z[5m] offset 1h"))
                .extracting(Selector::range).containsExactly("$__rate_interval", "1h:5m", "5m");
    }

    @Test
    void namesThatAreNotSelectorsAreSkipped() {
        // Label lists, keywords, strings, numbers and durations, Inf and NaN, Grafana variables, comments.
        List<Selector> selectors = PromQlSelectors.scan("""
                label_replace(a{x="y"}, "dst", "$1", "src", "(.*)")
                  + on (job) group_right (instance) b > bool 0.5e3
                  and ignoring (reason) c unless d or clamp_max(e, Inf) - NaN
                  + topk($limit, f) + g @ start() # h is only a comment
                """);
        assertThat(selectors).extracting(Selector::metric).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void recordingRuleNamesAndNamelessSelectors() {
        assertThat(PromQlSelectors.scan("generator:hafs_generator_rejection_ratio:increase1h{generator=\"x\"}"))
                .extracting(Selector::metric).containsExactly("generator:hafs_generator_rejection_ratio:increase1h");
        Selector nameless = PromQlSelectors.scan("{__name__=~\"hafs_.+\", job=\"a\"}").getFirst();
        assertThat(nameless.metric()).isNull();
        assertThat(nameless.matcher("__name__")).contains(new LabelMatcher("__name__", "=~", "hafs_.+"));
        assertThat(nameless.matcher("instance")).isEmpty();
    }

    @Test
    void matchersOfEveryOperatorWithEscapesAndATrailingComma() {
        assertThat(PromQlSelectors.matchers(" a=\"1\", b!=\"\\\"q\\\"\", c=~'x|y', d!~\"\\\\d+\", "))
                .containsExactly(new LabelMatcher("a", "=", "1"), new LabelMatcher("b", "!=", "\"q\""),
                        new LabelMatcher("c", "=~", "x|y"), new LabelMatcher("d", "!~", "\\d+"));
        assertThat(PromQlSelectors.matchers("")).isEmpty();
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> PromQlSelectors.scan("rate(x[5m]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.scan("x)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.scan("x{a=\"1\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.scan("x{a=\"1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.scan("x{a={b}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.matchers("job~\"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.matchers("job=x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** On the dashboards themselves: every exporter metric a query names is a selector the lint rules see. */
    @Test
    void everyMetricTheDashboardsQueryIsFound() {
        Pattern metric = Pattern.compile("\\bhafs_[a-z0-9_]+\\b");
        List<Target> targets = DashboardJson.all().stream().flatMap(dashboard -> dashboard.targets().stream()).toList();
        for (Target target : targets) {
            Set<String> named = new TreeSet<>();
            Matcher names = metric.matcher(target.expr().replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
            while (names.find()) {
                named.add(names.group());
            }
            Set<String> found = new TreeSet<>();
            PromQlSelectors.scan(target.expr()).forEach(selector -> found.add(selector.metric()));
            assertThat(found).as(target.key()).isEqualTo(named);
        }
    }
}
