package dev.hafs.exporter.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pull cursor on its own: what a parser of a new small source builds on. */
class JsonCursorTest {
    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A pilot status as HAFS writes it, with its quality_scores array grown to {@code scores} entries. */
    private static InputStream pilotStatus(int scores) {
        byte[] score = "0.86, ".getBytes(StandardCharsets.UTF_8);
        Stream<InputStream> parts = Stream.concat(Stream.of(json("{\"progress\": 145, \"quality_scores\": [")),
                Stream.concat(Stream.generate(() -> (InputStream) new ByteArrayInputStream(score)).limit(scores),
                        Stream.of(json("0.9], \"is_complete\": false, \"extra\": {\"nested\": [[1], {\"a\": null}]},"
                                + " \"estimated_quality\": NaN, \"last_update\": \"2025-12-21T14:03:27\"}"))));
        return new SequenceInputStream(Collections.enumeration(parts.toList()));
    }

    @Test
    void aSmallSourceReadsAsASwitchAndSkipsWhatItDoesNotName() throws Exception {
        Double progress = null;
        Double quality = null;
        String lastUpdate = null;
        RecordFields record = RecordFields.named("pilot_monitor_status.json");
        try (JsonCursor cursor = JsonCursor.open(pilotStatus(200_000))) {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "progress" -> progress = record.number(cursor);
                    case "estimated_quality" -> quality = record.number(cursor);
                    case "last_update" -> lastUpdate = record.text(cursor);
                    default -> { }
                }
            }
        }

        assertThat(progress).isEqualTo(145.0);
        assertThat(quality).isNaN();
        assertThat(lastUpdate).isEqualTo("2025-12-21T14:03:27");
        assertThat(record.valid()).isTrue();
    }

    @Test
    void nestedLoopsWalkObjectsAndArraysAndANullSectionReadsAsEmpty() throws Exception {
        List<String> seen = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(json("""
                {"none": null, "list": [{"a": 1, "skip": [1, [2]], "b": "x"}, 7, {"a": 2}], "map": {"k": {"deep": 1}, "v": 3}}
                """))) {
            while (cursor.nextField()) {
                String section = cursor.name();
                if (section.equals("list")) {
                    cursor.enterArraySection();
                    while (cursor.nextElement()) {
                        if (cursor.enterObject()) {
                            while (cursor.nextField()) {
                                seen.add(section + "." + cursor.name() + "=" + cursor.type());
                            }
                        } else {
                            seen.add(section + "[] " + cursor.type());
                        }
                    }
                } else {
                    cursor.enterObjectSection();
                    while (cursor.nextField()) {
                        seen.add(section + "." + cursor.name());
                    }
                }
            }
        }

        assertThat(seen).containsExactly("list.a=a number", "list.skip=an array", "list.b=a string", "list[] a number",
                "list.a=a number", "map.k", "map.v");
    }

    @Test
    void aSectionOfAnotherTypeMakesTheFileUnusable() {
        assertThatThrownBy(() -> {
            try (JsonCursor cursor = JsonCursor.open(json("{\"runs\": 5}"))) {
                while (cursor.nextField()) {
                    cursor.enterObjectSection();
                }
            }
        }).isInstanceOfSatisfying(MalformedSourceException.class,
                e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SCHEMA)).hasMessage("\"runs\" is a number, expected an object");
    }

    @Test
    void invalidUtf8AnywhereIsASyntaxErrorEvenInAValueNobodyReads() {
        byte[] text = "{\"unread\": \"a\u00e9b\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = text.clone();
        broken[14] = (byte) 0xFF;

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(broken)))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX)).hasMessage("not valid UTF-8");
    }

    @Test
    void aByteOrderMarkIsNoContentAndTrailingContentIsASyntaxError() throws Exception {
        readAll(new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), json("{}")));

        assertThatThrownBy(() -> readAll(json("{} []"))).isInstanceOfSatisfying(MalformedSourceException.class,
                e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX));
    }

    private static void readAll(InputStream in) throws IOException, MalformedSourceException {
        try (JsonCursor cursor = JsonCursor.open(in)) {
            while (cursor.nextField()) {
                continue;
            }
        }
    }
}
