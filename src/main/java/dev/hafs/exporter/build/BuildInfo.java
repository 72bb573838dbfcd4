package dev.hafs.exporter.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and git revision Maven wrote into the jar; "unknown" where the build had no git. */
public record BuildInfo(String version, String revision) {
    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": a missing version must not stop the exporter.
        }
        return new BuildInfo(resolved(properties.getProperty("version")), resolved(properties.getProperty("revision")));
    }

    private static String resolved(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
