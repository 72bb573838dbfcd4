package dev.hafs.exporter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What HAFS's own viewers draw from the training files, computed here the way they compute it and
 * independently of the exporter, so the dashboard's numbers can be checked against them.
 */
final class HafsViewerExpectations {
    record Bar(String label, double value) {
    }

    record SeriesKey(String domain, String score) {
    }

    static final int VIEWER_WINDOW = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode quality;
    private final JsonNode activeLearning;
    private final JsonNode training;

    private HafsViewerExpectations(JsonNode quality, JsonNode activeLearning, JsonNode training) {
        this.quality = quality;
        this.activeLearning = activeLearning;
        this.training = training;
    }

    static HafsViewerExpectations read(Path trainingDir) {
        return new HafsViewerExpectations(readJson(trainingDir.resolve("quality_feedback.json")),
                readJson(trainingDir.resolve("active_learning.json")),
                readJson(trainingDir.resolve("training_feedback.json")));
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode quality() {
        return quality;
    }

    int generators() {
        return quality.path("generator_stats").size();
    }

    /** Every generator of generator_stats, whatever fields it has. */
    Set<String> generatorNames() {
        Set<String> names = new TreeSet<>();
        quality.path("generator_stats").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every domain of the rejection history (the domains Quality Trends draws). */
    Set<String> historyDomains() {
        Set<String> domains = new TreeSet<>();
        quality.path("rejection_history").forEach(entry -> domains.add(entry.path("domain").asText()));
        return domains;
    }

    /** Generator Stats: accepted / (accepted + rejected) in percent, 0 when both are 0, best first. */
    List<Bar> acceptancePercent() {
        List<Bar> bars = new ArrayList<>();
        quality.path("generator_stats").properties().forEach(e -> {
            double accepted = e.getValue().path("samples_accepted").asDouble();
            double rejected = e.getValue().path("samples_rejected").asDouble();
            double judged = accepted + rejected;
            bars.add(new Bar(e.getKey(), judged == 0 ? 0 : 100 * accepted / judged));
        });
        bars.sort(Comparator.comparingDouble(Bar::value).reversed());
        return bars;
    }

    /** Quality Trends: per (domain, score key) in file order, the mean of the last 50 values. */
    Map<SeriesKey, Double> recentMeans() {
        Map<SeriesKey, List<Double>> series = new LinkedHashMap<>();
        for (JsonNode entry : quality.path("rejection_history")) {
            String domain = entry.path("domain").asText();
            entry.path("scores").properties().forEach(score -> series
                    .computeIfAbsent(new SeriesKey(domain, score.getKey()), k -> new ArrayList<>())
                    .add(score.getValue().asDouble()));
        }
        Map<SeriesKey, Double> means = new LinkedHashMap<>();
        series.forEach((key, values) -> means.put(key, values.subList(Math.max(0, values.size() - VIEWER_WINDOW),
                values.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return means;
    }

    double minQualityScore() {
        return quality.path("thresholds").path("min_quality_score").asDouble();
    }

    /** Embedding Coverage: sample counts by region position. */
    Map<Integer, Double> regionSamples() {
        Map<Integer, Double> samples = new LinkedHashMap<>();
        JsonNode regions = activeLearning.path("regions");
        for (int i = 0; i < regions.size(); i++) {
            samples.put(i, regions.get(i).path("sample_count").asDouble());
        }
        return samples;
    }

    private double meanSamples() {
        return regionSamples().values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    TreeSet<Integer> sparseRegions() {
        double mean = meanSamples();
        TreeSet<Integer> sparse = new TreeSet<>();
        regionSamples().forEach((index, count) -> {
            if (count < 0.5 * mean) {
                sparse.add(index);
            }
        });
        return sparse;
    }

    double coverageScore() {
        double mean = meanSamples();
        double variance = regionSamples().values().stream().mapToDouble(c -> (c - mean) * (c - mean)).average()
                .orElseThrow();
        return Math.max(0, Math.min(1, 1 - Math.sqrt(variance) / mean));
    }

    int completedRuns() {
        return (int) runs().stream().filter(run -> !run.getValue().path("final_loss").isNull()).count();
    }

    int runningRuns() {
        return runs().size() - completedRuns();
    }

    /** Training Runs: completed runs by final loss, lowest first, the best {@code n}. */
    List<Bar> bestRuns(int n) {
        return runs().stream()
                .filter(run -> !run.getValue().path("final_loss").isNull())
                .map(run -> new Bar(run.getKey(), run.getValue().path("final_loss").asDouble()))
                .sorted(Comparator.comparingDouble(Bar::value))
                .limit(n)
                .toList();
    }

    Map<String, Double> domainEffectiveness() {
        Map<String, Double> effectiveness = new LinkedHashMap<>();
        training.path("domain_effectiveness").properties().forEach(e -> effectiveness.put(e.getKey(),
                e.getValue().asDouble()));
        return effectiveness;
    }

    /** Rejections per (generator, reason) that were added between two versions of the quality file. */
    static Map<List<String>, Double> rejectionIncreases(JsonNode before, JsonNode after) {
        Map<List<String>, Double> increases = new LinkedHashMap<>();
        after.path("generator_stats").properties().forEach(generator -> generator.getValue().path("rejection_reasons")
                .properties().forEach(reason -> {
                    double old = before.path("generator_stats").path(generator.getKey()).path("rejection_reasons")
                            .path(reason.getKey()).asDouble(0);
                    double added = reason.getValue().asDouble() - old;
                    if (added > 0) {
                        increases.put(List.of(generator.getKey(), reason.getKey()), added);
                    }
                }));
        return increases;
    }

    /** Rejected share of the samples generated between two versions, per generator (NaN when none were). */
    static Map<String, Double> rejectionRatios(JsonNode before, JsonNode after) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        after.path("generator_stats").properties().forEach(generator -> ratios.put(generator.getKey(),
                delta(before, after, generator.getKey(), "samples_rejected")
                        / delta(before, after, generator.getKey(), "samples_generated")));
        return ratios;
    }

    static double overallRejectionRatio(JsonNode before, JsonNode after) {
        double rejected = 0;
        double generated = 0;
        for (String generator : (Iterable<String>) () -> after.path("generator_stats").fieldNames()) {
            rejected += delta(before, after, generator, "samples_rejected");
            generated += delta(before, after, generator, "samples_generated");
        }
        return rejected / generated;
    }

    private static double delta(JsonNode before, JsonNode after, String generator, String field) {
        return after.path("generator_stats").path(generator).path(field).asDouble()
                - before.path("generator_stats").path(generator).path(field).asDouble(0);
    }

    private List<Map.Entry<String, JsonNode>> runs() {
        List<Map.Entry<String, JsonNode>> runs = new ArrayList<>();
        training.path("training_runs").properties().forEach(runs::add);
        return runs;
    }
}
