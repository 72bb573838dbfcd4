package dev.hafs.exporter.testing;

import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.reload.SourceLoads;
import dev.hafs.exporter.reload.TrainingReloader;
import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

/** The real read → parse → snapshot stages on a directory, without HTTP, with timestamps read as UTC. */
public final class Pipeline implements AutoCloseable {
    public static final Duration DEBOUNCE = Duration.ofMillis(20);
    public static final Duration SETTLE_TIME = Duration.ofMillis(500);

    private final SnapshotStore store;
    private final TrainingReloader reloader;

    public Pipeline(Path directory, Clock clock, long maxBytes) {
        this(directory, clock, maxBytes, SETTLE_TIME);
    }

    public Pipeline(Path directory, Clock clock, long maxBytes, Duration settleTime) {
        this(new SnapshotStore(TrainingSnapshot.initial(clock.instant())), directory, clock, maxBytes, settleTime,
                SnapshotAdmission.ANY);
    }

    /** With a given store and admission, for tests of the metrics stage that the reloader must consult. */
    public Pipeline(SnapshotStore store, Path directory, Clock clock, long maxBytes, Duration settleTime,
            SnapshotAdmission admission) {
        this(store, directory, clock, maxBytes, settleTime, admission, RecordLimits.DEFAULTS);
    }

    private Pipeline(SnapshotStore store, Path directory, Clock clock, long maxBytes, Duration settleTime,
            SnapshotAdmission admission, RecordLimits limits) {
        this.store = store;
        HafsTimestamps timestamps = new HafsTimestamps(ZoneOffset.UTC);
        reloader = new TrainingReloader(SourceLoads.of(directory, maxBytes, SourceParsers.forEachFile(50, limits, timestamps),
                timestamps, limits.datasets(), Optional.of(new ProcessTable())), store, admission, clock, DEBOUNCE, settleTime);
    }

    /** With other record limits (--runs.limit, ..., --datasets.limit), scanned. */
    public static Pipeline scanned(Path directory, RecordLimits limits) {
        Pipeline pipeline = new Pipeline(new SnapshotStore(TrainingSnapshot.initial(Clock.systemUTC().instant())), directory,
                Clock.systemUTC(), 1 << 20, SETTLE_TIME, SnapshotAdmission.ANY, limits);
        pipeline.initialScan();
        return pipeline;
    }

    public static Pipeline scanned(Path directory, Clock clock) {
        Pipeline pipeline = new Pipeline(directory, clock, 1 << 20);
        pipeline.initialScan();
        return pipeline;
    }

    public void initialScan() {
        try {
            reloader.initialScan(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public SnapshotStore store() {
        return store;
    }

    public TrainingReloader reloader() {
        return reloader;
    }

    public TrainingSnapshot snapshot() {
        return store.current();
    }

    @Override
    public void close() {
        reloader.close();
    }
}
