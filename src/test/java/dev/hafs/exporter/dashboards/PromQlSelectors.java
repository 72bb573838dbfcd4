package dev.hafs.exporter.dashboards;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the series selectors of a PromQL expression with what the dashboard lint rules look at: their
 * label matchers, their range and the function they are passed to. A scanner, not a parser: it knows
 * enough PromQL for dashboard queries, and Prometheus itself checks the full syntax in the ITs.
 */
final class PromQlSelectors {
    record LabelMatcher(String label, String op, String value) {
    }

    record Selector(String metric, List<LabelMatcher> matchers, String range, String enclosingFunction) {
        Optional<LabelMatcher> matcher(String label) {
            return matchers.stream().filter(m -> m.label().equals(label)).findFirst();
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    /** Operators and modifiers that read like names, and the number literals Inf and NaN. */
    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "atan2", "Inf", "NaN",
            "inf", "nan");
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')\\s*,?");

    private enum Kind { IDENT, STRING, NUMBER, MATCHERS, RANGE, OPEN, CLOSE, OTHER }

    private record Token(Kind kind, String text) {
    }

    private PromQlSelectors() {
    }

    static List<Selector> scan(String expr) {
        List<Token> tokens = tokenize(expr);
        List<Selector> selectors = new ArrayList<>();
        Deque<String> calls = new ArrayDeque<>();
        String pendingCall = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.kind()) {
                case IDENT -> {
                    String name = token.text();
                    Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                    if (LABEL_LIST_KEYWORDS.contains(name)) {
                        if (next != null && next.kind() == Kind.OPEN) {
                            i = closingParen(tokens, i + 1);
                        }
                    } else if (KEYWORDS.contains(name)) {
                        continue;
                    } else if (AGGREGATIONS.contains(name) || (next != null && next.kind() == Kind.OPEN)) {
                        pendingCall = name;
                    } else {
                        i = selector(tokens, i, name, calls, selectors);
                    }
                }
                case MATCHERS -> i = selector(tokens, i - 1, null, calls, selectors);
                case OPEN -> {
                    calls.push(pendingCall == null ? "" : pendingCall);
                    pendingCall = null;
                }
                case CLOSE -> {
                    if (calls.isEmpty()) {
                        throw new IllegalArgumentException("unbalanced ')' in " + expr);
                    }
                    calls.pop();
                }
                default -> {
                }
            }
        }
        if (!calls.isEmpty()) {
            throw new IllegalArgumentException("unbalanced '(' in " + expr);
        }
        return selectors;
    }

    /** Reads the selector whose metric name (or, without one, whose matchers) ends at index {@code at}. */
    private static int selector(List<Token> tokens, int at, String metric, Deque<String> calls, List<Selector> out) {
        int i = at;
        List<LabelMatcher> matchers = List.of();
        if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.MATCHERS) {
            matchers = matchers(tokens.get(++i).text());
        }
        String range = null;
        if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.RANGE) {
            range = tokens.get(++i).text().trim();
        }
        out.add(new Selector(metric, matchers, range, calls.isEmpty() ? "" : calls.peek()));
        return i;
    }

    private static int closingParen(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.OPEN) {
                depth++;
            } else if (tokens.get(i).kind() == Kind.CLOSE && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced label list");
    }

    static List<LabelMatcher> matchers(String block) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher m = MATCHER.matcher(block);
        int end = 0;
        while (m.find() && m.start() == end) {
            matchers.add(new LabelMatcher(m.group(1), m.group(2), unquote(m.group(3))));
            end = m.end();
        }
        if (!block.substring(end).isBlank()) {
            throw new IllegalArgumentException("cannot read label matchers {" + block + "}");
        }
        return matchers;
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<Token> tokenize(String expr) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                // A comment runs to the end of the line.
                int end = expr.indexOf('\n', i);
                i = end < 0 ? expr.length() : end;
            } else if (c == '$') {
                // A Grafana variable ($name, ${name}, ${name:format}) stands for a value, never for a metric.
                int end = i + 1;
                if (end < expr.length() && expr.charAt(end) == '{') {
                    end = closing(expr, end, '{', '}') + 1;
                } else {
                    while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_')) {
                        end++;
                    }
                }
                tokens.add(new Token(Kind.OTHER, expr.substring(i, end)));
                i = end;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = endOfString(expr, i);
                tokens.add(new Token(Kind.STRING, expr.substring(i, end)));
                i = end;
            } else if (c == '{') {
                int end = closing(expr, i, '{', '}');
                tokens.add(new Token(Kind.MATCHERS, expr.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '[') {
                int end = closing(expr, i, '[', ']');
                tokens.add(new Token(Kind.RANGE, expr.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")"));
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end))
                        || expr.charAt(end) == '_' || expr.charAt(end) == ':')) {
                    end++;
                }
                tokens.add(new Token(Kind.IDENT, expr.substring(i, end)));
                i = end;
            } else if (Character.isDigit(c) || c == '.') {
                // Durations such as 5m are one token, so their unit is not mistaken for a metric.
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, expr.substring(i, end)));
                i = end;
            } else {
                tokens.add(new Token(Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static int endOfString(String expr, int start) {
        char quote = expr.charAt(start);
        for (int i = start + 1; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string in " + expr);
    }

    private static int closing(String expr, int start, char open, char close) {
        for (int i = start + 1; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expr, i) - 1;
            } else if (c == close) {
                return i;
            } else if (c == open) {
                throw new IllegalArgumentException("nested '" + open + "' in " + expr);
            }
        }
        throw new IllegalArgumentException("no closing '" + close + "' in " + expr);
    }
}
