package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.SourceData;
import dev.hafs.exporter.parse.StatusFile;
import dev.hafs.exporter.parse.TrainingFeedback;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * One loaded source's content as metric families, and how many series they are. Parsed content is
 * immutable, so a translation is tied to the very object it was made from and stays valid for as
 * long as that content is served.
 */
record FileFamilies(SourceData data, List<MetricSnapshot> families, int series) {

    static FileFamilies of(SourceData data) {
        MetricSink sink = new MetricSink();
        switch (data) {
            case QualityFeedback quality -> QualityFeedbackMetrics.translate(quality, sink);
            case ActiveLearning learning -> ActiveLearningMetrics.translate(learning, sink);
            case TrainingFeedback training -> TrainingFeedbackMetrics.translate(training, sink);
            case StatusFile status -> StatusMetrics.translate(status, sink);
            case Datasets datasets -> DatasetsMetrics.translate(datasets, sink);
        }
        List<MetricSnapshot> families = List.copyOf(sink.snapshots());
        return new FileFamilies(data, families, MetricSink.series(families));
    }

    boolean translates(SourceData content) {
        return data == content;
    }
}
