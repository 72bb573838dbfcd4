package dev.hafs.exporter.http.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting names for labels: whole characters only, an ellipsis when cut, widths in monospace cells. */
class LabelTextTest {
    @Test
    void aNameThatFitsIsShownWhole() {
        assertThat(LabelText.fit("baseline", 8)).isEqualTo(new LabelText("baseline", 8, false));
        assertThat(LabelText.fit("", 3)).isEqualTo(new LabelText("", 0, false));
    }

    @Test
    void aLongNameIsCutWithAnEllipsisWithinItsRoom() {
        assertThat(LabelText.fit("curriculum-generator", 8)).isEqualTo(new LabelText("curricu…", 8, true));
    }

    @Test
    void astralCharactersAreNeverSplitIntoHalfASurrogatePair() {
        String fraktur = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢";

        LabelText label = LabelText.fit(fraktur, 4);

        assertThat(label.shown()).isEqualTo("𝔘𝔫𝔦…");
        assertThat(label.cells()).isEqualTo(4);
    }

    @Test
    void accentsStayWithTheirLetters() {
        String decomposed = "e\u0301e\u0301e\u0301e\u0301";

        assertThat(LabelText.fit(decomposed, 3).shown()).isEqualTo("e\u0301e\u0301…");
        assertThat(LabelText.fit(decomposed, 4).cells()).isEqualTo(4);
    }

    @Test
    void wideCharactersAndEmojiTakeTwoCellsAndEmojiSequencesStayWhole() {
        assertThat(LabelText.fit("日本語", 6)).isEqualTo(new LabelText("日本語", 6, false));
        assertThat(LabelText.fit("日本語", 5)).isEqualTo(new LabelText("日本…", 5, true));
        String family = "👩‍👩‍👧‍👦";
        assertThat(LabelText.fit(family + family, 4)).isEqualTo(new LabelText(family + family, 4, false));
        assertThat(LabelText.fit(family + family, 3)).isEqualTo(new LabelText(family + "…", 3, true));
        assertThat(LabelText.cells("❤\uFE0F")).isEqualTo(2);
        assertThat(LabelText.cells("🚀")).isEqualTo(2);
        assertThat(LabelText.cells("ü")).isEqualTo(1);
    }
}
