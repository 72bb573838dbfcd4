package dev.hafs.exporter.http.charts;

import java.text.BreakIterator;

/**
 * A name from the files cut to fit a label: whole user-perceived characters only (never half a
 * surrogate pair, an accent without its letter or part of an emoji sequence), an ellipsis when cut,
 * and its width in monospace cells, East Asian wide characters and emoji counting two.
 */
record LabelText(String shown, int cells, boolean shortened) {
    static final String ELLIPSIS = "…";

    static LabelText fit(String text, int maxCells) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int total = 0;
        for (int start = graphemes.first(), end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
            total += cells(text.substring(start, end));
        }
        if (total <= maxCells) {
            return new LabelText(text, total, false);
        }
        int used = 0;
        int cut = 0;
        for (int start = graphemes.first(), end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
            int width = cells(text.substring(start, end));
            if (used + width + 1 > maxCells) {
                break;
            }
            used += width;
            cut = end;
        }
        return new LabelText(text.substring(0, cut) + ELLIPSIS, used + 1, true);
    }

    /** A grapheme is as wide as its widest code point; marks and joiners take no room of their own. */
    static int cells(String grapheme) {
        int widest = 0;
        for (int i = 0; i < grapheme.length(); ) {
            int codePoint = grapheme.codePointAt(i);
            i += Character.charCount(codePoint);
            int width = switch (Character.getType(codePoint)) {
                case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT -> 0;
                default -> isWide(codePoint) ? 2 : 1;
            };
            widest = Math.max(widest, width);
        }
        // An emoji variation selector (U+FE0F) turns a text symbol such as U+2764 into a wide emoji.
        return grapheme.indexOf('\uFE0F') >= 0 ? 2 : Math.max(1, widest);
    }

    private static boolean isWide(int codePoint) {
        return Character.isEmojiPresentation(codePoint)
                || codePoint >= 0x1100 && codePoint <= 0x115F // Hangul Jamo
                || codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F // CJK, Kana, Yi
                || codePoint >= 0xAC00 && codePoint <= 0xD7A3 // Hangul syllables
                || codePoint >= 0xF900 && codePoint <= 0xFAFF // CJK compatibility ideographs
                || codePoint >= 0xFE30 && codePoint <= 0xFE4F // CJK compatibility forms
                || codePoint >= 0xFF00 && codePoint <= 0xFF60 // fullwidth forms
                || codePoint >= 0xFFE0 && codePoint <= 0xFFE6
                || codePoint >= 0x20000 && codePoint <= 0x3FFFD; // CJK extensions
    }
}
