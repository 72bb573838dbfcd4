package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.dashboards.PromQlSelectors.LabelMatcher;
import dev.hafs.exporter.dashboards.PromQlSelectors.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> PromQlSelectors.scan("rate(x[5m]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQlSelectors.matchers("job~\"x\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
