package dev.hafs.exporter.cli;

import java.util.Optional;

/** A command-line flag: {@code --name=value} or {@code --name value}, or a switch without value. */
public record Flag(String name, String help, Optional<String> defaultValue, Optional<String> environmentVariable,
        boolean takesValue) {

    public static Flag value(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true);
    }

    public static Flag valueWithEnvironment(String name, String defaultValue, String environmentVariable, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.of(environmentVariable), true);
    }

    public static Flag toggle(String name, String help) {
        return new Flag(name, help, Optional.empty(), Optional.empty(), false);
    }
}
