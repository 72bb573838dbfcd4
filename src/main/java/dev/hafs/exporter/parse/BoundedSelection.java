package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the best {@code limit} of a stream of records by some order, in memory bounded by the
 * limit however many records stream past, and counts the rest. Ties keep the earlier record.
 */
final class BoundedSelection<T> {
    private record Entry<T>(T value, long sequence) {
    }

    private final int limit;
    private final Comparator<Entry<T>> worstFirst;
    private final PriorityQueue<Entry<T>> kept;
    private long sequence;
    private long leftOut;

    /** {@code better} orders records so that the first ones are the ones to keep. */
    BoundedSelection(int limit, Comparator<T> better) {
        this.limit = limit;
        Comparator<Entry<T>> order = Comparator.<Entry<T>, T>comparing(Entry::value, better)
                .thenComparingLong(Entry::sequence);
        this.worstFirst = order.reversed();
        this.kept = new PriorityQueue<>(Math.min(limit, 1024) + 1, worstFirst);
    }

    void offer(T value) {
        kept.add(new Entry<>(value, sequence++));
        if (kept.size() > limit) {
            kept.poll();
            leftOut++;
        }
    }

    long leftOut() {
        return leftOut;
    }

    /** The kept records in the order they arrived, which is the file's order. */
    List<T> inArrivalOrder() {
        List<Entry<T>> entries = new ArrayList<>(kept);
        entries.sort(Comparator.comparingLong(Entry::sequence));
        List<T> values = new ArrayList<>(entries.size());
        for (Entry<T> entry : entries) {
            values.add(entry.value());
        }
        return values;
    }
}
