package dev.hafs.exporter.cli;

import java.util.Optional;

/**
 * A command-line flag: {@code --name=value} or {@code --name value}, a switch without value, or a
 * boolean that is on with {@code --name} and off with {@code --no-name} (kingpin's {@code --[no-]name},
 * as node_exporter's collectors are turned off). A repeatable flag may be given several times (like
 * --web.listen-address in the official exporters); a switch may also have a one-letter form
 * ({@code -h} for {@code --help}, as kingpin gives it).
 */
public record Flag(String name, String help, Optional<String> defaultValue, Optional<String> environmentVariable,
        boolean takesValue, boolean repeatable, Optional<Character> shortName, boolean negatable) {

    public static Flag value(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true, false, Optional.empty(), false);
    }

    public static Flag repeatable(String name, String defaultValue, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.empty(), true, true, Optional.empty(), false);
    }

    public static Flag valueWithEnvironment(String name, String defaultValue, String environmentVariable, String help) {
        return new Flag(name, help, Optional.of(defaultValue), Optional.of(environmentVariable), true, false,
                Optional.empty(), false);
    }

    public static Flag toggle(String name, String help) {
        return new Flag(name, help, Optional.empty(), Optional.empty(), false, false, Optional.empty(), false);
    }

    /** On with {@code --name}, off with {@code --no-name}, {@code defaultValue} when neither is given. */
    public static Flag bool(String name, boolean defaultValue, String help) {
        return new Flag(name, help, Optional.of(Boolean.toString(defaultValue)), Optional.empty(), false, false,
                Optional.empty(), true);
    }

    public Flag withShortName(char letter) {
        return new Flag(name, help, defaultValue, environmentVariable, takesValue, repeatable, Optional.of(letter), negatable);
    }
}
