package dev.hafs.exporter.http;

import dev.hafs.exporter.metrics.ExpositionFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which exposition format and content coding a /metrics request accepts, read from its Accept and
 * Accept-Encoding headers with their q-values (RFC 9110 §12.4, §12.5.1, §12.5.3), so that nothing
 * refused with {@code q=0} is ever sent. Malformed parts are skipped: a bad header never fails a scrape.
 */
final class ScrapeNegotiation {
    enum Coding { GZIP, IDENTITY }

    private static final String PROTOBUF_PROTO = "io.prometheus.client.MetricFamily";

    private record Element(String value, Map<String, String> parameters, double q) {
    }

    private ScrapeNegotiation() {
    }

    /**
     * The most preferred media range that names a format (q, then header order) picks it, as in
     * client_golang; {@code *}{@code /*} and {@code text/*} pick the text format unless it is refused.
     * With nothing acceptable the text format is sent, as client_golang does.
     */
    static ExpositionFormat format(String accept) {
        List<Element> ranges = elements(accept);
        for (Element range : ranges) {
            if (range.q() <= 0) {
                break;
            }
            Optional<ExpositionFormat> named = named(range);
            if (named.isPresent()) {
                return named.get();
            }
            List<ExpositionFormat> matches = switch (range.value()) {
                case "*/*" -> List.of(ExpositionFormat.TEXT, ExpositionFormat.OPENMETRICS, ExpositionFormat.PROTOBUF);
                case "text/*" -> List.of(ExpositionFormat.TEXT);
                case "application/*" -> List.of(ExpositionFormat.OPENMETRICS, ExpositionFormat.PROTOBUF);
                default -> List.of();
            };
            for (ExpositionFormat format : matches) {
                if (ranges.stream().noneMatch(r -> r.q() <= 0 && named(r).equals(Optional.of(format)))) {
                    return format;
                }
            }
        }
        return ExpositionFormat.TEXT;
    }

    /**
     * gzip when it is acceptable and not less preferred than identity; identity otherwise; empty
     * when the request refuses both ({@code identity;q=0} or {@code *;q=0} without gzip). An empty
     * header accepts identity only.
     */
    static Optional<Coding> coding(String acceptEncoding) {
        double gzip = -1;
        double identity = -1;
        double any = -1;
        for (Element coding : elements(acceptEncoding)) {
            switch (coding.value()) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, coding.q());
                case "identity" -> identity = coding.q();
                case "*" -> any = coding.q();
                default -> {
                }
            }
        }
        double gzipQ = gzip >= 0 ? gzip : Math.max(any, 0);
        // Identity is acceptable unless refused, but an unlisted identity is preferred to nothing listed.
        double identityQ = identity >= 0 ? identity : any >= 0 ? any : Double.MIN_VALUE;
        if (gzipQ > 0 && gzipQ >= identityQ) {
            return Optional.of(Coding.GZIP);
        }
        return identityQ > 0 ? Optional.of(Coding.IDENTITY) : Optional.empty();
    }

    private static Optional<ExpositionFormat> named(Element range) {
        return switch (range.value()) {
            case "text/plain" -> Optional.of(ExpositionFormat.TEXT);
            case "application/openmetrics-text" -> Optional.of(ExpositionFormat.OPENMETRICS);
            case "application/vnd.google.protobuf" ->
                    PROTOBUF_PROTO.equals(range.parameters().get("proto")) && "delimited".equals(range.parameters().get("encoding"))
                            ? Optional.of(ExpositionFormat.PROTOBUF) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** A header's comma-separated elements, most preferred first (a stable sort keeps header order among equals). */
    private static List<Element> elements(String header) {
        List<Element> elements = new ArrayList<>();
        for (String part : split(header, ',')) {
            List<String> pieces = split(part, ';');
            String value = pieces.getFirst().trim().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            double q = 1;
            for (String piece : pieces.subList(1, pieces.size())) {
                int equals = piece.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                String parameter = unquote(piece.substring(equals + 1).trim());
                if (name.equals("q")) {
                    q = qValue(parameter, q);
                } else {
                    parameters.put(name, parameter);
                }
            }
            elements.add(new Element(value, parameters, q));
        }
        elements.sort(Comparator.comparingDouble(Element::q).reversed());
        return elements;
    }

    private static double qValue(String text, double otherwise) {
        try {
            double q = Double.parseDouble(text);
            return Double.isNaN(q) ? otherwise : Math.min(1, Math.max(0, q));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Splits on a separator outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                part.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
