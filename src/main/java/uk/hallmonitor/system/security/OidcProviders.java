package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The configured sign-in providers ({@code microsoft}, {@code google}), each found through its issuer's discovery
 * document when first needed rather than at start-up: a provider that cannot be reached does not stop the service.
 * A failed discovery is logged, the provider is shown as unavailable, and it is tried again after
 * {@code discovery-retry} (by the next login page or sign-in attempt).
 */
@org.springframework.stereotype.Component
class OidcProviders implements ReactiveClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(5);

    /** A provider as configured, before discovery. */
    record Provider(String id, String label, String issuer, String clientId, String clientSecret) {
    }

    /** What the login page shows of a provider. */
    record Status(String id, String label, boolean available, String problem) {
    }

    private record Failure(Instant at, String problem) {
    }

    private final Map<String, Provider> configured = new LinkedHashMap<>();
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Duration retry;
    private final Clock clock;
    private final WebClient web = WebClient.builder().build();

    OidcProviders(OidcProperties properties, Clock clock) {
        this.retry = properties.discoveryRetry();
        this.clock = clock;
        var microsoft = properties.microsoft();
        if (microsoft.configured()) {
            configured.put("microsoft", new Provider("microsoft", "Microsoft", microsoft.issuerUri(),
                    microsoft.clientId().trim(), microsoft.clientSecret()));
        }
        var google = properties.google();
        if (google.configured()) {
            configured.put("google", new Provider("google", "Google", google.issuerUri(), google.clientId().trim(),
                    google.clientSecret()));
        }
    }

    boolean any() {
        return !configured.isEmpty();
    }

    boolean configured(String registrationId) {
        return configured.containsKey(registrationId);
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        Provider provider = configured.get(registrationId);
        if (provider == null) {
            return Mono.empty();
        }
        ClientRegistration known = discovered.get(registrationId);
        return known != null ? Mono.just(known) : discover(provider);
    }

    /** Each configured provider and whether it can be used now; retries one that failed long enough ago. */
    Mono<List<Status>> statuses() {
        return Flux.fromIterable(new ArrayList<>(configured.values()))
                .concatMap(provider -> {
                    if (discovered.containsKey(provider.id())) {
                        return Mono.just(new Status(provider.id(), provider.label(), true, null));
                    }
                    Failure failure = failures.get(provider.id());
                    if (failure != null && clock.instant().isBefore(failure.at().plus(retry))) {
                        return Mono.just(new Status(provider.id(), provider.label(), false, failure.problem()));
                    }
                    return discover(provider).map(found -> new Status(provider.id(), provider.label(), true, null))
                            .switchIfEmpty(Mono.fromSupplier(() -> new Status(provider.id(), provider.label(), false,
                                    failures.containsKey(provider.id()) ? failures.get(provider.id()).problem()
                                            : null)));
                })
                .collectList();
    }

    /** Reads the issuer's discovery document; empty (and remembered as a failure) when it cannot. */
    private Mono<ClientRegistration> discover(Provider provider) {
        String issuer = provider.issuer().endsWith("/") ? provider.issuer().substring(0, provider.issuer().length() - 1)
                : provider.issuer();
        return web.get().uri(issuer + "/.well-known/openid-configuration").retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .timeout(DISCOVERY_TIMEOUT)
                .map(metadata -> registration(provider, metadata))
                .doOnNext(registration -> {
                    discovered.put(provider.id(), registration);
                    if (failures.remove(provider.id()) != null) {
                        log.info("sign-in with {} is available again", provider.label());
                    }
                })
                .onErrorResume(e -> {
                    String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    failures.put(provider.id(), new Failure(clock.instant(), problem));
                    log.warn("sign-in with {} is unavailable: discovery at {} failed ({}); trying again in {}",
                            provider.label(), issuer, problem, retry);
                    return Mono.empty();
                });
    }

    private static ClientRegistration registration(Provider provider, Map<String, Object> metadata) {
        Object issuer = metadata.get("issuer");
        if (issuer == null || !stripSlash(issuer.toString()).equals(stripSlash(provider.issuer()))) {
            // the ID token's iss is checked against this; a tenant given by name rather than id fails here
            throw new IllegalStateException("the discovery document names issuer " + issuer + ", not "
                    + provider.issuer() + " (for Microsoft, give the directory (tenant) id, not a domain name)");
        }
        return ClientRegistration.withRegistrationId(provider.id())
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .clientName(provider.label())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(issuer.toString())
                .authorizationUri(text(metadata, "authorization_endpoint"))
                .tokenUri(text(metadata, "token_endpoint"))
                .jwkSetUri(text(metadata, "jwks_uri"))
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(metadata)
                .build();
    }

    private static String text(Map<String, Object> metadata, String name) {
        Object value = metadata.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("the discovery document has no " + name);
        }
        return value.toString();
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
