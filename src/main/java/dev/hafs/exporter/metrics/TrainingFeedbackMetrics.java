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
        for (TrainingRun run : training.runs()) {
            run.finalLoss().ifPresent(loss -> finalLoss.add(loss, run.id(), run.model()));
            if (run.completed()) {
                run.endTime().ifPresent(end -> endTime.add(end.toEpochMilli() / 1000.0, run.id(), run.model()));
            }
            run.samplesCount().ifPresent(count -> samples.add(count, run.id(), run.model()));
            run.evalMetrics().forEach((metric, value) -> evalMetric.add(value, run.id(), run.model(), metric));
        }

        Family effectiveness = Family.gauge("hafs_training_domain_effectiveness",
                "How much training on a domain helped (domain_effectiveness); may be negative.", "domain");
        training.domainEffectiveness().forEach((domain, value) -> effectiveness.add(value, domain));
        sink.add(runs, finalLoss, endTime, samples, evalMetric, effectiveness);
    }
}
