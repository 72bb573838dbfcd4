package dev.hafs.exporter.http.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the exporter-toolkit web configuration strictly: a key this exporter does not know, a value of
 * the wrong type or outside its choices, or a password that is not a bcrypt hash is an error naming
 * that key, because a typo in a security setting must not silently leave the exporter open.
 */
public final class WebConfigParser {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

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

    /** min_version and max_version as the toolkit spells them, in order, and as the JDK names them. */
    private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static final Map<String, String> CURVES = Map.of(
            "CurveP256", "secp256r1",
            "CurveP384", "secp384r1",
            "CurveP521", "secp521r1",
            "X25519", "x25519");

    /** The file as written, bound by Jackson (snake_case keys); nothing in it is checked yet. */
    private record FileYaml(TlsYaml tlsServerConfig, HttpYaml httpServerConfig, Map<String, String> basicAuthUsers) {
    }

    private record TlsYaml(String certFile, String keyFile, String clientCaFile, String clientAuthType,
            String minVersion, String maxVersion, List<String> cipherSuites, List<String> curvePreferences,
            Boolean preferServerCipherSuites) {
        /** As in the toolkit, a section without any setting means plain HTTP. */
        boolean isEmpty() {
            return Stream.of(certFile, keyFile, clientCaFile, clientAuthType, minVersion, maxVersion, cipherSuites,
                    curvePreferences, preferServerCipherSuites).allMatch(Objects::isNull);
        }
    }

    private record HttpYaml(Map<String, String> headers, Boolean http2) {
    }

    private WebConfigParser() {
    }

    /** {@code directory} is where the file lives: relative certificate paths are resolved against it. */
    public static WebConfig parse(byte[] yaml, Path directory) throws WebConfigException {
        FileYaml file = bind(yaml);
        if (file == null) {
            return WebConfig.NONE;
        }
        // HTTP/2 is accepted as a setting but this exporter only speaks HTTP/1.1, which every scraper does.
        Map<String, String> headers = file.httpServerConfig() == null ? null : file.httpServerConfig().headers();
        return new WebConfig(tls(file.tlsServerConfig(), directory), users(orEmpty(file.basicAuthUsers())),
                headers(orEmpty(headers)));
    }

    private static FileYaml bind(byte[] yaml) throws WebConfigException {
        try {
            JsonNode tree = YAML.readTree(yaml);
            return tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, FileYaml.class);
        } catch (UnrecognizedPropertyException e) {
            String key = dotted(e);
            if (UNSUPPORTED_KEYS.contains(key)) {
                throw new WebConfigException(key + " is not supported by this exporter"
                        + (key.startsWith("tls") ? " (use cert_file, key_file and client_ca_file)" : ""));
            }
            String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) + ": " : "";
            throw new WebConfigException(section + "unknown key \"" + e.getPropertyName() + "\"; known: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (MismatchedInputException e) {
            String key = dotted(e);
            Class<?> type = e.getTargetType();
            String expected = type == String.class ? "a string"
                    : type == Boolean.class ? "true or false"
                    : List.class.isAssignableFrom(type) ? "a list of strings" : "a mapping of keys to values";
            throw new WebConfigException((key.isEmpty() ? "the top level" : key) + " must be " + expected);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new WebConfigException("not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new WebConfigException("not valid YAML: " + e.getMessage());
        }
    }

    /** "tls_server_config.cipher_suites[1]": the key as the file spells it. */
    private static String dotted(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() == null) {
                key.append('[').append(step.getIndex()).append(']');
            } else {
                key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
            }
        }
        return key.toString();
    }

    private static Optional<TlsServerConfig> tls(TlsYaml tls, Path directory) throws WebConfigException {
        if (tls == null || tls.isEmpty()) {
            return Optional.empty();
        }
        Path cert = path(tls.certFile(), directory)
                .orElseThrow(() -> new WebConfigException("tls_server_config.cert_file is missing"));
        Path key = path(tls.keyFile(), directory)
                .orElseThrow(() -> new WebConfigException("tls_server_config.key_file is missing"));
        Optional<Path> clientCa = path(tls.clientCaFile(), directory);

        ClientAuthType clientAuth = tls.clientAuthType() == null || tls.clientAuthType().isEmpty()
                ? ClientAuthType.NO_CLIENT_CERT : ClientAuthType.byConfigName(tls.clientAuthType());
        if (clientAuth.verifies && clientCa.isEmpty()) {
            throw new WebConfigException("tls_server_config.client_auth_type " + clientAuth.configName()
                    + " needs client_ca_file, the CA certificates that client certificates must chain to");
        }
        if (clientAuth == ClientAuthType.NO_CLIENT_CERT && clientCa.isPresent()) {
            throw new WebConfigException("tls_server_config.client_ca_file is set but client_auth_type is NoClientCert;"
                    + " set client_auth_type to RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
        }
        int min = version(tls.minVersion(), "min_version", "TLS12");
        int max = version(tls.maxVersion(), "max_version", "TLS13");
        if (min > max) {
            throw new WebConfigException("tls_server_config.min_version " + VERSIONS.get(min) + " is above max_version "
                    + VERSIONS.get(max));
        }
        List<String> curves = new ArrayList<>();
        for (String curve : orEmpty(tls.curvePreferences())) {
            curves.add(Optional.ofNullable(CURVES.get(curve)).orElseThrow(() -> new WebConfigException(
                    "tls_server_config.curve_preferences: unknown curve \"" + curve + "\", known: "
                            + String.join(", ", CURVES.keySet().stream().sorted().toList()))));
        }
        return Optional.of(new TlsServerConfig(cert, key, clientCa, clientAuth, PROTOCOLS.subList(min, max + 1),
                orEmpty(tls.cipherSuites()), curves, tls.preferServerCipherSuites() == null || tls.preferServerCipherSuites()));
    }

    private static Map<String, String> users(Map<String, String> users) throws WebConfigException {
        for (Map.Entry<String, String> user : users.entrySet()) {
            String name = user.getKey();
            String key = "basic_auth_users." + name;
            if (name.contains(":")) {
                throw new WebConfigException(key + ": a user name cannot contain ':' in HTTP basic authentication");
            }
            String howTo = " (make one with: htpasswd -nBC 10 " + name + ")";
            try {
                BCrypt.HashData data = BCrypt.Version.VERSION_2Y.parser.parse(
                        Objects.requireNonNullElse(user.getValue(), "").getBytes(StandardCharsets.UTF_8));
                if (data.cost < BCrypt.MIN_COST || data.cost > BCrypt.MAX_COST) {
                    throw new WebConfigException(key + ": bcrypt cost " + data.cost + " is outside " + BCrypt.MIN_COST
                            + "-" + BCrypt.MAX_COST + howTo);
                }
            } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
                // The hash itself is never repeated: it is as good as a password to an offline attacker.
                throw new WebConfigException(key + ": not a bcrypt hash" + howTo);
            }
        }
        return users;
    }

    private static Map<String, String> headers(Map<String, String> headers) throws WebConfigException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (value == null) {
                throw new WebConfigException("http_server_config.headers." + name + " must be a string");
            }
            List<String> allowedValues = ALLOWED_HEADERS.get(name);
            if (allowedValues == null) {
                throw new WebConfigException("http_server_config.headers: \"" + name + "\" cannot be configured; allowed: "
                        + String.join(", ", ALLOWED_HEADERS.keySet().stream().sorted().toList()));
            }
            if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
                throw new WebConfigException("http_server_config.headers." + name + ": \"" + value + "\" is not one of "
                        + String.join(", ", allowedValues));
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new WebConfigException("http_server_config.headers." + name + " contains a control character");
            }
        }
        return headers;
    }

    private static Optional<Path> path(String value, Path directory) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty()).map(directory::resolve);
    }

    private static int version(String name, String key, String fallback) throws WebConfigException {
        int index = VERSIONS.indexOf(name == null ? fallback : name);
        if (index < 0) {
            throw new WebConfigException("tls_server_config." + key + ": \"" + name + "\" is not one of " + String.join(", ", VERSIONS));
        }
        return index;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
