package dev.hafs.exporter.cli;

import java.util.Optional;

/**
 * A command-line flag: {@code --name=value} or {@code --name value}, or a switch without value;
 * a switch may also have a one-letter form ({@code -h} for {@code --help}, as kingpin gives it).
 */
public record Flag(String name, String help, Optional<String> defaultValue, Optional<String> environmentVariable,
        boolean takesValue, Optional<Character> shortName) {

    public static Flag value(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true, Optional.empty());
    }

    public static Flag valueWithEnvironment(String name, String defaultValue, String environmentVariable, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.of(environmentVariable), true, Optional.empty());
    }

    public static Flag toggle(String name, String help) {
        return new Flag(name, help, Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    public Flag withShortName(char letter) {
        return new Flag(name, help, defaultValue, environmentVariable, takesValue, Optional.of(letter));
    }
}
