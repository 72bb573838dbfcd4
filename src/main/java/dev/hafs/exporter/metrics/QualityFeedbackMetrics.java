package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.ScoreSeries;

/** quality_feedback.json as metric families. */
final class QualityFeedbackMetrics {
    private QualityFeedbackMetrics() {
    }

    static void translate(QualityFeedback quality, MetricSink sink) {
        Family generated = Family.counter("hafs_generator_samples_generated_total",
                "Samples a generator produced (samples_generated); may reset when HAFS restarts its writer.", "generator");
        Family accepted = Family.counter("hafs_generator_samples_accepted_total",
                "Samples of a generator that passed the quality gates (samples_accepted).", "generator");
        Family rejected = Family.counter("hafs_generator_samples_rejected_total",
                "Samples of a generator that were rejected (samples_rejected).", "generator");
        Family rejections = Family.counter("hafs_generator_rejections_total",
                "Rejected samples of a generator by rejection reason (rejection_reasons).", "generator", "reason");
        Family acceptance = Family.gauge("hafs_generator_acceptance_ratio",
                "accepted / (accepted + rejected) of a generator, 0 to 1; absent while nothing was judged.", "generator");
        Family avgQuality = Family.gauge("hafs_generator_quality_score_avg",
                "avg_quality_score of a generator as HAFS wrote it (quality sum / samples generated).", "generator");
        for (GeneratorStats generator : quality.generators()) {
            String name = generator.name();
            generated.add(generator.samplesGenerated(), name);
            accepted.add(generator.samplesAccepted(), name);
            rejected.add(generator.samplesRejected(), name);
            generator.rejectionReasons().forEach((reason, count) -> rejections.add(count, name, reason));
            generator.acceptanceRatio().ifPresent(ratio -> acceptance.add(ratio, name));
            generator.avgQualityScore().ifPresent(score -> avgQuality.add(score, name));
        }

        Family thresholds = Family.gauge("hafs_quality_threshold",
                "Quality gate thresholds HAFS currently applies (it retunes them itself).", "threshold");
        quality.thresholds().forEach((name, value) -> thresholds.add(value, name));

        Family history = Family.gauge("hafs_rejection_history_samples",
                "Entries in rejection_history (HAFS keeps the last 500 rejected samples).");
        history.add(quality.rejectionHistoryEntries());

        Family recentMean = Family.gauge("hafs_quality_score_recent_mean",
                "Mean of the last --history.window values of a score of rejected samples of a domain.", "domain", "score");
        Family latest = Family.gauge("hafs_quality_score_latest",
                "Newest value of a score of rejected samples of a domain.", "domain", "score");
        for (ScoreSeries series : quality.scoreSeries()) {
            recentMean.add(series.recentMean(), series.domain(), series.score());
            latest.add(series.latest(), series.domain(), series.score());
        }
        sink.add(generated, accepted, rejected, rejections, acceptance, avgQuality, thresholds, history, recentMean, latest);
    }
}
