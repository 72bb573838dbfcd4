package dev.hafs.exporter.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A parsed text-format scrape: every sample line as "name{labels}" → value, exactly as exposed,
 * so assertions name series the way a user sees them on /metrics.
 */
public record Exposition(String text, Map<String, Double> samples) {
    public static Exposition parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return new Exposition(text, samples);
    }

    public OptionalDouble value(String series) {
        Double value = samples.get(series);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public boolean has(String series) {
        return samples.containsKey(series);
    }

    /** The samples of one metric name, for asserting a whole family at once. */
    public Map<String, Double> family(String name) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
