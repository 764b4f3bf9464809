package uk.hallmonitor.system.security;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Wires OpenID Connect sign-in into the filter chain: the authorization-code flow for each configured provider, ID
 * tokens checked against the service's clock, the staff match of {@link OidcStaffUsers}, and refusals sent back to
 * the login page with a reason code it explains. {@code /oauth2/authorization/<id>?reauth} forces a fresh sign-in
 * ({@code prompt=login}, {@code max_age=0}) for the step-up of {@link StepUp}; Google is asked for the hosted domain.
 */
final class OidcSignIn {

    private OidcSignIn() {
    }

    static void configure(ServerHttpSecurity http, OidcProviders providers, OidcStaffUsers users,
                          ClientAddresses addresses, OidcProperties properties, Clock clock) {
        var decoders = new ReactiveOidcIdTokenDecoderFactory();
        decoders.setJwtValidatorFactory(registration -> {
            OidcIdTokenValidator idToken = new OidcIdTokenValidator(registration);
            idToken.setClock(clock);
            JwtTimestampValidator times = new JwtTimestampValidator();
            times.setClock(clock);
            return new DelegatingOAuth2TokenValidator<>(times, idToken);
        });
        var manager = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(), users);
        manager.setJwtDecoderFactory(decoders);
        String hostedDomain = properties.google().configured() ? properties.google().hostedDomain().trim() : null;
        http.oauth2Login(login -> login
                .clientRegistrationRepository(providers)
                .authorizedClientRepository(new WebSessionServerOAuth2AuthorizedClientRepository())
                .authenticationManager(manager)
                .authorizationRequestResolver(requests(new DefaultServerOAuth2AuthorizationRequestResolver(providers),
                        hostedDomain))
                .authenticationFailureHandler((webExchange, ex) -> redirect(webExchange.getExchange(),
                        "/login?error=oidc&reason=" + reason(ex))))
                .addFilterBefore(unavailable(providers), SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterAt(forwardedScheme(addresses), SecurityWebFiltersOrder.FIRST);
    }

    private static String reason(Exception ex) {
        String code = ex instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "failed";
        return code == null || !code.matches("[a-z_-]{1,40}") ? "failed" : code;
    }

    /** Adds {@code hd} for Google and, for {@code ?reauth}, asks the provider to authenticate the person afresh. */
    private static ServerOAuth2AuthorizationRequestResolver requests(ServerOAuth2AuthorizationRequestResolver defaults,
                                                                     String hostedDomain) {
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return defaults.resolve(exchange).map(request -> customise(exchange, request));
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String registrationId) {
                return defaults.resolve(exchange, registrationId).map(request -> customise(exchange, request));
            }

            private OAuth2AuthorizationRequest customise(ServerWebExchange exchange,
                                                         OAuth2AuthorizationRequest request) {
                Map<String, Object> parameters = new HashMap<>(request.getAdditionalParameters());
                Object registration = request.getAttributes().get("registration_id");
                if ("google".equals(registration) && hostedDomain != null) {
                    parameters.put("hd", hostedDomain);
                }
                if (exchange.getRequest().getQueryParams().containsKey("reauth")) {
                    parameters.put("prompt", "login");
                    parameters.put("max_age", "0");
                }
                return OAuth2AuthorizationRequest.from(request).additionalParameters(parameters).build();
            }
        };
    }

    /** A configured provider that cannot be reached now sends the browser back to the login page, which says so. */
    private static WebFilter unavailable(OidcProviders providers) {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            if (!path.startsWith("/oauth2/authorization/")) {
                return chain.filter(exchange);
            }
            String id = path.substring("/oauth2/authorization/".length());
            if (!providers.configured(id)) {
                return redirect(exchange, "/login?error=oidc&reason=unknown-provider");
            }
            return providers.findByRegistrationId(id).map(found -> true).defaultIfEmpty(false)
                    .flatMap(found -> found ? chain.filter(exchange)
                            : redirect(exchange, "/login?error=oidc&reason=" + OidcClaims.UNAVAILABLE));
        };
    }

    /**
     * Behind the trusted TLS-terminating proxy the service itself is reached over plain HTTP; the redirect URI sent
     * to the provider (and compared on the way back) must be the https one the browser uses.
     */
    private static WebFilter forwardedScheme(ClientAddresses addresses) {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            boolean oidc = path.startsWith("/oauth2/") || path.startsWith("/login/oauth2/");
            if (!oidc || !"http".equals(exchange.getRequest().getURI().getScheme()) || !addresses.secure(exchange)) {
                return chain.filter(exchange);
            }
            URI https = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).scheme("https")
                    .port(exchange.getRequest().getURI().getPort() == 80 ? -1
                            : exchange.getRequest().getURI().getPort())
                    .build(true).toUri();
            return chain.filter(exchange.mutate().request(request -> request.uri(https)).build());
        };
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(URI.create(location));
        return exchange.getResponse().setComplete();
    }
}
