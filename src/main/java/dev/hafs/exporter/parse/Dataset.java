package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One curated dataset folder: its stats.json and metadata.json, and rejection_summary.json when HAFS
 * wrote one. {@code name} is the folder's name; {@code created} is metadata.json's {@code created},
 * else the name's timestamp suffix. {@code splits} holds train, val and test, as far as written.
 */
public record Dataset(
        String name,
        Optional<Instant> created,
        Optional<Double> samplesGenerated,
        Optional<Double> samplesPassedQuality,
        Optional<Double> samplesDeduplicated,
        Optional<Double> samplesAugmented,
        Optional<Double> samplesFinal,
        Map<String, Double> splits,
        Map<String, Double> domainSamples,
        Optional<Double> qualityScoreAverage,
        Optional<Double> durationSeconds,
        Map<String, Double> rejectionsByReason,
        Map<String, Double> rejectionsByDomain) {

    public Dataset {
        splits = copy(splits);
        domainSamples = copy(domainSamples);
        rejectionsByReason = copy(rejectionsByReason);
        rejectionsByDomain = copy(rejectionsByDomain);
    }

    /** final / generated, as HAFS defines yield; nothing when either is missing or nothing was generated. */
    public Optional<Double> yield() {
        if (samplesFinal.isEmpty() || samplesGenerated.isEmpty() || samplesGenerated.get() == 0) {
            return Optional.empty();
        }
        return Optional.of(samplesFinal.get() / samplesGenerated.get());
    }

    Dataset withFirstDomains(int count) {
        return new Dataset(name, created, samplesGenerated, samplesPassedQuality, samplesDeduplicated, samplesAugmented,
                samplesFinal, splits, NamedNumbers.first(domainSamples, count), qualityScoreAverage, durationSeconds,
                rejectionsByReason, rejectionsByDomain);
    }

    Dataset withFirstRejectionReasons(int count) {
        return new Dataset(name, created, samplesGenerated, samplesPassedQuality, samplesDeduplicated, samplesAugmented,
                samplesFinal, splits, domainSamples, qualityScoreAverage, durationSeconds,
                NamedNumbers.first(rejectionsByReason, count), rejectionsByDomain);
    }

    Dataset withFirstRejectionDomains(int count) {
        return new Dataset(name, created, samplesGenerated, samplesPassedQuality, samplesDeduplicated, samplesAugmented,
                samplesFinal, splits, domainSamples, qualityScoreAverage, durationSeconds, rejectionsByReason,
                NamedNumbers.first(rejectionsByDomain, count));
    }

    private static Map<String, Double> copy(Map<String, Double> entries) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
