package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceState;
import java.util.Optional;

/** The frame every chart sits in, and the plain sentence shown when its file has nothing to draw. */
final class Panel {
    private Panel() {
    }

    static String of(String id, String title, String body) {
        return "<figure class=\"panel\" id=\"" + id + "\"><figcaption>" + Html.escape(title) + "</figcaption>" + body + "</figure>";
    }

    static String empty(String message) {
        return "<p class=\"empty\">" + Html.escape(message) + "</p>";
    }

    /** Why a file's chart cannot be drawn, or nothing when its content is there. */
    static Optional<String> unavailable(SourceState state, String fileName) {
        if (state.data().isPresent()) {
            return Optional.empty();
        }
        SourceHealth health = state.status().health();
        return Optional.of(switch (health) {
            case MISSING -> fileName + " is missing from the training directory.";
            case NOT_SCANNED -> fileName + " has not been read yet.";
            case FAILING -> fileName + " does not load (" + state.status().problem().orElse("unknown problem") + ").";
            case LOADED -> fileName + " has no data.";
        });
    }
}
