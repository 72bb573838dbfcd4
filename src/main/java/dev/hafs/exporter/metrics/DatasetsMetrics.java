package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.Dataset;
import dev.hafs.exporter.parse.Datasets;
import java.util.Optional;

/** The datasets directory as metric families: one set of series per kept dataset folder, labelled by its name. */
final class DatasetsMetrics {
    private DatasetsMetrics() {
    }

    static void translate(Datasets datasets, MetricSink sink) {
        Family found = Family.gauge("hafs_datasets", "Dataset folders in datasets/, before --datasets.limit.");
        found.add(datasets.found());
        Family created = gauge("hafs_dataset_created_timestamp_seconds",
                "When the dataset was curated (metadata.json created, else the folder name's suffix; local time).");
        Family generated = gauge("hafs_dataset_samples_generated", "Samples generated for the dataset, before filtering (total_generated).");
        Family passed = gauge("hafs_dataset_samples_passed_quality",
                "Samples that passed the quality gates (passed_quality), duplicates removed later included.");
        Family deduplicated = gauge("hafs_dataset_samples_deduplicated", "Samples removed as duplicates (deduplicated).");
        Family augmented = gauge("hafs_dataset_samples_augmented", "Samples added by augmentation (augmented).");
        Family samplesFinal = gauge("hafs_dataset_samples_final", "Samples in the dataset: train + val + test (final_count).");
        Family splits = Family.gauge("hafs_dataset_split_samples", "Samples of a split of the dataset (train_count, ...).",
                "dataset", "split");
        Family domains = Family.gauge("hafs_dataset_domain_samples_generated",
                "Samples generated per domain, before filtering (domain_counts).", "dataset", "domain");
        Family quality = gauge("hafs_dataset_quality_score_avg", "Average quality score of the final set (quality_scores.average), 0 to 1.");
        Family duration = gauge("hafs_dataset_curation_duration_seconds", "How long the curation took (duration_seconds).");
        Family rejections = Family.gauge("hafs_dataset_rejections", "Rejected samples by reason (rejection_summary.json by_reason).",
                "dataset", "reason");
        Family domainRejections = Family.gauge("hafs_dataset_domain_rejections",
                "Rejected samples by domain (rejection_summary.json by_domain).", "dataset", "domain");
        for (Dataset dataset : datasets.datasets()) {
            String name = dataset.name();
            dataset.created().ifPresent(at -> created.add(at.toEpochMilli() / 1000.0, name));
            add(generated, dataset.samplesGenerated(), name);
            add(passed, dataset.samplesPassedQuality(), name);
            add(deduplicated, dataset.samplesDeduplicated(), name);
            add(augmented, dataset.samplesAugmented(), name);
            add(samplesFinal, dataset.samplesFinal(), name);
            dataset.splits().forEach((split, count) -> splits.add(count, name, split));
            dataset.domainSamples().forEach((domain, count) -> domains.add(count, name, domain));
            add(quality, dataset.qualityScoreAverage(), name);
            add(duration, dataset.durationSeconds(), name);
            dataset.rejectionsByReason().forEach((reason, count) -> rejections.add(count, name, reason));
            dataset.rejectionsByDomain().forEach((domain, count) -> domainRejections.add(count, name, domain));
        }
        sink.add(found, created, generated, passed, deduplicated, augmented, samplesFinal, splits, domains, quality, duration,
                rejections, domainRejections);
    }

    private static Family gauge(String name, String help) {
        return Family.gauge(name, help, "dataset");
    }

    private static void add(Family family, Optional<Double> value, String dataset) {
        value.ifPresent(v -> family.add(v, dataset));
    }
}
