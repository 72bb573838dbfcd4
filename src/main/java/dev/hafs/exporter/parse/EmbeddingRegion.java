package dev.hafs.exporter.parse;

import java.util.Optional;

/** A region has no id in HAFS's file: its identity is its position in the array. */
public record EmbeddingRegion(int index, String domain, double sampleCount, Optional<Double> avgQuality) {
}
