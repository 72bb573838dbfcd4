package dev.hafs.exporter.testing;

import dev.hafs.exporter.parse.RecordLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole training directory with every source at its caps and every label the longest the
 * exporter keeps (256 characters above U+00FF): the three main files as {@link HafsShape} writes
 * them at their caps, {@code --datasets.limit} dataset folders whose maps fill their caps, and the
 * pilot, validation, campaign, monitor and orchestrator files with long names where they become
 * labels. {@code runs} sets how many training runs are kept, which tunes the series total against
 * {@code --series.limit}.
 */
public final class FullTrainingDirectory {
    public static final int NAME = RecordLimits.MAX_NAME_LENGTH;
    /** A folder name is one path component: 255 bytes, so 79 three-byte characters and the timestamp. */
    private static final int FOLDER_NAME = 79;
    private static final LocalDateTime CURATED = LocalDateTime.of(2025, 12, 1, 0, 0);

    private final Path dir;
    private final int runs;

    public FullTrainingDirectory(Path dir, int runs) {
        this.dir = dir;
        this.runs = runs;
    }

    public Path dir() {
        return dir;
    }

    public void write() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HafsShape.fullQuality(RecordLimits.THRESHOLDS, RecordLimits.DEFAULTS.generators(), RecordLimits.REJECTION_REASONS_PER_GENERATOR,
                20, RecordLimits.SCORE_SERIES / 20, 50, NAME).writeTo(dir);
        writeTraining(0);
        HafsShape.fullLearning(RecordLimits.DEFAULTS.regions(), NAME).writeTo(dir);
        for (int i = 0; i < RecordLimits.DEFAULTS.datasets(); i++) {
            writeDataset(i, 0);
        }
        writeStatus(0);
    }

    /** training_feedback.json again, every run's count changed: the largest file's reload. */
    public void writeTraining(int version) {
        HafsShape.fullTraining(runs, RecordLimits.EVAL_METRICS_PER_RUN, RecordLimits.DOMAIN_EFFECTIVENESS, NAME, 10 + version)
                .writeTo(dir);
    }

    /**
     * One dataset folder, written again with other counts for {@code version} > 0. Each map holds
     * its per-dataset cap, so the newest folders take the cap over all datasets.
     */
    public void writeDataset(int index, int version) {
        HafsCuration hafs = new HafsCuration(dir);
        LocalDateTime created = CURATED.plusHours(index);
        String name = HafsShape.longText('f', index, FOLDER_NAME);
        HafsCuration.Dataset dataset = new HafsCuration.Dataset(name + "_" + PythonJson.compact(created), name, created,
                1000 + version, 900, 10, 0, 800, longCounts('d', index), 0.75, 600.0, longCounts('r', index), longCounts('x', index));
        hafs.dataset(dataset).all();
    }

    private static Map<String, Integer> longCounts(char kind, int dataset) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < RecordLimits.DATASET_ENTRIES_PER_MAP; i++) {
            counts.put(HafsShape.longText(kind, dataset * RecordLimits.DATASET_ENTRIES_PER_MAP + i, NAME), 10);
        }
        return counts;
    }

    /** The pilot, validation (every check a long name), campaign, monitor and orchestrator (a long unknown phase) files. */
    public void writeStatus(int version) {
        HafsCuration hafs = new HafsCuration(dir);
        LocalDateTime at = CURATED.plusMinutes(version);
        Map<String, Object> pilot = HafsCuration.pilotStatus(190, 190, 0.86, true, 0.75, at);
        hafs.write(HafsCuration.PILOT, pilot);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (int i = 0; i < RecordLimits.VALIDATION_CHECKS; i++) {
            checks.put(HafsShape.longText('c', i, NAME), i % 2 == 0);
        }
        Map<String, Object> validation = HafsCuration.validation(pilot, 150, at);
        validation.put("checks", checks);
        hafs.write(HafsCuration.VALIDATION, validation);
        hafs.write(HafsCuration.CAMPAIGN, HafsCuration.launched(CurationFixture.DEAD_PID, 34_500, at, validation));
        hafs.pidFile(CurationFixture.DEAD_PID);
        hafs.write(HafsCuration.MONITOR, HafsCuration.campaignProgress(400 + version, 34_500, at));
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator(HafsShape.longText('p', version, NAME), at, null, pilot));
    }
}
