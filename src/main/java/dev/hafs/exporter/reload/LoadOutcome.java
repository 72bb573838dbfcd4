package dev.hafs.exporter.reload;

import dev.hafs.exporter.parse.ParseResult;
import java.util.Optional;

/**
 * How one attempt to read and parse a source ended. {@code stamp} is what tells the version read
 * from others (a file's {@link dev.hafs.exporter.read.FileStamp}, the datasets directory's folders'
 * stamps), so a rescan can tell whether there is anything new to read.
 */
sealed interface LoadOutcome {
    Optional<Object> stamp();

    /** Read and parsed; {@code readAgainSoon} when part of it was being rewritten and was left for the next read. */
    record Loaded(ParseResult result, Optional<Object> stamp, boolean readAgainSoon) implements LoadOutcome {
    }

    /** Nothing differs from the content being served: nothing to swap. */
    record Unchanged(Optional<Object> stamp) implements LoadOutcome {
    }

    record Missing() implements LoadOutcome {
        @Override
        public Optional<Object> stamp() {
            return Optional.empty();
        }
    }

    record Failed(LoadFailure failure, Optional<Object> stamp) implements LoadOutcome {
    }

    /** The file changed while it was read, so what was read may splice two versions: read it again. */
    record Torn(Optional<Object> stamp) implements LoadOutcome {
    }
}
