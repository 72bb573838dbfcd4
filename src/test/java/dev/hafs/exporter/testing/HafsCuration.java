package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what HAFS writes on every curation, in its exact shapes and order (field reference:
 * "Curated datasets", "Pilot and campaign status"): dataset folders, and the pilot monitor's,
 * validator's, launcher's, campaign monitor's and orchestrator's status files plus campaign.pid.
 * Every file is truncated and rewritten in place with {@code json.dumps(..., indent=2)}, as the
 * Python writers do.
 */
public final class HafsCuration {
    public static final String PILOT = "pilot_monitor_status.json";
    public static final String VALIDATION = "campaign_validation.json";
    public static final String CAMPAIGN = "campaign_status.json";
    public static final String PID = "campaign.pid";
    public static final String MONITOR = "campaign_monitor_status.json";
    public static final String ORCHESTRATOR = "orchestrator_state.json";
    /** The seven phases, in the order the orchestrator goes through them. */
    public static final List<String> PHASES = List.of("monitoring_pilot", "validating_pilot", "validation_complete",
            "validation_failed", "campaign_launched", "launch_failed", "campaign_complete");

    private final Path dir;

    public HafsCuration(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The numbers of one curated dataset; {@code folder} is its directory's name under datasets/. */
    public record Dataset(String folder, String name, LocalDateTime created, int generated, int passedQuality, int deduplicated,
            int augmented, int finalCount, Map<String, Integer> domainCounts, double quality, double durationSeconds,
            Map<String, Integer> byReason, Map<String, Integer> byDomain) {

        /** The field reference's example: full_campaign_34500, created 2025-12-21 14:05:01. */
        public static Dataset fieldReference() {
            LocalDateTime created = LocalDateTime.of(2025, 12, 21, 14, 5, 1);
            return new Dataset("full_campaign_34500_" + PythonJson.compact(created), "full_campaign_34500", created, 6421, 3100, 167,
                    240, 3173, ordered("asm", 1380, "gigaleak", 1380, "asm+oracle", 12), 0.71, 5423.7,
                    ordered("low_quality", 2900, "duplicate", 167, "validation_failed", 181),
                    ordered("asm", 1600, "gigaleak", 1560, "asm+oracle", 88));
        }

        /** A dataset named {@code name}_YYYYMMDD_HHMMSS, as HAFS names them. */
        public static Dataset of(String name, LocalDateTime created, int generated, int finalCount) {
            return new Dataset(name + "_" + PythonJson.compact(created), name, created, generated, finalCount + finalCount / 10,
                    finalCount / 10, 0, finalCount, ordered("asm", generated / 2, "cpp", generated - generated / 2), 0.75, 600.0,
                    generated > finalCount ? ordered("low_quality", generated - finalCount) : Map.of(),
                    generated > finalCount ? ordered("asm", generated - finalCount) : Map.of());
        }

        public Dataset inFolder(String folder) {
            return new Dataset(folder, name, created, generated, passedQuality, deduplicated, augmented, finalCount, domainCounts,
                    quality, durationSeconds, byReason, byDomain);
        }

        /** train / val / test as HAFS splits final_count: 80 / 10 / 10, the remainder to test. */
        public int train() {
            return (int) (finalCount * 0.8);
        }

        public int val() {
            return (int) (finalCount * 0.1);
        }

        public int test() {
            return finalCount - train() - val();
        }

        public int rejected() {
            return byReason.values().stream().mapToInt(Integer::intValue).sum();
        }

        public Map<String, Object> stats() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("total_generated", generated);
            stats.put("passed_quality", passedQuality);
            stats.put("deduplicated", deduplicated);
            stats.put("augmented", augmented);
            stats.put("final_count", finalCount);
            stats.put("domain_counts", domainCounts);
            stats.put("quality_scores", Map.of("average", quality));
            stats.put("duration_seconds", durationSeconds);
            return stats;
        }

        public Map<String, Object> metadata() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", name);
            metadata.put("created", PythonJson.compact(created));
            metadata.put("template", "alpaca");
            metadata.put("train_count", train());
            metadata.put("val_count", val());
            metadata.put("test_count", test());
            metadata.put("domains", List.copyOf(domainCounts.keySet()));
            return metadata;
        }

        public Map<String, Object> rejectionSummary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total_rejected", rejected());
            summary.put("by_reason", byReason);
            summary.put("by_domain", byDomain);
            summary.put("avg_quality_score", 0.41);
            summary.put("min_quality_score", 0.0);
            summary.put("max_quality_score", 0.69);
            return summary;
        }
    }

    /** Writes one dataset folder step by step, in HAFS's order, so a test can stop between steps. */
    public final class DatasetWriter {
        private final Dataset dataset;
        private final Path folder;

        DatasetWriter(Dataset dataset) {
            this.dataset = dataset;
            this.folder = dir.resolve("datasets").resolve(dataset.folder());
        }

        public Path folder() {
            return folder;
        }

        /** mkdir, then train.jsonl, val.jsonl and test.jsonl. */
        public DatasetWriter splits() {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HafsWriter.write(folder.resolve("train.jsonl"), samples(dataset.train()));
            HafsWriter.write(folder.resolve("val.jsonl"), samples(dataset.val()));
            HafsWriter.write(folder.resolve("test.jsonl"), samples(dataset.test()));
            return this;
        }

        public DatasetWriter stats() {
            HafsWriter.write(folder.resolve("stats.json"), PythonJson.dumps(dataset.stats()));
            return this;
        }

        public DatasetWriter metadata() {
            HafsWriter.write(folder.resolve("metadata.json"), PythonJson.dumps(dataset.metadata()));
            return this;
        }

        /** rejected.jsonl and rejection_summary.json; HAFS writes them only when something was rejected. */
        public DatasetWriter rejections() {
            if (dataset.rejected() > 0) {
                HafsWriter.write(folder.resolve("rejected.jsonl"), rejectedSamples(dataset.rejected()));
                HafsWriter.write(folder.resolve("rejection_summary.json"), PythonJson.dumps(dataset.rejectionSummary()));
            }
            return this;
        }

        public DatasetWriter all() {
            return splits().stats().metadata().rejections();
        }

        private String samples(int count) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < Math.min(count, 20); i++) {
                lines.append("{\"instruction\": \"Explain routine ").append(i).append("\", \"input\": \"\", \"output\": \"LDA #$")
                        .append(i).append("\", \"domain\": \"asm\"}\n");
            }
            return lines.toString();
        }

        private String rejectedSamples(int count) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < Math.min(count, 20); i++) {
                lines.append("{\"instruction\": \"x\", \"input\": \"\", \"output\": \"y\", \"domain\": \"asm\", \"source\": \"gen\",")
                        .append(" \"rejection_reason\": \"low_quality\", \"quality_score\": 0.").append(i % 10).append("}\n");
            }
            return lines.toString();
        }
    }

    public DatasetWriter dataset(Dataset dataset) {
        return new DatasetWriter(dataset);
    }

    /** The pilot monitor's status after {@code progress} of {@code total} items. */
    public static Map<String, Object> pilotStatus(int progress, int total, double acceptance, boolean complete, double threshold,
            LocalDateTime at) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("progress", progress);
        status.put("total", total);
        status.put("quality_scores", List.of());
        status.put("acceptance_rate", acceptance);
        status.put("accepted", (int) Math.round(acceptance * 22));
        status.put("rejected", 22 - (int) Math.round(acceptance * 22));
        status.put("is_complete", complete);
        status.put("last_update", PythonJson.isoformat(at));
        status.put("estimated_quality", acceptance);
        status.put("quality_threshold", threshold);
        status.put("quality_pass", acceptance >= threshold);
        status.put("monitor_timestamp", PythonJson.isoformat(at.plusNanos(1_000)));
        return status;
    }

    public static Map<String, Object> validation(Map<String, Object> pilot, int minSamples, LocalDateTime at) {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("completion", pilot.get("is_complete"));
        checks.put("min_samples", (Integer) pilot.get("progress") >= minSamples);
        checks.put("quality", (Double) pilot.get("estimated_quality") >= (Double) pilot.get("quality_threshold"));
        boolean approved = checks.values().stream().allMatch(Boolean.TRUE::equals);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("approved", approved);
        validation.put("reason", approved ? "All validation checks passed" : "Failed checks");
        validation.put("recommendation", approved ? "Launch full 34.5K sample campaign" : "Review pilot results manually");
        validation.put("checks", checks);
        validation.put("pilot_status", pilot);
        validation.put("validation_timestamp", PythonJson.isoformat(at));
        return validation;
    }

    public static Map<String, Object> launched(long pid, int target, LocalDateTime at, Map<String, Object> validation) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("launched", true);
        status.put("pid", pid);
        status.put("log_path", "/home/hafs/.context/training/full_campaign.log");
        status.put("target", target);
        status.put("launch_time", PythonJson.isoformat(at));
        status.put("validation", validation);
        return status;
    }

    public static Map<String, Object> campaignProgress(int progress, int total, LocalDateTime at) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("progress", progress);
        status.put("total", total);
        status.put("percentage", total > 0 ? progress * 100.0 / total : 0.0);
        status.put("is_running", progress < total);
        status.put("last_update", PythonJson.isoformat(at));
        return status;
    }

    /** The orchestrator's state: its keys accumulate as the phases advance. */
    public static Map<String, Object> orchestrator(String phase, LocalDateTime started, LocalDateTime completed,
            Map<String, Object> pilotResult) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("started", PythonJson.isoformat(started));
        state.put("phase", phase);
        state.put("pilot_result", pilotResult);
        if (completed != null) {
            state.put("completed", PythonJson.isoformat(completed));
        }
        return state;
    }

    public void write(String file, Map<String, Object> content) {
        HafsWriter.write(dir.resolve(file), PythonJson.dumps(content));
    }

    /** campaign.pid as the launcher writes it: the decimal pid, no newline. */
    public void pidFile(long pid) {
        HafsWriter.write(dir.resolve(PID), Long.toString(pid));
    }

    /** A map in the order given, as Python's dicts keep it. */
    public static Map<String, Integer> ordered(Object... namesAndCounts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCounts.length; i += 2) {
            map.put((String) namesAndCounts[i], (Integer) namesAndCounts[i + 1]);
        }
        return map;
    }

    /** Every folder name under datasets/, for assertions. */
    public List<String> folders() {
        try (var entries = Files.list(dir.resolve("datasets"))) {
            return new ArrayList<>(entries.map(path -> path.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
