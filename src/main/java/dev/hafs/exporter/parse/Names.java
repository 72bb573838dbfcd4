package dev.hafs.exporter.parse;

/** Names from the files (generators, run ids, domains, keys) cut to a length a label value can bear. */
final class Names {
    private Names() {
    }

    static String bounded(String name) {
        if (name.length() <= RecordLimits.MAX_NAME_LENGTH) {
            return name;
        }
        int end = RecordLimits.MAX_NAME_LENGTH - 1;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "…";
    }
}
