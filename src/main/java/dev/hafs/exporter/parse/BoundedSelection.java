package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Keeps the best {@code limit} records of a stream, one record at a time, and within them at most
 * {@code cap} named entries of each kind (a generator's rejection reasons, a run's eval metrics and
 * domains, a dataset's domains), given to the best records first. Memory is bounded by the limit and
 * the caps however many records stream past; what is left out is counted. Ties keep the earlier record.
 *
 * <p>A record whose key comes again while it is kept is replaced in its place (the last value
 * wins, as in a JSON object); one that was already left out cannot be recognised, so it is
 * counted once more and its successor competes as a new record.
 */
final class BoundedSelection<T> {
    /** How one kind of a record's entries is counted and shortened. */
    record Entries<T>(CappedKind kind, int cap, ToIntFunction<T> size, BiFunction<T, Integer, T> keepFirst) {
    }

    private final class Kept {
        T value;
        final long sequence;
        /** Entries of this record left out, per kind, by a per-record cap while it was read and by the total cap since. */
        final long[] entriesCut;

        Kept(T value, long sequence, long[] entriesCut) {
            this.value = value;
            this.sequence = sequence;
            this.entriesCut = entriesCut;
        }
    }

    private final int limit;
    private final Function<T, String> key;
    private final List<Entries<T>> entries;
    private final Comparator<Kept> bestFirst;
    private final PriorityQueue<Kept> worstFirst;
    private final Map<String, Kept> byKey = new HashMap<>();
    private final long[] entriesHeld;
    private long sequence;
    private long leftOut;

    /** {@code better} orders records so that the first ones are the ones to keep. */
    BoundedSelection(int limit, Comparator<T> better, Function<T, String> key, List<Entries<T>> entries) {
        this.limit = limit;
        this.key = key;
        this.entries = List.copyOf(entries);
        this.entriesHeld = new long[entries.size()];
        this.bestFirst = Comparator.<Kept, T>comparing(kept -> kept.value, better).thenComparingLong(kept -> kept.sequence);
        this.worstFirst = new PriorityQueue<>(Math.min(limit, 1024) + 1, bestFirst.reversed());
    }

    /**
     * Offers the next record, whose reading already cut the given entries (per kind); returns the
     * kept record of the same key it replaces, if any.
     */
    T offer(T value, Map<CappedKind, Long> cutWhileRead) {
        Kept previous = byKey.remove(key.apply(value));
        if (previous != null) {
            worstFirst.remove(previous);
            hold(previous.value, -1);
        }
        long[] cut = new long[entries.size()];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = cutWhileRead.getOrDefault(entries.get(i).kind(), 0L);
        }
        Kept kept = new Kept(value, previous != null ? previous.sequence : sequence++, cut);
        worstFirst.add(kept);
        byKey.put(key.apply(value), kept);
        hold(value, 1);
        if (worstFirst.size() > limit) {
            Kept worst = worstFirst.poll();
            byKey.remove(key.apply(worst.value));
            hold(worst.value, -1);
            leftOut++;
        }
        // Trimming sorts the kept records, so it waits until the slack is used up: amortised, a
        // few sorts per entry cap's worth of entries read, and memory stays under twice the cap.
        for (int i = 0; i < entries.size(); i++) {
            if (entriesHeld[i] > 2L * entries.get(i).cap()) {
                trimEntries();
                break;
            }
        }
        return previous == null ? null : previous.value;
    }

    /** Records left out by the limit. */
    long leftOut() {
        return leftOut;
    }

    /** Entries of the kept records left out by the caps, per record and in total, for each kind. */
    Map<CappedKind, Long> entriesCut() {
        trimEntries();
        Map<CappedKind, Long> cut = new EnumMap<>(CappedKind.class);
        for (int i = 0; i < entries.size(); i++) {
            long sum = 0;
            for (Kept kept : worstFirst) {
                sum += kept.entriesCut[i];
            }
            cut.put(entries.get(i).kind(), sum);
        }
        return cut;
    }

    /** The kept records in the order they arrived. */
    List<T> inArrivalOrder() {
        return sorted(Comparator.comparingLong(k -> k.sequence));
    }

    /** The kept records, best first. */
    List<T> bestFirst() {
        return sorted(bestFirst);
    }

    private List<T> sorted(Comparator<Kept> order) {
        trimEntries();
        List<Kept> kept = new ArrayList<>(worstFirst);
        kept.sort(order);
        List<T> values = new ArrayList<>(kept.size());
        for (Kept k : kept) {
            values.add(k.value);
        }
        return values;
    }

    private void hold(T value, int sign) {
        for (int i = 0; i < entries.size(); i++) {
            entriesHeld[i] += sign * (long) entries.get(i).size().applyAsInt(value);
        }
    }

    /**
     * Gives each entry cap to the best records first and shortens the others. A record's share
     * depends only on better records, and a record that arrives later can only shrink it, so
     * what is cut here is never needed again.
     */
    private void trimEntries() {
        List<Kept> best = new ArrayList<>(worstFirst);
        best.sort(bestFirst);
        for (int i = 0; i < entries.size(); i++) {
            Entries<T> kind = entries.get(i);
            long remaining = kind.cap();
            for (Kept kept : best) {
                int size = kind.size().applyAsInt(kept.value);
                if (size > remaining) {
                    kept.value = kind.keepFirst().apply(kept.value, (int) remaining);
                    kept.entriesCut[i] += size - remaining;
                    entriesHeld[i] -= size - remaining;
                    remaining = 0;
                } else {
                    remaining -= size;
                }
            }
        }
    }
}
