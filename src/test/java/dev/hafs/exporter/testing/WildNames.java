package dev.hafs.exporter.testing;

import java.util.List;

/**
 * Generator names and run ids as files in the wild have them: long, CJK, emoji (a ZWJ sequence among
 * them), astral letters written as surrogate pairs, decomposed accents, and one short name.
 */
public final class WildNames {
    public static final List<String> ALL = List.of(
            "curriculum-generator-with-a-very-long-descriptive-name-v2",
            "日本語のデータ生成器とても長い名前です",
            "👩‍👩‍👧‍👦 family generator 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢-𝔤𝔢𝔫𝔢𝔯𝔞𝔱𝔬𝔯-𝔴𝔦𝔱𝔥-𝔰𝔲𝔯𝔯𝔬𝔤𝔞𝔱𝔢-𝔭𝔞𝔦𝔯𝔰",
            "de\u0301ja\u0300-vu\u0308-de\u0301ja\u0300-vu\u0308-de\u0301ja\u0300-vu\u0308-de\u0301ja\u0300",
            "short");

    private WildNames() {
    }
}
