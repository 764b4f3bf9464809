package uk.hallmonitor.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.PlatformWebhooks;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.web.Problems;

/**
 * {@code /api/v1/webhooks/{platform}/{accountId}}: where Meta delivers a Facebook Page's or an Instagram account's
 * new comments as they happen. Public (Meta cannot log in), so every delivery must carry a valid
 * {@code X-Hub-Signature-256}; bodies are bounded; what it carries is stored exactly as a poll's batch is, so a post
 * that arrives both ways is stored once. Polling carries on as the safety net.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class PlatformWebhooksController {

    /** Meta's deliveries are a few kilobytes; anything this large is not one. */
    static final int MAX_BODY = 256 * 1024;
    /** Past this, the connection is cut rather than read to the end. */
    static final int DRAIN_LIMIT = 8 * MAX_BODY;

    private final Map<Platform, PlatformWebhooks> byPlatform = new EnumMap<>(Platform.class);
    private final AccountRegister register;
    private final PostStore posts;
    private final Clock clock;

    PlatformWebhooksController(List<PlatformWebhooks> webhooks, AccountRegister register, PostStore posts,
                               Clock clock) {
        webhooks.forEach(reader -> reader.platforms().forEach(platform -> byPlatform.put(platform, reader)));
        this.register = register;
        this.posts = posts;
        this.clock = clock;
    }

    /** What a delivery changed. */
    record Received(int posts, int stored) {
    }

    @Operation(summary = "Meta's webhook subscription handshake (public)", description = "Echoes hub.challenge when "
            + "hub.mode is subscribe and hub.verify_token is the account's webhookVerifyToken from the vault; 403 "
            + "otherwise. platform is facebook or instagram.")
    @SecurityRequirements
    @GetMapping(value = "/{platform}/{accountId}", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<String> verify(@PathVariable String platform, @PathVariable String accountId,
                        @RequestParam(name = "hub.mode", required = false) String mode,
                        @RequestParam(name = "hub.verify_token", required = false) String verifyToken,
                        @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return account(platform, accountId).flatMap(found -> found.reader().challenge(found.source(), mode,
                verifyToken, challenge))
                .switchIfEmpty(Mono.error(() -> Problems.forbidden("hub.verify_token does not match the account's "
                        + "webhookVerifyToken, or hub.mode is not 'subscribe'")));
    }

    @Operation(summary = "A Meta webhook delivery (public, signed)", description = "The body must be signed: "
            + "X-Hub-Signature-256 = sha256=HMAC-SHA256(body, the account's appSecret); 403 when missing or wrong, "
            + "413 over 256 KiB. New and edited comments and visitor posts are stored as polling stores them; a post "
            + "already stored is not stored again. Answers {posts, stored}.")
    @SecurityRequirements
    @PostMapping("/{platform}/{accountId}")
    Mono<Received> deliver(@PathVariable String platform, @PathVariable String accountId,
                           @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                           @org.springframework.web.bind.annotation.RequestBody(required = false) Flux<DataBuffer> body) {
        Mono<byte[]> bytes = body == null ? Mono.just(new byte[0]) : bounded(body);
        return account(platform, accountId).flatMap(found -> bytes.flatMap(raw -> found.reader()
                .read(found.source(), raw, signature)
                .onErrorMap(ConnectorException.class, PlatformWebhooksController::problem)
                .flatMap(fetched -> {
                    BatchCheck checked = BatchCheck.of(new Batch(fetched, Cursor.START, 0, List.of(), null),
                            found.source(), clock.instant());
                    return Flux.fromIterable(checked.posts())
                            .concatMap(post -> posts.store(found.source(), post))
                            .filter(stored -> stored.outcome() != PostStore.Outcome.UNCHANGED)
                            .count()
                            .map(changed -> new Received(fetched.size(), changed.intValue()));
                })));
    }

    private record Found(PlatformWebhooks reader, Source source) {
    }

    private Mono<Found> account(String platformName, String accountId) {
        Platform platform;
        try {
            platform = Platform.valueOf(platformName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return Mono.error(Problems.notFound("webhook platform", platformName));
        }
        PlatformWebhooks reader = byPlatform.get(platform);
        if (reader == null) {
            return Mono.error(Problems.notFound("webhook platform", platformName));
        }
        return register.account(accountId)
                .filter(account -> account.platform() == platform && account.monitored()
                        && account.platformAccountId() != null)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("monitored " + platformName + " account",
                        accountId)))
                .map(account -> new Found(reader, source(account)));
    }

    private static Source source(SchoolAccount account) {
        return new Source(account.id(), account.schoolId(), account.platform(), account.platformAccountId(),
                account.handle(), List.of(), account.connection(), Integer.MAX_VALUE);
    }

    private static RuntimeException problem(ConnectorException failure) {
        return switch (failure.kind()) {
            case UNAUTHORIZED -> Problems.forbidden(failure.getMessage());
            case MALFORMED -> Problems.badRequest("body", failure.getMessage());
            default -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Not ready", failure.getMessage(), Map.of());
        };
    }

    /**
     * The body up to {@link #MAX_BODY}; a longer one is read on (not kept) up to {@link #DRAIN_LIMIT} so the sender
     * hears a 413 rather than a reset connection, and cut off beyond that.
     */
    private static Mono<byte[]> bounded(Flux<DataBuffer> body) {
        return body.reduce(new Bounded(), Bounded::add)
                .defaultIfEmpty(new Bounded())
                .flatMap(read -> read.seen > MAX_BODY ? Mono.error(tooLarge()) : Mono.just(read.out.toByteArray()));
    }

    private static RuntimeException tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Too large",
                "a delivery may be at most " + MAX_BODY + " bytes", Map.of());
    }

    /** What a delivery has sent so far. */
    private static final class Bounded {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long seen;

        Bounded add(DataBuffer buffer) {
            try {
                int count = buffer.readableByteCount();
                seen += count;
                if (seen > DRAIN_LIMIT) {
                    throw tooLarge();
                }
                if (seen <= MAX_BODY) {
                    byte[] bytes = new byte[count];
                    buffer.read(bytes);
                    out.write(bytes, 0, count);
                }
                return this;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }
    }
}
