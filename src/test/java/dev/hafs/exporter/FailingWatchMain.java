package dev.hafs.exporter;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.watch.DirectoryListener;
import java.util.List;
import java.util.Map;

/**
 * The real command, with a directory watch whose listener throws every time it is called, as if the
 * reload stage refused all work: a test runs it as its own process to see what a supervisor sees.
 */
public final class FailingWatchMain {
    /** Put between the watch and the reload stage, it makes every round of the watch fail. */
    static final DirectoryListener REFUSING = new DirectoryListener() {
        @Override
        public void sourceChanged(Source file) {
            throw new IllegalStateException("injected: the reload stage refuses work");
        }

        @Override
        public void rescanNeeded() {
            throw new IllegalStateException("injected: the reload stage refuses work");
        }
    };

    private FailingWatchMain() {
    }

    public static void main(String[] args) throws Exception {
        ExporterConfig config = ExporterConfig.parse(List.of(args), Map.of());
        Main.serve(config, c -> HafsTrainingExporter.start(c,
                new HafsTrainingExporter.Interposers((file, parser) -> parser, listener -> REFUSING)));
    }
}
