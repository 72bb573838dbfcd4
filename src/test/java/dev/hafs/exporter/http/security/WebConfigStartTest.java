package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.Main;
import dev.hafs.exporter.testing.ExternalTool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A web config file that cannot be used stops the start, with one line naming the problem. */
class WebConfigStartTest {
    @TempDir
    Path dir;

    private String refusal(String yaml) {
        Path webConfig = dir.resolve("web.yml");
        TestPki.write(webConfig, yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> ExporterWithWebConfig.startExporter(dir, webConfig).close());
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        return thrown.getMessage();
    }

    @Test
    void eachProblemIsNamedWithTheFile() {
        String prefix = "--web.config.file " + dir.resolve("web.yml") + ": ";

        assertThat(refusal("basic_auth_users: {prometheus: hunter2}"))
                .isEqualTo(prefix + "basic_auth_users.prometheus: not a bcrypt hash (make one with: htpasswd -nBC 10 prometheus)");
        assertThat(refusal("tls_server_config: {cert_file: server.crt, key_file: server.key}"))
                .isEqualTo(prefix + "tls_server_config.cert_file: " + dir.resolve("server.crt") + " does not exist");
        assertThat(refusal("tls_server_config: {cert_file: web.yml, key_file: web.yml}"))
                .isEqualTo(prefix + "tls_server_config.cert_file: no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        assertThat(refusal("basic_auth_user: {}")).isEqualTo(prefix
                + "unknown key \"basic_auth_user\"; known: basic_auth_users, http_server_config, tls_server_config");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.yml");

        assertThatThrownBy(() -> ExporterWithWebConfig.startExporter(dir, missing).close())
                .hasMessage("--web.config.file " + missing + ": " + missing + " does not exist");
    }

    @Test
    void theCommandExitsWithOneAndPrintsTheProblem() {
        Path webConfig = dir.resolve("web.yml");
        TestPki.write(webConfig, "tls_server_config: {cert_file: a.crt}\n");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0", "--web.config.file=" + webConfig);

        ExternalTool.Result result = ExternalTool.runProcess(command, null);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("hafs-training-exporter: error: --web.config.file " + webConfig
                + ": tls_server_config.key_file is missing\n");
    }
}
