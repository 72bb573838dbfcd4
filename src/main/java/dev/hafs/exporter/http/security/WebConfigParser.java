package dev.hafs.exporter.http.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the exporter-toolkit web configuration strictly: a key this exporter does not know, a value of
 * the wrong type or outside its choices, or a password that is not a bcrypt hash is an error naming
 * that key, because a typo in a security setting must not silently leave the exporter open.
 */
public final class WebConfigParser {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP_KEYS = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_ca_file", "client_auth_type",
            "min_version", "max_version", "cipher_suites", "curve_preferences", "prefer_server_cipher_suites");
    private static final Set<String> HTTP_KEYS = Set.of("headers", "http2");
    /** Keys of the toolkit format that this exporter does not implement: named as such, not as typos. */
    private static final Set<String> UNSUPPORTED_KEYS = Set.of("rate_limit", "tls_server_config.cert",
            "tls_server_config.key", "tls_server_config.client_ca", "tls_server_config.client_allowed_sans");

    /** The toolkit's list: only security headers, some with fixed values, the same across the ecosystem. */
    private static final Map<String, List<String>> ALLOWED_HEADERS = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    private static final Map<String, String> CURVES = Map.of(
            "CurveP256", "secp256r1",
            "CurveP384", "secp384r1",
            "CurveP521", "secp521r1",
            "X25519", "x25519");

    private WebConfigParser() {
    }

    /** {@code directory} is where the file lives: relative certificate paths are resolved against it. */
    public static WebConfig parse(byte[] yaml, Path directory) throws WebConfigException {
        JsonNode root = readTree(yaml);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return WebConfig.NONE;
        }
        requireMapping(root, "the top level");
        checkKeys(root, "", TOP_KEYS);
        Optional<TlsServerConfig> tls = tls(root.path("tls_server_config"), directory);
        Map<String, String> users = users(root.path("basic_auth_users"));
        Map<String, String> headers = headers(root.path("http_server_config"));
        return new WebConfig(tls, users, headers);
    }

    private static JsonNode readTree(byte[] yaml) throws WebConfigException {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new WebConfigException("not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new WebConfigException("not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static Optional<TlsServerConfig> tls(JsonNode tls, Path directory) throws WebConfigException {
        if (absent(tls) || tls.isObject() && tls.isEmpty()) {
            return Optional.empty();
        }
        requireMapping(tls, "tls_server_config");
        checkKeys(tls, "tls_server_config.", TLS_KEYS);
        Path cert = path(tls, "cert_file", directory)
                .orElseThrow(() -> new WebConfigException("tls_server_config.cert_file is missing"));
        Path key = path(tls, "key_file", directory)
                .orElseThrow(() -> new WebConfigException("tls_server_config.key_file is missing"));
        Optional<Path> clientCa = path(tls, "client_ca_file", directory);

        String authName = string(tls, "client_auth_type").orElse("NoClientCert");
        ClientAuthType clientAuth = ClientAuthType.byConfigName(authName).orElseThrow(() -> new WebConfigException(
                "tls_server_config.client_auth_type: \"" + authName + "\" is not one of " + ClientAuthType.configNames()));
        if (clientAuth.verifiesCertificate() && clientCa.isEmpty()) {
            throw new WebConfigException("tls_server_config.client_auth_type " + clientAuth.configName()
                    + " needs client_ca_file, the CA certificates that client certificates must chain to");
        }
        if (clientAuth == ClientAuthType.NO_CLIENT_CERT && clientCa.isPresent()) {
            throw new WebConfigException("tls_server_config.client_ca_file is set but client_auth_type is NoClientCert;"
                    + " set client_auth_type to RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
        }

        TlsVersion min = version(tls, "min_version", TlsVersion.TLS12);
        TlsVersion max = version(tls, "max_version", TlsVersion.TLS13);
        if (min.compareTo(max) > 0) {
            throw new WebConfigException("tls_server_config.min_version " + min + " is above max_version " + max);
        }
        List<String> curves = new ArrayList<>();
        for (String curve : strings(tls, "curve_preferences")) {
            String group = CURVES.get(curve);
            if (group == null) {
                throw new WebConfigException("tls_server_config.curve_preferences: unknown curve \"" + curve
                        + "\", known: " + String.join(", ", CURVES.keySet().stream().sorted().toList()));
            }
            curves.add(group);
        }
        boolean preferServer = bool(tls, "tls_server_config.prefer_server_cipher_suites", true);
        return Optional.of(new TlsServerConfig(cert, key, clientCa, clientAuth, min, max,
                strings(tls, "cipher_suites"), curves, preferServer));
    }

    private static Map<String, String> users(JsonNode users) throws WebConfigException {
        if (absent(users)) {
            return Map.of();
        }
        requireMapping(users, "basic_auth_users");
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> user : users.properties()) {
            String name = user.getKey();
            String key = "basic_auth_users." + name;
            if (name.contains(":")) {
                throw new WebConfigException(key + ": a user name cannot contain ':' in HTTP basic authentication");
            }
            if (!user.getValue().isTextual()) {
                throw new WebConfigException(key + " must be a bcrypt hash string");
            }
            String hash = user.getValue().asText();
            checkBcrypt(key, name, hash);
            hashes.put(name, hash);
        }
        return hashes;
    }

    private static void checkBcrypt(String key, String user, String hash) throws WebConfigException {
        String howTo = " (make one with: htpasswd -nBC 10 " + user + ")";
        try {
            BCrypt.HashData data = BCrypt.Version.VERSION_2Y.parser.parse(hash.getBytes(StandardCharsets.UTF_8));
            if (data.cost < BCrypt.MIN_COST || data.cost > BCrypt.MAX_COST) {
                throw new WebConfigException(key + ": bcrypt cost " + data.cost + " is outside " + BCrypt.MIN_COST
                        + "-" + BCrypt.MAX_COST + howTo);
            }
        } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
            // The hash itself is never repeated: it is as good as a password to an offline attacker.
            throw new WebConfigException(key + ": not a bcrypt hash" + howTo);
        }
    }

    private static Map<String, String> headers(JsonNode http) throws WebConfigException {
        if (absent(http)) {
            return Map.of();
        }
        requireMapping(http, "http_server_config");
        checkKeys(http, "http_server_config.", HTTP_KEYS);
        // HTTP/2 is accepted as a setting but this exporter only speaks HTTP/1.1, which every scraper does.
        bool(http, "http_server_config.http2", true);
        JsonNode headers = http.path("headers");
        if (absent(headers)) {
            return Map.of();
        }
        requireMapping(headers, "http_server_config.headers");
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey();
            List<String> allowedValues = ALLOWED_HEADERS.get(name);
            if (allowedValues == null) {
                throw new WebConfigException("http_server_config.headers: \"" + name + "\" cannot be configured; allowed: "
                        + String.join(", ", ALLOWED_HEADERS.keySet().stream().sorted().toList()));
            }
            if (!header.getValue().isTextual()) {
                throw new WebConfigException("http_server_config.headers." + name + " must be a string");
            }
            String value = header.getValue().asText();
            if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
                throw new WebConfigException("http_server_config.headers." + name + ": \"" + value + "\" is not one of "
                        + String.join(", ", allowedValues));
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new WebConfigException("http_server_config.headers." + name + " contains a control character");
            }
            result.put(name, value);
        }
        return result;
    }

    private static void checkKeys(JsonNode mapping, String prefix, Set<String> known) throws WebConfigException {
        for (String key : (Iterable<String>) mapping::fieldNames) {
            if (UNSUPPORTED_KEYS.contains(prefix + key)) {
                throw new WebConfigException(prefix + key + " is not supported by this exporter"
                        + (prefix.startsWith("tls") ? " (use cert_file, key_file and client_ca_file)" : ""));
            }
            if (!known.contains(key)) {
                throw new WebConfigException((prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ": ")
                        + "unknown key \"" + key + "\"; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static Optional<Path> path(JsonNode mapping, String key, Path directory) throws WebConfigException {
        return string(mapping, key).filter(value -> !value.isEmpty()).map(directory::resolve);
    }

    private static Optional<String> string(JsonNode mapping, String key) throws WebConfigException {
        JsonNode value = mapping.path(key);
        if (absent(value)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new WebConfigException("tls_server_config." + key + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static List<String> strings(JsonNode mapping, String key) throws WebConfigException {
        JsonNode list = mapping.path(key);
        if (absent(list)) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new WebConfigException("tls_server_config." + key + " must be a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new WebConfigException("tls_server_config." + key + " must be a list of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static TlsVersion version(JsonNode tls, String key, TlsVersion fallback) throws WebConfigException {
        Optional<String> name = string(tls, key);
        if (name.isEmpty()) {
            return fallback;
        }
        return TlsVersion.byConfigName(name.get()).orElseThrow(() -> new WebConfigException(
                "tls_server_config." + key + ": \"" + name.get() + "\" is not one of " + TlsVersion.configNames()));
    }

    private static boolean bool(JsonNode mapping, String key, boolean fallback) throws WebConfigException {
        JsonNode value = mapping.path(key.substring(key.indexOf('.') + 1));
        if (absent(value)) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new WebConfigException(key + " must be true or false");
        }
        return value.booleanValue();
    }

    private static void requireMapping(JsonNode node, String what) throws WebConfigException {
        if (!node.isObject()) {
            throw new WebConfigException(what + " must be a mapping of keys to values");
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
