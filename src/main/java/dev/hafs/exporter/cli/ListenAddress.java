package dev.hafs.exporter.cli;

/** {@code [host]:port} as exporters take it; an empty host listens on every interface. */
public record ListenAddress(String host, int port) {
    public static ListenAddress parse(String flag, String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("--" + flag + ": \"" + text + "\" is not [host]:port (e.g. :9746 or 127.0.0.1:9746)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + ": the port of \"" + text + "\" is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--" + flag + ": port " + port + " is out of range 0-65535");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    /** The same host with the port a listener actually got (port 0 asks for any free one). */
    public ListenAddress withPort(int boundPort) {
        return new ListenAddress(host, boundPort);
    }

    /** As the flag takes it back: 127.0.0.1:9746, [::1]:9746. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
