package dev.hafs.exporter.http.security;

import java.util.Map;
import java.util.Optional;

/**
 * What a --web.config.file says once checked: the Prometheus exporter-toolkit web configuration
 * (tls_server_config, basic_auth_users, http_server_config.headers). No TLS section means plain HTTP,
 * no users means no authentication.
 */
public record WebConfig(Optional<TlsServerConfig> tls, Map<String, String> basicAuthUsers, Map<String, String> headers) {
    public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of(), Map.of());

    public WebConfig {
        basicAuthUsers = Map.copyOf(basicAuthUsers);
        headers = Map.copyOf(headers);
    }
}
