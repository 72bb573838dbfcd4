package dev.hafs.exporter.parse;

import java.util.Map;

/** One dataset folder after reading: whole, or left out and why (a file missing, half-written, malformed). */
public sealed interface DatasetResult {
    /** {@code cut} counts the entries its maps left out by the per-dataset cap, per kind. */
    record Whole(Dataset dataset, Map<CappedKind, Long> cut) implements DatasetResult {
        public Whole {
            cut = Map.copyOf(cut);
        }
    }

    /** {@code message} names the folder and says what is wrong, for the log and the landing page. */
    record Skipped(String message) implements DatasetResult {
    }
}
