package dev.hafs.exporter.metrics;

/** The exposition formats /metrics serves, each with the Accept value that makes client_java's writer write exactly it. */
public enum ExpositionFormat {
    TEXT("text/plain; version=0.0.4"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0"),
    PROTOBUF("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

    private final String accept;

    ExpositionFormat(String accept) {
        this.accept = accept;
    }

    String accept() {
        return accept;
    }
}
