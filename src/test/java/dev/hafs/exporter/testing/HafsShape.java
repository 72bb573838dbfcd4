package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * One HAFS file of a given shape and size, written as a stream: the hostile shapes of issue 11
 * reach tens of megabytes, which must not sit in the test's heap as one string. Names are short
 * and numbered, as an attacker packing the most entries into a file would write them.
 */
public record HafsShape(String fileName, String description, Body body) {
    @FunctionalInterface
    public interface Body {
        void write(Appendable out) throws IOException;
    }

    public static final String QUALITY = "quality_feedback.json";
    public static final String LEARNING = "active_learning.json";
    public static final String TRAINING = "training_feedback.json";
    public static final String VALIDATION = "campaign_validation.json";

    public String text() {
        StringBuilder text = new StringBuilder();
        try {
            body.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes the file into {@code directory} (truncating, as HAFS does) and returns its path. */
    public Path writeTo(Path directory) {
        Path file = directory.resolve(fileName);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public String toString() {
        return description;
    }

    /** An object of {@code count} entries named {@code prefix0…}, each written by {@code entry}. */
    private interface Entry {
        void write(Appendable out, int index) throws IOException;
    }

    private static void object(Appendable out, String prefix, int count, Entry entry) throws IOException {
        out.append('{');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "\n" : ",\n").append('"').append(prefix).append(Integer.toString(i)).append("\": ");
            entry.write(out, i);
        }
        out.append('}');
    }

    private static void array(Appendable out, int count, Entry element) throws IOException {
        out.append('[');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "\n" : ",\n");
            element.write(out, i);
        }
        out.append(']');
    }

    private static void numbers(Appendable out, String prefix, int count) throws IOException {
        object(out, prefix, count, (o, i) -> o.append("1"));
    }

    public static HafsShape thresholds(int count) {
        return new HafsShape(QUALITY, count + " thresholds", out -> {
            out.append("{\"thresholds\": ");
            object(out, "t", count, (o, i) -> o.append("0.").append(Integer.toString(i % 10)));
            out.append("}");
        });
    }

    /** {@code generators} generators, the i-th having generated i samples, each with {@code reasons} reasons. */
    public static HafsShape generators(int generators, int reasons) {
        return new HafsShape(QUALITY, generators + " generators × " + reasons + " reasons", out -> {
            out.append("{\"generator_stats\": ");
            object(out, "g", generators, (o, i) -> {
                o.append("{\"samples_generated\": ").append(Integer.toString(i))
                        .append(", \"samples_accepted\": ").append(Integer.toString(i))
                        .append(", \"samples_rejected\": 0");
                if (reasons > 0) {
                    o.append(", \"rejection_reasons\": ");
                    numbers(o, "r", reasons);
                }
                o.append('}');
            });
            out.append('}');
        });
    }

    public static HafsShape wrongTypedGenerators(int count) {
        return new HafsShape(QUALITY, count + " wrong-typed generators", out -> {
            out.append("{\"generator_stats\": ");
            object(out, "g", count, (o, i) -> o.append("\"x\""));
            out.append('}');
        });
    }

    /** A rejection history of {@code entries} entries in {@code domains} domains with {@code scores} score keys each. */
    public static HafsShape history(int entries, int domains, int scores) {
        return new HafsShape(QUALITY, entries + " history entries, " + domains + " domains × " + scores + " scores", out -> {
            out.append("{\"rejection_history\": ");
            array(out, entries, (o, i) -> {
                o.append("{\"domain\": \"d").append(Integer.toString(i % domains)).append("\", \"scores\": ");
                o.append('{');
                for (int s = 0; s < scores; s++) {
                    o.append(s == 0 ? "" : ", ").append("\"s").append(Integer.toString(s)).append("\": 0.5");
                }
                o.append("}}");
            });
            out.append('}');
        });
    }

    /** A history whose every entry brings a new score name in one domain. */
    public static HafsShape historyOfDistinctScores(int entries) {
        return new HafsShape(QUALITY, entries + " history entries with distinct score names", out -> {
            out.append("{\"rejection_history\": ");
            array(out, entries, (o, i) -> o.append("{\"domain\": \"asm\", \"scores\": {\"s").append(Integer.toString(i))
                    .append("\": 0.5}}"));
            out.append('}');
        });
    }

    /** {@code count} keys of {@code length} characters each, in thresholds. */
    public static HafsShape longKeys(int count, int length) {
        return new HafsShape(QUALITY, count + " threshold keys of " + length + " characters", out -> {
            String padding = "k".repeat(length - 8);
            out.append("{\"thresholds\": {");
            for (int i = 0; i < count; i++) {
                out.append(i == 0 ? "\n\"" : ",\n\"").append("%08d".formatted(i)).append(padding).append("\": 0.5");
            }
            out.append("}}");
        });
    }

    /** A field nobody reads, holding an array of {@code count} numbers, as centroids or a grown quality_scores list. */
    public static HafsShape unknownArray(int count) {
        return new HafsShape(QUALITY, "an unknown field with " + count + " numbers", out -> {
            out.append("{\"future\": ");
            array(out, count, (o, i) -> o.append("0.123456789"));
            out.append(", \"thresholds\": {\"min_quality_score\": 0.7}}");
        });
    }

    public static HafsShape regions(int count) {
        return new HafsShape(LEARNING, count + " regions", out -> {
            out.append("{\"regions\": ");
            array(out, count, (o, i) -> o.append("{\"sample_count\": ").append(Integer.toString(i % 7)).append('}'));
            out.append('}');
        });
    }

    public static HafsShape numbersAsRegions(int count) {
        return new HafsShape(LEARNING, "\"regions\": [1, 1, …] × " + count, out -> {
            out.append("{\"regions\": ");
            array(out, count, (o, i) -> o.append('1'));
            out.append('}');
        });
    }

    /** {@code runs} completed runs, the i-th started i minutes after the first, each with {@code metrics} eval metrics. */
    public static HafsShape runs(int runs, int metrics) {
        return new HafsShape(TRAINING, runs + " runs × " + metrics + " eval metrics", out -> {
            out.append("{\"training_runs\": ");
            object(out, "run-", runs, (o, i) -> {
                o.append("{\"final_loss\": 0.5, \"start_time\": \"")
                        .append(LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(i).toString()).append('"');
                if (metrics > 0) {
                    o.append(", \"eval_metrics\": ");
                    numbers(o, "m", metrics);
                }
                o.append('}');
            });
            out.append('}');
        });
    }

    /** {@code runs} running runs, the i-th started i minutes after the first, each trained on {@code domains} domains. */
    public static HafsShape runDomains(int runs, int domains) {
        return new HafsShape(TRAINING, runs + " runs × " + domains + " domains", out -> {
            out.append("{\"training_runs\": ");
            object(out, "run-", runs, (o, i) -> {
                o.append("{\"final_loss\": null, \"start_time\": \"")
                        .append(LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(i).toString()).append("\", \"domain_distribution\": ");
                numbers(o, "d", domains);
                o.append('}');
            });
            out.append('}');
        });
    }

    public static HafsShape thresholdEffectiveness(int count) {
        return new HafsShape(TRAINING, count + " quality_threshold_effectiveness keys", out -> {
            out.append("{\"quality_threshold_effectiveness\": ");
            numbers(out, "0.", count);
            out.append('}');
        });
    }

    public static HafsShape validationChecks(int count) {
        return new HafsShape(VALIDATION, count + " validation checks", out -> {
            out.append("{\"approved\": false, \"checks\": ");
            object(out, "check", count, (o, i) -> o.append(i % 2 == 0 ? "true" : "false"));
            out.append('}');
        });
    }

    public static HafsShape domainEffectiveness(int count) {
        return new HafsShape(TRAINING, count + " domain_effectiveness keys", out -> {
            out.append("{\"domain_effectiveness\": ");
            numbers(out, "d", count);
            out.append('}');
        });
    }

    /**
     * A name of {@code length} characters above U+00FF (two bytes each in a Java string, three in
     * UTF-8), unique per (kind, index): the costliest label a file can hold.
     */
    public static String longText(char kind, int index, int length) {
        StringBuilder name = new StringBuilder(length);
        name.append(kind);
        String digits = "%08d".formatted(index);
        for (int i = 0; i < digits.length(); i++) {
            name.append((char) (0x4E00 + digits.charAt(i) - '0'));
        }
        while (name.length() < length) {
            name.append('\u3042');
        }
        return name.toString();
    }

    /** {@link #longText}, escaped as Python's json.dumps writes it. */
    static String longName(char kind, int index, int length) {
        String text = longText(kind, index, length);
        StringBuilder name = new StringBuilder(length * 6);
        for (int i = 0; i < text.length(); i++) {
            name.append("\\u%04x".formatted((int) text.charAt(i)));
        }
        return name.toString();
    }

    private static void longNumbers(Appendable out, char kind, int offset, int count, int length) throws IOException {
        out.append('{');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ", ").append('"').append(longName(kind, offset + i, length)).append("\": 0.5");
        }
        out.append('}');
    }

    /**
     * quality_feedback.json with every cap full and every name at {@code length} non-ASCII
     * characters: thresholds, generators each with reasons of their own, and score series whose
     * windows are full ({@code rounds} entries per domain).
     */
    public static HafsShape fullQuality(int thresholds, int generators, int reasons, int domains, int scores, int rounds,
            int length) {
        return new HafsShape(QUALITY, "quality_feedback.json, every cap full, names of " + length + " non-ASCII chars", out -> {
            out.append("{\"thresholds\": ");
            longNumbers(out, 't', 0, thresholds, length);
            out.append(",\n\"generator_stats\": {");
            for (int g = 0; g < generators; g++) {
                out.append(g == 0 ? "\n\"" : ",\n\"").append(longName('g', g, length))
                        .append("\": {\"samples_generated\": 1, \"samples_accepted\": 1, \"samples_rejected\": 0, \"rejection_reasons\": ");
                longNumbers(out, 'r', g * reasons, reasons, length);
                out.append('}');
            }
            out.append("},\n\"rejection_history\": [");
            for (int entry = 0; entry < rounds * domains; entry++) {
                out.append(entry == 0 ? "\n{\"domain\": \"" : ",\n{\"domain\": \"").append(longName('d', entry % domains, length))
                        .append("\", \"scores\": ");
                longNumbers(out, 's', 0, scores, length);
                out.append('}');
            }
            out.append("]}");
        });
    }

    /**
     * training_feedback.json with every cap full and every name at {@code length} non-ASCII characters:
     * each run with {@code metrics} eval metrics and as many domains, a base model of its own, and
     * {@code domains} entries in domain_effectiveness and in quality_threshold_effectiveness.
     */
    public static HafsShape fullTraining(int runs, int metrics, int domains, int length) {
        return fullTraining(runs, metrics, domains, length, 10);
    }

    /** {@link #fullTraining(int, int, int, int)} with every run's samples_count {@code samples}, to write it again changed. */
    public static HafsShape fullTraining(int runs, int metrics, int domains, int length, int samples) {
        return new HafsShape(TRAINING, "training_feedback.json, every cap full, names of " + length + " non-ASCII chars", out -> {
            out.append("{\"training_runs\": {");
            for (int r = 0; r < runs; r++) {
                out.append(r == 0 ? "\n\"" : ",\n\"").append(longName('r', r, length)).append("\": {\"model_name\": \"")
                        .append(longName('m', r, length)).append("\", \"base_model\": \"").append(longName('b', r, length))
                        .append("\", \"final_loss\": 0.5, \"samples_count\": ").append(Integer.toString(samples)).append(", ")
                        .append("\"start_time\": \"2025-12-21T10:00:00\", \"end_time\": \"2025-12-21T11:00:00\", \"eval_metrics\": ");
                longNumbers(out, 'e', r * metrics, metrics, length);
                out.append(", \"domain_distribution\": ");
                longNumbers(out, 'x', r * metrics, metrics, length);
                out.append('}');
            }
            out.append("},\n\"domain_effectiveness\": ");
            longNumbers(out, 'd', 0, domains, length);
            out.append(",\n\"quality_threshold_effectiveness\": ");
            longNumbers(out, 't', 0, domains, length);
            out.append('}');
        });
    }

    /** pilot_monitor_status.json whose quality_scores has grown to {@code count} values. */
    public static HafsShape pilotScores(int count) {
        return new HafsShape("pilot_monitor_status.json", "quality_scores of " + count + " values", out -> {
            out.append("{\"progress\": 145, \"total\": 190, \"quality_scores\": ");
            array(out, count, (o, i) -> o.append("0.7").append(Integer.toString(i % 10)));
            out.append(", \"estimated_quality\": 0.8}");
        });
    }

    /** active_learning.json with every region kept and every domain name at {@code length} non-ASCII characters. */
    public static HafsShape fullLearning(int regions, int length) {
        return new HafsShape(LEARNING, "active_learning.json, every cap full, names of " + length + " non-ASCII chars", out -> {
            out.append("{\"regions\": [");
            for (int r = 0; r < regions; r++) {
                out.append(r == 0 ? "\n" : ",\n").append("{\"sample_count\": ").append(Integer.toString(r % 50))
                        .append(", \"avg_quality\": 0.5, \"domain\": \"").append(longName('d', r, length)).append("\"}");
            }
            out.append("]}");
        });
    }
}
