package dev.hafs.exporter.reload;

import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.read.ReadResult;
import dev.hafs.exporter.read.SourceReader;
import dev.hafs.exporter.snapshot.FailureReason;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** One JSON file: opened with the size limit, streamed through its parser, checked for a rewrite while it was read. */
final class FileLoad implements SourceLoad {
    private final Path path;
    private final SourceReader reader;
    private final SourceParser parser;

    FileLoad(Path path, SourceReader reader, SourceParser parser) {
        this.path = path;
        this.reader = reader;
        this.parser = parser;
    }

    @Override
    public boolean mayHaveChanged(Optional<Object> lastStamp) {
        return !stamp().equals(lastStamp);
    }

    @Override
    public LoadOutcome load(boolean force) {
        ReadResult read;
        try {
            read = reader.open(path);
        } catch (Throwable error) {
            return new LoadOutcome.Failed(LoadFailure.ofRead(error), stamp());
        }
        return switch (read) {
            case ReadResult.Missing missing -> new LoadOutcome.Missing();
            case ReadResult.Unreadable unreadable -> {
                boolean tooLarge = unreadable.problem() == ReadResult.Problem.TOO_LARGE;
                yield new LoadOutcome.Failed(new LoadFailure(tooLarge ? FailureReason.TOO_LARGE : FailureReason.IO,
                        unreadable.message(), !tooLarge), stamp());
            }
            case ReadResult.Opened opened -> parse(opened);
        };
    }

    private LoadOutcome parse(ReadResult.Opened opened) {
        Optional<Object> stamp = Optional.of(opened.stamp());
        ParseResult result;
        try (InputStream in = opened.content()) {
            result = parser.parse(in);
        } catch (Throwable error) {
            return new LoadOutcome.Failed(LoadFailure.ofParse(error), stamp);
        }
        // A file rewritten in place while it was read can parse as a splice of two versions.
        if (!stamp().equals(stamp)) {
            return new LoadOutcome.Torn(stamp);
        }
        return new LoadOutcome.Loaded(result, stamp, false);
    }

    private Optional<Object> stamp() {
        return reader.stamp(path).map(Object.class::cast);
    }
}
