package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.TrainingFeedback;
import dev.hafs.exporter.parse.TrainingRun;

/** training_feedback.json as metric families. */
final class TrainingFeedbackMetrics {
    private TrainingFeedbackMetrics() {
    }

    static void translate(TrainingFeedback training, MetricSink sink) {
        Family runs = Family.gauge("hafs_training_runs", "Training runs by state; a run is running until HAFS writes its final loss.", "state");
        runs.add(training.completedRuns(), "completed");
        runs.add(training.runningRuns(), "running");

        Family finalLoss = Family.gauge("hafs_training_run_final_loss",
                "Final loss of a completed training run; lower is better.", "run", "model");
        Family endTime = Family.gauge("hafs_training_run_end_timestamp_seconds",
                "When a completed training run ended (end_time, read in the exporter's time zone).", "run", "model");
        Family samples = Family.gauge("hafs_training_run_samples", "Samples a training run trained on.", "run", "model");
        Family evalMetric = Family.gauge("hafs_training_run_eval_metric",
                "Evaluation metrics of a training run (eval_metrics).", "run", "model", "metric");
        Family startTime = Family.gauge("hafs_training_run_start_timestamp_seconds",
                "When a training run started (start_time, read in the exporter's time zone).", "run", "model");
        Family info = Family.info("hafs_training_run_info",
                "A training run's model and the base model it was tuned from; always 1.", "run", "model", "base_model");
        Family domainSamples = Family.gauge("hafs_training_run_domain_samples",
                "Samples of a domain a training run trained on (domain_distribution).", "run", "model", "domain");
        for (TrainingRun run : training.runs()) {
            run.finalLoss().ifPresent(loss -> finalLoss.add(loss, run.id(), run.model()));
            if (run.completed()) {
                run.endTime().ifPresent(end -> endTime.add(end.toEpochMilli() / 1000.0, run.id(), run.model()));
            }
            run.samplesCount().ifPresent(count -> samples.add(count, run.id(), run.model()));
            run.evalMetrics().forEach((metric, value) -> evalMetric.add(value, run.id(), run.model(), metric));
            run.startTime().ifPresent(start -> startTime.add(start.toEpochMilli() / 1000.0, run.id(), run.model()));
            info.add(1, run.id(), run.model(), run.baseModel());
            run.domainDistribution().forEach((domain, count) -> domainSamples.add(count, run.id(), run.model(), domain));
        }

        Family effectiveness = Family.gauge("hafs_training_domain_effectiveness",
                "How much training on a domain helped (domain_effectiveness); may be negative.", "domain");
        training.domainEffectiveness().forEach((domain, value) -> effectiveness.add(value, domain));
        Family thresholdEffectiveness = Family.gauge("hafs_quality_threshold_effectiveness",
                "How well a quality threshold worked (quality_threshold_effectiveness); the label is the threshold as written.",
                "threshold");
        training.thresholdEffectiveness().forEach((threshold, value) -> thresholdEffectiveness.add(value, threshold));
        sink.add(runs, finalLoss, endTime, startTime, samples, evalMetric, info, domainSamples, effectiveness, thresholdEffectiveness);
    }
}
