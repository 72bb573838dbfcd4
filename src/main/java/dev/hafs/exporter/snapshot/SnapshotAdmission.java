package dev.hafs.exporter.snapshot;

import java.util.Optional;

/**
 * Decides whether a reload's candidate snapshot may replace the current one. The metrics stage
 * implements it with the series budget (--series.limit): a file that would put more series on
 * /metrics than the budget is refused before it is swapped in, and its last good content stays.
 */
@FunctionalInterface
public interface SnapshotAdmission {
    /** Admits every snapshot; for tests of stages that do not care about the budget. */
    SnapshotAdmission ANY = candidate -> Optional.empty();

    /** Empty to admit the candidate, else why it is refused, in words a person can act on. */
    Optional<String> refusal(TrainingSnapshot candidate);
}
