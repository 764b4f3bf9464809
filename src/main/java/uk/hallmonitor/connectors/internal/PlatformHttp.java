package uk.hallmonitor.connectors.internal;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.outbound.OutboundRefused;

/**
 * The one way connectors call a platform: non-blocking, with connect and response timeouts, a cap on the body that
 * stops reading as soon as it is passed, retries with exponential backoff and jitter for 5xx and timeouts, and
 * every failure turned into a {@link ConnectorException} whose kind tells the poller what to do. Every request,
 * redirects included, passes the {@link OutboundPolicy} at connect time: a platform address that resolves to an
 * internal one is refused before the request, and its token, is written.
 */
public final class PlatformHttp implements AutoCloseable {

    /** Parameters as a query string or form body, percent-encoded, with a space as {@code %20} rather than '+'. */
    public static String form(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        return query.toString();
    }

    /** Used when a platform says 429 but not for how long. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(1);
    /** Error bodies are read up to this size; a longer one is treated as empty. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private final ConnectionProvider pool;
    private final WebClient client;
    private final Duration responseTimeout;
    private final int maxBytes;
    private final Retry retry;
    private final OutboundPolicy outbound;

    public PlatformHttp(ConnectorProperties properties, OutboundPolicy outbound) {
        // Polls wait for a free connection rather than fail: the pool bounds load on platforms, not the poll count.
        ConnectionProvider pool = ConnectionProvider.builder("hallmonitor-connectors")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(properties.responseTimeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.pool = pool;
        HttpClient netty = outbound.guardFollowingRedirects(HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout()));
        this.outbound = outbound;
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(netty)).build();
        this.responseTimeout = properties.responseTimeout();
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.maxResponseSize().toBytes());
        this.retry = Retry.backoff(Math.max(0, properties.maxAttempts() - 1), properties.firstBackoff())
                .maxBackoff(properties.maxBackoff())
                .jitter(0.5)
                .filter(failure -> failure instanceof ConnectorException c && c.kind() == Kind.TRANSIENT)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Closes the pooled connections; Spring calls this when the application stops. */
    @Override
    public void close() {
        pool.dispose();
    }

    /** A successful answer: status 2xx or 304, headers, and a body no larger than the cap. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {

        public boolean notModified() {
            return status == 304;
        }

        /**
         * How long to wait before the next call when the platform says this window is used up
         * ({@code x-rate-limit-remaining: 0} on X, {@code ratelimit-remaining} on Bluesky, Mastodon's variant),
         * or {@code null} while calls remain.
         */
        public Duration exhaustedWindow(Clock clock) {
            String remaining = first(headers, "x-rate-limit-remaining", "ratelimit-remaining", "x-ratelimit-remaining");
            if (remaining == null || !remaining.trim().equals("0")) {
                return null;
            }
            Duration wait = untilReset(headers, clock);
            return wait != null ? wait : DEFAULT_RATE_LIMIT_WAIT;
        }
    }

    public Mono<Reply> get(URI uri, Map<String, String> headers, Clock clock) {
        return exchange(HttpMethod.GET, uri, headers, null, clock);
    }

    /** Sends a request; {@code jsonBody} may be {@code null}. */
    public Mono<Reply> exchange(HttpMethod method, URI uri, Map<String, String> headers, byte[] jsonBody,
                                Clock clock) {
        return exchange(method, uri, headers, jsonBody == null ? null : MediaType.APPLICATION_JSON, jsonBody, null,
                clock);
    }

    /**
     * Reads a platform's own error body (the Graph API and Google put the reason there, not in the status) and
     * turns it into a failure; {@code null} falls back to the mapping by status.
     */
    @FunctionalInterface
    public interface ErrorBody {
        ConnectorException read(int status, HttpHeaders headers, byte[] body, String what);
    }

    /**
     * Sends a request with a body of any type ({@code body} may be {@code null}); error answers are read, up to
     * {@link #MAX_ERROR_BODY} bytes, and given to {@code errors} when it is not {@code null}.
     */
    public Mono<Reply> exchange(HttpMethod method, URI uri, Map<String, String> headers, MediaType contentType,
                                byte[] body, ErrorBody errors, Clock clock) {
        String what = method.name() + " " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath();
        Mono<Reply> once = Mono.defer(() -> {
            // an address literal or plain http is not resolved, so the policy is applied to the URL itself here
            var refused = outbound.refusal(uri.toString());
            if (refused.isPresent()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "request to " + uri.getHost() + " refused: " + refused.get(), null));
            }
            WebClient.RequestBodySpec spec = client.method(method).uri(uri).headers(h -> headers.forEach(h::set));
            WebClient.RequestHeadersSpec<?> ready = body == null ? spec
                    : spec.contentType(contentType).bodyValue(body);
            return ready.exchangeToMono(response -> read(response, what, errors, clock));
        }).timeout(responseTimeout).onErrorMap(failure -> !(failure instanceof ConnectorException),
                failure -> classify(failure, what));
        return once.retryWhen(retry);
    }

    private Mono<Reply> read(ClientResponse response, String what, ErrorBody errors, Clock clock) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        if (status == 304) {
            return response.releaseBody().thenReturn(new Reply(status, headers, new byte[0]));
        }
        if ((status < 200 || status > 299) && errors != null) {
            return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_ERROR_BODY)
                    .map(PlatformHttp::bytes)
                    .defaultIfEmpty(new byte[0])
                    .onErrorResume(DataBufferLimitException.class, e -> Mono.just(new byte[0]))
                    .flatMap(body -> {
                        ConnectorException read = errors.read(status, headers, body, what);
                        return Mono.error(read != null ? read : failure(status, headers, what, clock));
                    });
        }
        if (status < 200 || status > 299) {
            return response.releaseBody().then(Mono.error(failure(status, headers, what, clock)));
        }
        OptionalLong declared = response.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            return response.releaseBody().then(Mono.error(tooLarge(what)));
        }
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes)
                .map(PlatformHttp::bytes)
                .defaultIfEmpty(new byte[0])
                .map(body -> new Reply(status, headers, body))
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(what));
    }

    private ConnectorException tooLarge(String what) {
        return new ConnectorException(Kind.MALFORMED,
                what + " answered with more than " + maxBytes + " bytes; refused", null);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    static ConnectorException failure(int status, HttpHeaders headers, String what, Clock clock) {
        if (status == 429) {
            Duration wait = untilReset(headers, clock);
            return new ConnectorException(Kind.RATE_LIMITED, what + " answered 429: rate limited",
                    wait != null ? wait : DEFAULT_RATE_LIMIT_WAIT);
        }
        if (status == 401 || status == 403) {
            return new ConnectorException(Kind.UNAUTHORIZED,
                    what + " answered " + status + ": the credentials are missing, expired or revoked", null);
        }
        if (status >= 500) {
            return new ConnectorException(Kind.TRANSIENT, what + " answered " + status, null);
        }
        if (status == 404 || status == 410) {
            return ConnectorException.notFound(what + " answered " + status + ": not found; check the connection"
                    + " settings");
        }
        return new ConnectorException(Kind.MISCONFIGURED, what + " answered " + status
                + ": check the connection settings", null);
    }

    private static ConnectorException classify(Throwable failure, String what) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundRefused refused) {
                return new ConnectorException(Kind.MISCONFIGURED, refused.getMessage(), null);
            }
        }
        if (failure instanceof TimeoutException) {
            return new ConnectorException(Kind.TRANSIENT, what + " did not answer in time", null);
        }
        String reason = failure.getClass().getSimpleName()
                + (failure.getCause() != null ? " (" + failure.getCause().getClass().getSimpleName() + ")" : "");
        return new ConnectorException(Kind.TRANSIENT, what + " failed: " + reason, null);
    }

    /**
     * The wait a platform asked for: {@code Retry-After} (seconds or an HTTP date), else the window reset
     * ({@code x-rate-limit-reset} epoch seconds on X, {@code ratelimit-reset} on Bluesky, an ISO instant on Mastodon).
     */
    static Duration untilReset(HttpHeaders headers, Clock clock) {
        Instant now = clock.instant();
        String retryAfter = headers.getFirst("Retry-After");
        if (retryAfter != null) {
            Duration wait = parseWait(retryAfter.trim(), now, true);
            if (wait != null) {
                return wait;
            }
        }
        String reset = first(headers, "x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset");
        return reset == null ? null : parseWait(reset.trim(), now, false);
    }

    private static Duration parseWait(String value, Instant now, boolean secondsAreDelay) {
        try {
            if (value.matches("\\d{1,12}")) {
                long number = Long.parseLong(value);
                Instant until = secondsAreDelay ? now.plusSeconds(number) : Instant.ofEpochSecond(number);
                return nonNegative(Duration.between(now, until));
            }
            if (value.matches("\\d{4}-.*")) {
                return nonNegative(Duration.between(now, Instant.parse(value)));
            }
            return nonNegative(Duration.between(now,
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static Duration nonNegative(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static String first(HttpHeaders headers, String... names) {
        for (String name : names) {
            String value = headers.getFirst(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
