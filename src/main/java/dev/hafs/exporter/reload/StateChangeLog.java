package dev.hafs.exporter.reload;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.SourceStatus;
import java.util.List;
import java.util.Optional;

/**
 * One log line when a source's state changes, none for a reload that changes nothing: HAFS saves
 * often, and an operator needs to see transitions, not events.
 */
final class StateChangeLog {
    private static final Log LOG = Log.of(TrainingReloader.class);
    /** A log line names a few; the landing page lists all that the parse kept. */
    private static final int LOGGED_MESSAGES = 10;

    private StateChangeLog() {
    }

    static void log(SourceStatus before, SourceState after) {
        SourceStatus now = after.status();
        String file = now.source().fileName();
        boolean changed = before.health() != now.health() || !before.problem().equals(now.problem());
        if (changed) {
            switch (now.health()) {
                case LOADED -> LOG.info("loaded", "file", file);
                case MISSING -> LOG.info("file is missing, its series are gone until it appears", "file", file);
                case FAILING -> LOG.warn(after.data().isPresent()
                                ? "file does not load, serving its last good content"
                                : "file does not load, none of its series are served",
                        "file", file, "problem", now.problem().orElse(""));
                case NOT_SCANNED -> {
                }
            }
        } else if (now.health() == SourceHealth.LOADED) {
            LOG.debug("reloaded", "file", file);
        }
        SkippedRecords skipped = now.skippedRecords();
        if (!before.skippedRecords().equals(skipped) && !skipped.isEmpty()) {
            List<String> shown = skipped.firstMessages().subList(0, Math.min(LOGGED_MESSAGES, skipped.firstMessages().size()));
            LOG.warn("skipped malformed records, the rest of the file is loaded", "file", file,
                    "count", skipped.count(), "first", String.join(" | ", shown));
        }
    }

    /** The campaign's process: one line when its state (or its pid) changes. */
    static void log(Optional<CampaignProcess> before, Optional<CampaignProcess> after) {
        if (after.isEmpty()) {
            LOG.info("no campaign pid recorded, hafs_campaign_process_up is not exported");
        } else if (after.get().up()) {
            LOG.info("the campaign's process is running", "pid", after.get().pid(), "from", after.get().pidFrom());
        } else {
            LOG.warn("the campaign's process is not running", "pid", after.get().pid(), "from", after.get().pidFrom(),
                    "state", after.get().state().description());
        }
    }
}
