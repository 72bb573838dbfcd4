package dev.hafs.exporter.http.security;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.function.Supplier;

/**
 * Runs before every route (metrics, landing page, probes, and the 404 and 405 answers alike): adds
 * http_server_config.headers, then lets the request through only with a configured user's password.
 * As in the toolkit, the headers go on the 401 too.
 */
final class SecurityFilter implements Filter {
    static final String CHALLENGE = "Basic realm=\"hafs-training-exporter\", charset=\"UTF-8\"";

    private final Supplier<ActiveWebConfig> current;

    SecurityFilter(Supplier<ActiveWebConfig> current) {
        this.current = current;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        ActiveWebConfig config = current.get();
        config.headers().forEach(response::header);
        BasicAuthenticator authenticator = config.authenticator();
        if (authenticator.enabled() && !authenticator.authenticates(request.headers().first(HeaderNames.AUTHORIZATION))) {
            response.status(Status.UNAUTHORIZED_401)
                    .header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE)
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send("401 unauthorized\n");
            return;
        }
        chain.proceed();
    }
}
