package dev.hafs.exporter.snapshot;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The one mutable reference of the pipeline: reloads swap it, scrapes and pages read it. */
public final class SnapshotStore {
    private final AtomicReference<TrainingSnapshot> current;

    public SnapshotStore(TrainingSnapshot initial) {
        current = new AtomicReference<>(initial);
    }

    public TrainingSnapshot current() {
        return current.get();
    }

    public TrainingSnapshot update(UnaryOperator<TrainingSnapshot> change) {
        return current.updateAndGet(change);
    }
}
