package dev.hafs.exporter.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** One entry of {@code generator_stats}. Counts are cumulative but may go down when a writer restarts. */
public record GeneratorStats(
        String name,
        double samplesGenerated,
        double samplesAccepted,
        double samplesRejected,
        Map<String, Double> rejectionReasons,
        Optional<Double> avgQualityScore) {

    public GeneratorStats {
        rejectionReasons = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionReasons));
    }

    /** accepted / (accepted + rejected), as HAFS's viewers draw it; nothing when no sample was judged. */
    public OptionalDouble acceptanceRatio() {
        double judged = samplesAccepted + samplesRejected;
        return judged == 0 ? OptionalDouble.empty() : OptionalDouble.of(samplesAccepted / judged);
    }

    GeneratorStats withFirstReasons(int count) {
        return new GeneratorStats(name, samplesGenerated, samplesAccepted, samplesRejected,
                NamedNumbers.first(rejectionReasons, count), avgQualityScore);
    }
}
