package dev.hafs.exporter.reload;

import java.util.Optional;

/** Reads and parses one source; the reloader conducts it on its one thread and swaps what it returns. */
interface SourceLoad {
    /** Whether the source may differ from the version last read ({@code lastStamp}): a rescan reads only those. */
    boolean mayHaveChanged(Optional<Object> lastStamp);

    /** One attempt; {@code force} re-reads everything, as an operator's SIGHUP asks. Anything may be thrown. */
    LoadOutcome load(boolean force);

    /** Whether the last {@link LoadOutcome.Loaded} was swapped in (false: refused, e.g. by the series budget). */
    default void served(boolean served) {
    }
}
