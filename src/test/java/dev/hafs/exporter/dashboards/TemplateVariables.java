package dev.hafs.exporter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grafana's interpolation of dashboard variables into PromQL, for queries the tests send themselves. */
final class TemplateVariables {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Every multi-value variable of the dashboard at "All": Grafana then writes the variable's allValue. */
    static TemplateVariables all(DashboardJson dashboard) {
        TemplateVariables variables = new TemplateVariables();
        for (JsonNode variable : dashboard.root().path("templating").path("list")) {
            if (variable.path("includeAll").asBoolean()) {
                variables.values.put(variable.path("name").asText(), variable.path("allValue").asText());
            }
        }
        return variables;
    }

    /** Grafana regex-escapes a selected value of a multi-value variable, then it lands inside a PromQL string. */
    TemplateVariables select(String name, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        values.put(name, regex.toString().replace("\\", "\\\\").replace("\"", "\\\""));
        return this;
    }

    /** Grafana's own interval variables, which only Grafana would fill in. */
    TemplateVariables intervals(String rateInterval, String range) {
        values.put("__rate_interval", rateInterval);
        values.put("__range", range);
        return this;
    }

    String apply(String expr) {
        String out = expr;
        List<String> names = values.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : names) {
            out = out.replace("${" + name + "}", values.get(name)).replace("[[" + name + "]]", values.get(name));
            out = out.replaceAll("\\$" + java.util.regex.Pattern.quote(name) + "(?![A-Za-z0-9_])",
                    java.util.regex.Matcher.quoteReplacement(values.get(name)));
        }
        // Grafana's own $__ variables may stay for Grafana to fill in.
        if (out.matches("(?s).*\\$(?!__)[A-Za-z_{\\[].*")) {
            throw new IllegalStateException("unresolved variable in " + out);
        }
        return out;
    }
}
