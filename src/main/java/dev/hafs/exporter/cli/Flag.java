package dev.hafs.exporter.cli;

import java.util.Optional;

/**
 * A command-line flag: {@code --name=value} or {@code --name value}, or a switch without value. A
 * repeatable flag may be given several times (like --web.listen-address in the official exporters).
 */
public record Flag(String name, String help, Optional<String> defaultValue, Optional<String> environmentVariable,
        boolean takesValue, boolean repeatable) {

    public static Flag value(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true, false);
    }

    public static Flag repeatable(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true, true);
    }

    public static Flag valueWithEnvironment(String name, String defaultValue, String environmentVariable, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.of(environmentVariable), true, false);
    }

    public static Flag toggle(String name, String help) {
        return new Flag(name, help, Optional.empty(), Optional.empty(), false, false);
    }
}
