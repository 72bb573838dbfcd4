package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.Main;
import dev.hafs.exporter.http.security.TestPki;
import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --web.listen-address repeated: one listener each, every one with the same routes, TLS, passwords and
 * limits, and a certificate reload reaches them all. An address that cannot be had stops the start
 * with one line naming it and why, and the command exits 1.
 */
class ListenersTest {
    /** Made with {@code htpasswd -nbBC 10 prometheus scrape-secret}. */
    private static final String HASH = "$2y$10$/NpPkJitlLCJ6AXx8IJqo.47Ntkxr7YeWrNd0JuSb7c1gne8LvOhK";
    private static final String RIGHT = "Basic " + Base64.getEncoder().encodeToString("prometheus:scrape-secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private static int status(HttpClient client, String uri, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Test
    void everyListenerServesTheSameRoutes() {
        String second = ipv6Loopback() ? "[::1]:0" : "127.0.0.1:0";
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.empty(), "127.0.0.1:0", second)) {
            List<String> addresses = server.server().addresses();

            assertThat(addresses).hasSize(2);
            assertThat(addresses.get(0)).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
            assertThat(addresses.get(1)).matches(second.equals("[::1]:0") ? "\\[::1]:[1-9][0-9]*" : "127\\.0\\.0\\.1:[1-9][0-9]*");
            HttpClient client = HttpClient.newHttpClient();
            for (String address : addresses) {
                assertThat(status(client, "http://" + address + "/metrics", "")).as(address).isEqualTo(200);
                assertThat(status(client, "http://" + address + "/-/healthy", "")).as(address).isEqualTo(200);
                assertThat(status(client, "http://" + address + "/nowhere", "")).as(address).isEqualTo(404);
            }
        }
    }

    @Test
    void everyListenerHasTheTlsAndPasswordsAndTakesARotatedCertificate() throws IOException {
        TestPki firstCa = TestPki.create(dir, "first");
        TestPki.Issued first = firstCa.server("first");
        TestPki secondCa = TestPki.create(dir, "second");
        TestPki.Issued second = secondCa.server("second");
        Files.copy(first.certificate(), dir.resolve("server.crt"));
        Files.copy(first.key(), dir.resolve("server.key"));
        Path webConfig = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  prometheus: %s
                """.formatted(HASH));
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.of(webConfig),
                "127.0.0.1:0", "127.0.0.1:0")) {
            HttpClient trustsFirst = HttpClient.newBuilder().sslContext(TestPki.clientContext(firstCa.caCertificate(), Optional.empty())).build();
            List<Integer> ports = server.server().addresses().stream().map(ListenersTest::port).toList();
            assertThat(ports).hasSize(2).doesNotHaveDuplicates();
            for (int port : ports) {
                assertThat(status(trustsFirst, "https://127.0.0.1:" + port + "/metrics", RIGHT)).isEqualTo(200);
                assertThat(status(trustsFirst, "https://127.0.0.1:" + port + "/metrics", "")).isEqualTo(401);
                assertThat(status(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/metrics", RIGHT))
                        .as("plain HTTP").isZero();
            }

            Files.copy(second.certificate(), dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.key(), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            server.server().reloadWebConfig();

            HttpClient trustsSecond = HttpClient.newBuilder().sslContext(TestPki.clientContext(secondCa.caCertificate(), Optional.empty())).build();
            HttpClient newClientTrustingFirst = HttpClient.newBuilder()
                    .sslContext(TestPki.clientContext(firstCa.caCertificate(), Optional.empty())).build();
            for (int port : ports) {
                assertThat(status(trustsSecond, "https://127.0.0.1:" + port + "/metrics", RIGHT)).as("rotated on " + port).isEqualTo(200);
                assertThat(status(newClientTrustingFirst, "https://127.0.0.1:" + port + "/metrics", RIGHT)).isZero();
            }
        }
    }

    @Test
    void anAddressInUseStopsTheStartWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.empty(), "127.0.0.1:0", address))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("--web.listen-address " + address + ": cannot listen: Address already in use");
            assertThatThrownBy(() -> ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.empty(), "192.0.2.1:0"))
                    .as("not an address of this host")
                    .hasMessage("--web.listen-address 192.0.2.1:0: cannot listen: Cannot assign requested address");
        }
    }

    @Test
    @Tag("slow")
    void theCommandExitsWithOneAndOneLineWhenItsPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--training.dir=" + dir, "--web.listen-address=" + address);

            ExternalTool.Result result = ExternalTool.runProcess(command, null);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output().strip())
                    .isEqualTo("hafs-training-exporter: error: --web.listen-address " + address + ": cannot listen: Address already in use");
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
