package dev.hafs.exporter.http.security;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** The whole exporter in this JVM, started with a web config file, and requests to it as real clients make them. */
record ExporterWithWebConfig(HafsTrainingExporter exporter, Path webConfig) implements AutoCloseable {
    /** Short, so a rewritten file is picked up within a fraction of a second (two checks in a row). */
    static final String POLL_INTERVAL = "100ms";

    static ExporterWithWebConfig start(Path dir, String webConfigYaml) {
        Path webConfig = dir.resolve("web.yml");
        TestPki.write(webConfig, webConfigYaml);
        return new ExporterWithWebConfig(startExporter(dir, webConfig), webConfig);
    }

    static HafsTrainingExporter startExporter(Path dir, Path webConfig) {
        return HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir.resolve("training"),
                "--web.listen-address=127.0.0.1:0", "--web.config.file=" + webConfig,
                "--watch.poll-interval=" + POLL_INTERVAL));
    }

    void rewrite(String webConfigYaml) {
        TestPki.write(webConfig, webConfigYaml);
    }

    URI https(String path) {
        return URI.create("https://127.0.0.1:" + exporter.port() + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + exporter.port() + path);
    }

    static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpClient plainClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, URI uri, Optional<String> userAndPassword) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        userAndPassword.ifPresent(credentials -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The status, or 0 when the connection or handshake failed: for waiting until a change shows. */
    static int status(HttpClient client, URI uri, Optional<String> userAndPassword) {
        try {
            return get(client, uri, userAndPassword).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        exporter.close();
    }
}
