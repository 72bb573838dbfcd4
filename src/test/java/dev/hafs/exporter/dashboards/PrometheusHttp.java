package dev.hafs.exporter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prometheus's HTTP query API: instant and range queries, failing loudly on any error. */
final class PrometheusHttp {
    record Sample(Map<String, String> labels, double value) {
        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    PrometheusHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<Sample> query(String promql, double time) {
        JsonNode data = call("/api/v1/query", Map.of("query", promql, "time", String.format("%.3f", time)), promql);
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new AssertionError("expected an instant vector from " + promql + " but got " + data);
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode result : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(labels, parse(result.path("value").get(1).asText())));
        }
        return samples;
    }

    /** The number of series a range query returns; any error fails. */
    int queryRange(String promql, double start, double end, int stepSeconds) {
        JsonNode data = call("/api/v1/query_range", Map.of("query", promql, "start", String.format("%.3f", start),
                "end", String.format("%.3f", end), "step", stepSeconds + "s"), promql);
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new AssertionError("expected a range vector from " + promql + " but got " + data);
        }
        return data.path("result").size();
    }

    /** The active alerts (pending or firing), as /api/v1/alerts lists them. */
    List<Sample> alerts() {
        List<Sample> alerts = new ArrayList<>();
        for (JsonNode alert : call("/api/v1/alerts", Map.of(), "alerts").path("alerts")) {
            Map<String, String> labels = new LinkedHashMap<>();
            alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            labels.put("alertstate", alert.path("state").asText());
            alerts.add(new Sample(labels, parse(alert.path("value").asText())));
        }
        return alerts;
    }

    /** Every rule Prometheus loaded, with its health and last evaluation (the "rules" of each group). */
    List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        call("/api/v1/rules", Map.of(), "rules").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private JsonNode call(String path, Map<String, String> params, String promql) {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            // The alerts and rules endpoints take GET only.
            if (!params.isEmpty()) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("Prometheus rejected " + promql + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            if (body.has("warnings")) {
                throw new AssertionError("Prometheus warned about " + promql + ": " + body.path("warnings"));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
