package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets directory: how many dataset folders it holds ({@code found}, before any cap), and
 * the whole ones among the newest {@code --datasets.limit}, newest first.
 */
public record Datasets(long found, List<Dataset> datasets, Map<CappedKind, Long> recordsCapped) implements SourceData {
    /** By created time; a dataset without one counts as older than any that has one. */
    private static final Comparator<Dataset> NEWEST_FIRST = Comparator.comparing(
            (Dataset dataset) -> dataset.created().orElse(Instant.MIN)).reversed();
    private static final List<BoundedSelection.Entries<Dataset>> ENTRIES = List.of(
            new BoundedSelection.Entries<>(CappedKind.DATASET_DOMAINS, RecordLimits.DATASET_ENTRIES,
                    dataset -> dataset.domainSamples().size(), Dataset::withFirstDomains),
            new BoundedSelection.Entries<>(CappedKind.DATASET_REJECTION_REASONS, RecordLimits.DATASET_ENTRIES,
                    dataset -> dataset.rejectionsByReason().size(), Dataset::withFirstRejectionReasons),
            new BoundedSelection.Entries<>(CappedKind.DATASET_REJECTION_DOMAINS, RecordLimits.DATASET_ENTRIES,
                    dataset -> dataset.rejectionsByDomain().size(), Dataset::withFirstRejectionDomains));

    public Datasets {
        datasets = List.copyOf(datasets);
        recordsCapped = CappedKind.copyOf(recordsCapped);
    }

    /**
     * The whole folders among those looked at, newest first, with each map kind's total cap given
     * to the newest first; {@code beyondLimit} folders were not looked at (--datasets.limit).
     */
    public static Datasets of(long found, long beyondLimit, List<DatasetResult.Whole> whole) {
        BoundedSelection<Dataset> selection = new BoundedSelection<>(Math.max(1, whole.size()), NEWEST_FIRST, Dataset::name,
                ENTRIES);
        for (DatasetResult.Whole folder : whole) {
            selection.offer(folder.dataset(), folder.cut());
        }
        Map<CappedKind, Long> capped = new EnumMap<>(selection.entriesCut());
        capped.put(CappedKind.DATASETS, beyondLimit);
        return new Datasets(found, selection.bestFirst(), capped);
    }

    /** The newest dataset's created time: when HAFS last curated one. */
    @Override
    public Optional<Instant> lastUpdated() {
        return datasets.stream().flatMap(dataset -> dataset.created().stream()).max(Comparator.naturalOrder());
    }
}
