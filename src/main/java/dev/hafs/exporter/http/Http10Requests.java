package dev.hafs.exporter.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lets Helidon's HTTP/1.1 parser, which refuses HTTP/1.0, answer the clients that still speak it
 * (curl -0, ApacheBench, old health checkers): a connection's first request head, if it is HTTP/1.0,
 * is handed over as HTTP/1.1 with "Connection: close" (1.0 ends the connection after the answer) and
 * a Host header when it had none (1.0 does not need one, 1.1 does). Nothing else is touched.
 */
final class Http10Requests {
    private static final int MAX_HEAD = ExporterHttpServer.MAX_REQUEST_LINE_BYTES + ExporterHttpServer.MAX_HEADER_BYTES;

    private Http10Requests() {
    }

    /** Whether more bytes are needed to tell, or to have the whole HTTP/1.0 head. */
    static boolean needsMore(byte[] bytes) {
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf('\n');
        if (bytes.length >= MAX_HEAD) {
            return false;
        }
        return lineEnd < 0 || isHttp10(head.substring(0, lineEnd)) && !head.contains("\r\n\r\n");
    }

    static byte[] asHttp11(byte[] bytes) {
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        String[] lines = head.substring(0, Math.max(end, 0)).split("\r\n");
        if (end < 0 || !isHttp10(lines[0] + "\r")) {
            return bytes;
        }
        StringBuilder request = new StringBuilder().append(lines[0], 0, lines[0].length() - 1).append("1\r\n");
        boolean host = false;
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, Math.max(lines[i].indexOf(':'), 0)).strip().toLowerCase(Locale.ROOT);
            host |= name.equals("host");
            if (!name.equals("connection")) {
                request.append(lines[i]).append("\r\n");
            }
        }
        request.append(host ? "" : "Host: localhost\r\n").append("Connection: close\r\n\r\n").append(head.substring(end + 4));
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isHttp10(String requestLine) {
        return requestLine.endsWith(" HTTP/1.0\r");
    }
}
