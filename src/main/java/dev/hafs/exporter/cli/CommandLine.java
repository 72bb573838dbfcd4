package dev.hafs.exporter.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses flags the way Prometheus exporters take them (kingpin style): {@code --flag=value} or
 * {@code --flag value}, a boolean as {@code --flag} or {@code --no-flag}; a flag beats its
 * environment variable, which beats the default.
 */
public final class CommandLine {
    private final Map<String, Flag> flags = new LinkedHashMap<>();

    public CommandLine(List<Flag> flags) {
        for (Flag flag : flags) {
            this.flags.put(flag.name(), flag);
        }
    }

    public record Parsed(Map<String, List<String>> values, List<String> toggles) {
        public String value(String name) {
            return values(name).getFirst();
        }

        /** Every value of a repeatable flag, in the order given. */
        public List<String> values(String name) {
            List<String> given = values.get(name);
            if (given == null) {
                throw new IllegalArgumentException("no such flag: --" + name);
            }
            return given;
        }

        public boolean toggled(String name) {
            return toggles.contains(name);
        }

        /** A boolean flag ({@link Flag#bool}): given, negated or its default. */
        public boolean enabled(String name) {
            return Boolean.parseBoolean(value(name));
        }
    }

    public Parsed parse(List<String> args, Map<String, String> environment) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> toggles = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Optional<Flag> byShortName = byShortName(arg);
            if (byShortName.isPresent()) {
                toggles.add(byShortName.get().name());
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument \"" + arg + "\", flags look like --name=value (see --help)");
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            Flag flag = flags.get(name);
            boolean negated = flag == null && name.startsWith("no-") && flags.containsKey(name.substring(3))
                    && flags.get(name.substring(3)).negatable();
            if (negated) {
                flag = flags.get(name.substring(3));
            }
            if (flag == null) {
                throw new UsageException("unknown flag --" + name + " (see --help)");
            }
            if (flag.negatable()) {
                if (equals >= 0) {
                    throw new UsageException("flag --" + name + " takes no value (--" + flag.name() + " or --no-" + flag.name() + ")");
                }
                if (values.containsKey(flag.name())) {
                    throw new UsageException("flag --" + flag.name() + " given twice");
                }
                values.put(flag.name(), List.of(Boolean.toString(!negated)));
                continue;
            }
            if (!flag.takesValue()) {
                if (equals >= 0) {
                    throw new UsageException("flag --" + name + " takes no value");
                }
                toggles.add(name);
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("flag --" + name + " needs a value");
            }
            if (values.containsKey(name) && !flag.repeatable()) {
                throw new UsageException("flag --" + name + " given twice");
            }
            values.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
        }
        for (Flag flag : flags.values()) {
            if ((flag.takesValue() || flag.negatable()) && !values.containsKey(flag.name())) {
                Optional<String> fromEnvironment = flag.environmentVariable().map(environment::get)
                        .filter(value -> !value.isEmpty());
                values.put(flag.name(), List.of(fromEnvironment.or(flag::defaultValue).orElseThrow()));
            }
        }
        return new Parsed(values, List.copyOf(toggles));
    }

    /** {@code -h}: a single letter naming a switch. */
    private Optional<Flag> byShortName(String arg) {
        if (arg.length() != 2 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
            return Optional.empty();
        }
        return flags.values().stream()
                .filter(flag -> !flag.takesValue() && flag.shortName().equals(Optional.of(arg.charAt(1))))
                .findFirst();
    }

    public String usage(String program, String summary) {
        StringBuilder text = new StringBuilder("usage: ").append(program).append(" [<flags>]\n\n")
                .append(summary).append("\n\nFlags:\n");
        for (Flag flag : flags.values()) {
            String left = "  " + flag.shortName().map(letter -> "-" + letter + ", ").orElse("")
                    + (flag.negatable() ? "--[no-]" : "--") + flag.name()
                    + (flag.takesValue() ? "=VALUE" : "") + (flag.repeatable() ? " ..." : "");
            text.append(left).append('\n').append("      ").append(flag.help());
            flag.defaultValue().ifPresent(value -> text.append(" (default: ").append(value.isEmpty() ? "\"\"" : value).append(')'));
            flag.environmentVariable().ifPresent(variable -> text.append(" [$").append(variable).append(']'));
            text.append('\n');
        }
        return text.toString();
    }
}
