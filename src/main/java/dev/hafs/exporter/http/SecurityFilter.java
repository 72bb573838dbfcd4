package dev.hafs.exporter.http;

import dev.hafs.exporter.http.security.WebSecurity;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Runs before every route (metrics, landing page, probes, and the 404 and 405 answers alike): adds
 * http_server_config.headers, then lets the request through only with a configured user's password.
 * As in the toolkit, the headers go on the 401 too. When too many password checks already wait for
 * bcrypt, the answer is 503: a 401 would tell a scraper with the right password that it is wrong.
 */
final class SecurityFilter implements Filter {
    static final String CHALLENGE = "Basic realm=\"hafs-training-exporter\", charset=\"UTF-8\"";

    private final WebSecurity security;

    SecurityFilter(WebSecurity security) {
        this.security = security;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        WebSecurity.Admission admission = security.admit(request.headers().first(HeaderNames.AUTHORIZATION));
        admission.headers().forEach(response::header);
        switch (admission.verdict()) {
            case ACCEPTED -> chain.proceed();
            case REFUSED -> Answers.plain(request, response.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE),
                    Status.UNAUTHORIZED_401, "401 unauthorized\n");
            case BUSY -> Answers.plain(request, response.header(HeaderNames.RETRY_AFTER, "1"),
                    Status.SERVICE_UNAVAILABLE_503, "503 service unavailable: too many password checks at once\n");
        }
    }
}
