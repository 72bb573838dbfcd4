package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Keeps the best {@code limit} records of a stream, one record at a time, and within them at most
 * {@code entryCap} named entries (a generator's rejection reasons, a run's eval metrics), given
 * to the best records first. Memory is bounded by the limit and the caps however many records
 * stream past; what is left out is counted. Ties keep the earlier record.
 *
 * <p>A record whose key comes again while it is kept is replaced in its place (the last value
 * wins, as in a JSON object); one that was already left out cannot be recognised, so it is
 * counted once more and its successor competes as a new record.
 */
final class BoundedSelection<T> {
    /** How a record's entries are counted and shortened. */
    record Entries<T>(int cap, ToIntFunction<T> size, BiFunction<T, Integer, T> keepFirst) {
    }

    private final class Kept {
        T value;
        final long sequence;
        /** Entries of this record left out by a per-record cap while it was read, and by the total cap since. */
        long entriesCut;

        Kept(T value, long sequence, long entriesCut) {
            this.value = value;
            this.sequence = sequence;
            this.entriesCut = entriesCut;
        }
    }

    private final int limit;
    private final Function<T, String> key;
    private final Entries<T> entries;
    private final Comparator<Kept> bestFirst;
    private final PriorityQueue<Kept> worstFirst;
    private final Map<String, Kept> byKey = new HashMap<>();
    private long sequence;
    private long leftOut;
    private long entriesHeld;

    /** {@code better} orders records so that the first ones are the ones to keep. */
    BoundedSelection(int limit, Comparator<T> better, Function<T, String> key, Entries<T> entries) {
        this.limit = limit;
        this.key = key;
        this.entries = entries;
        this.bestFirst = Comparator.<Kept, T>comparing(kept -> kept.value, better).thenComparingLong(kept -> kept.sequence);
        this.worstFirst = new PriorityQueue<>(Math.min(limit, 1024) + 1, bestFirst.reversed());
    }

    /**
     * Offers the next record, whose reading already cut {@code entriesCut} entries; returns the
     * kept record of the same key it replaces, if any.
     */
    T offer(T value, long entriesCut) {
        Kept previous = byKey.remove(key.apply(value));
        if (previous != null) {
            worstFirst.remove(previous);
            entriesHeld -= entries.size().applyAsInt(previous.value);
        }
        Kept kept = new Kept(value, previous != null ? previous.sequence : sequence++, entriesCut);
        worstFirst.add(kept);
        byKey.put(key.apply(value), kept);
        entriesHeld += entries.size().applyAsInt(value);
        if (worstFirst.size() > limit) {
            Kept worst = worstFirst.poll();
            byKey.remove(key.apply(worst.value));
            entriesHeld -= entries.size().applyAsInt(worst.value);
            leftOut++;
        }
        // Trimming sorts the kept records, so it waits until the slack is used up: amortised, a
        // few sorts per entry cap's worth of entries read, and memory stays under twice the cap.
        if (entriesHeld > 2L * entries.cap()) {
            trimEntries();
        }
        return previous == null ? null : previous.value;
    }

    /** Records left out by the limit. */
    long leftOut() {
        return leftOut;
    }

    /** Entries of the kept records left out by the caps, per record and in total. */
    long entriesCut() {
        trimEntries();
        long cut = 0;
        for (Kept kept : worstFirst) {
            cut += kept.entriesCut;
        }
        return cut;
    }

    /** The kept records in the order they arrived, which is the file's order. */
    List<T> inArrivalOrder() {
        trimEntries();
        List<Kept> kept = new ArrayList<>(worstFirst);
        kept.sort(Comparator.comparingLong(k -> k.sequence));
        List<T> values = new ArrayList<>(kept.size());
        for (Kept k : kept) {
            values.add(k.value);
        }
        return values;
    }

    /**
     * Gives the entry cap to the best records first and shortens the others. A record's share
     * depends only on better records, and a record that arrives later can only shrink it, so
     * what is cut here is never needed again.
     */
    private void trimEntries() {
        List<Kept> best = new ArrayList<>(worstFirst);
        best.sort(bestFirst);
        long remaining = entries.cap();
        for (Kept kept : best) {
            int size = entries.size().applyAsInt(kept.value);
            if (size > remaining) {
                kept.value = entries.keepFirst().apply(kept.value, (int) remaining);
                kept.entriesCut += size - remaining;
                entriesHeld -= size - remaining;
                remaining = 0;
            } else {
                remaining -= size;
            }
        }
    }
}
