package uk.hallmonitor.system.security;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Who may call what. API clients authenticate with HTTP Basic or a personal bearer token on every request (no
 * session, no CSRF token needed); browsers log in with the form and keep a session protected by CSRF tokens and
 * HttpOnly, SameSite cookies (Secure over HTTPS). Role and school checks are made by each module on its records,
 * because most roles hold in one school only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    org.springframework.web.server.session.WebSessionIdResolver webSessionIdResolver(ClientAddresses addresses) {
        return new SessionCookies(addresses);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, PasswordLogin passwordLogin,
                                                  StaffLogins logins, OidcProviders providers,
                                                  OidcStaffUsers oidcUsers, ClientAddresses addresses,
                                                  OidcProperties oidcProperties,
                                                  java.time.Clock clock) {
        ServerAuthenticationEntryPoint problem401 = (exchange, ex) -> problem(exchange, HttpStatus.UNAUTHORIZED,
                "Not logged in", ex instanceof LockedException || ex instanceof DisabledException ? ex.getMessage()
                        : ex instanceof BadCredentialsException ? "wrong username, password or token"
                        : "log in with HTTP Basic, a bearer token or the login form");
        ServerAccessDeniedHandler problem403 = (exchange, ex) -> problem(exchange, HttpStatus.FORBIDDEN,
                "Not allowed", "your role does not allow this");

        AuthenticationWebFilter bearer = new AuthenticationWebFilter(bearerManager(logins));
        bearer.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            return Mono.just(new BearerToken(header.substring(7).trim()));
        });
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problem401));

        if (providers.any()) {
            OidcSignIn.configure(http, providers, oidcUsers, addresses, oidcProperties, clock);
        }
        return http
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .pathMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                        .permitAll()
                        .pathMatchers("/login", "/logout", "/favicon.ico", "/css/**", "/js/**").permitAll()
                        // Meta cannot log in: each delivery proves itself by its X-Hub-Signature-256 instead
                        .pathMatchers(HttpMethod.GET, WEBHOOKS).permitAll()
                        .pathMatchers(HttpMethod.POST, WEBHOOKS).permitAll()
                        .pathMatchers("/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
                        .anyExchange().authenticated())
                .httpBasic(basic -> basic.authenticationManager(passwordLogin)
                        .authenticationEntryPoint(problem401)
                        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
                .formLogin(form -> form.authenticationManager(passwordLogin))
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(endSessionsOfLeavers(logins, clock), SecurityWebFiltersOrder.AUTHORIZATION)
                .addFilterAfter(new ReadOnlyRoles(), SecurityWebFiltersOrder.AUTHORIZATION)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(browserStateChange())
                        .accessDeniedHandler((exchange, ex) -> problem(exchange, HttpStatus.FORBIDDEN, "Not allowed",
                                "this browser request has no valid CSRF token; reload the page and submit the form"
                                        + " again (API clients: send HTTP Basic or a bearer token)"))
                        .csrfTokenRequestHandler(multipartAware()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> wantsHtml(exchange)
                                ? redirectToLogin(exchange) : problem401.commence(exchange, ex))
                        .accessDeniedHandler(problem403))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")))
                .build();
    }

    /** The default (BREACH-safe) token handling, also reading the token of a file upload's multipart form. */
    private static org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler multipartAware() {
        var handler = new org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    /**
     * CSRF applies to browser sessions only: a request that carries its own credentials cannot be forged. It is
     * skipped only for an Authorization header that the Basic or bearer filter will take up, which then either
     * authenticates the request or refuses it with 401; any other header (`Foo bar`, Basic that does not decode to
     * user:password) would leave the session cookie in charge, so the token is required.
     */
    /** Platform webhooks: public, carry no session (so nothing to forge), signed by the platform. */
    static final String[] WEBHOOKS = {"/api/v1/webhooks/facebook/*", "/api/v1/webhooks/instagram/*"};
    private static final org.springframework.web.util.pattern.PathPattern WEBHOOK_PATHS =
            org.springframework.web.util.pattern.PathPatternParser.defaultInstance
                    .parse("/api/v1/webhooks/{platform:facebook|instagram}/*");

    static ServerWebExchangeMatcher browserStateChange() {
        return exchange -> {
            HttpMethod method = exchange.getRequest().getMethod();
            boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                    || method == HttpMethod.TRACE;
            boolean ownCredentials =
                    carriesOwnCredentials(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            return safe || ownCredentials
                    || WEBHOOK_PATHS.matches(exchange.getRequest().getPath().pathWithinApplication())
                            ? ServerWebExchangeMatcher.MatchResult.notMatch()
                            : CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange);
        };
    }

    /** Whether the header is one the authentication filters act on (mirrors their converters). */
    static boolean carriesOwnCredentials(String header) {
        if (header == null) {
            return false;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return true;
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6)),
                        StandardCharsets.UTF_8);
                return decoded.indexOf(':') >= 0;
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    private static ReactiveAuthenticationManager bearerManager(StaffLogins logins) {
        return authentication -> logins.byApiTokenHash(ApiTokens.hash(((BearerToken) authentication).token()))
                .filter(StaffCredentials::active)
                .switchIfEmpty(Mono.error(new BadCredentialsException("unknown or revoked token")))
                .map(login -> new AuthenticatedStaff(login.caller(), SignIn.token()));
    }

    /**
     * A leaver's access ends at once, also for browser sessions opened before they left; a session opened through
     * Microsoft or Google ends when its sign-in expires, so the next request goes back to the provider, which refuses
     * an account disabled in the directory.
     */
    private static WebFilter endSessionsOfLeavers(StaffLogins logins, java.time.Clock clock) {
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(StaffPrincipal::of)
                .flatMap(principal -> {
                    SignIn signIn = principal.signIn();
                    if (signIn != null && signIn.expiresAt() != null && !clock.instant().isBefore(signIn.expiresAt())) {
                        return Mono.just("your sign-in with " + signIn.method().substring("oidc:".length())
                                + " has expired; sign in again");
                    }
                    return logins.byStaffId(principal.caller().staffId())
                            .map(login -> login.active() ? "" : "this account has been closed")
                            .defaultIfEmpty("this account has been closed");
                })
                .defaultIfEmpty("")
                .flatMap(ended -> ended.isEmpty() ? chain.filter(exchange)
                        : exchange.getSession().flatMap(session -> session.invalidate())
                                .then(ended.startsWith("your sign-in") && wantsHtml(exchange)
                                        ? redirectToLogin(exchange)
                                        : problem(exchange, HttpStatus.UNAUTHORIZED, "Not logged in", ended)));
    }

    private static boolean wantsHtml(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return !path.startsWith("/api/") && exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static Mono<Void> redirectToLogin(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(java.net.URI.create("/login"));
        return exchange.getResponse().setComplete();
    }

    static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hallmonitor\"");
        }
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** A bearer token presented on a request, before it is checked. */
    static final class BearerToken extends org.springframework.security.authentication.AbstractAuthenticationToken {

        private final String token;

        BearerToken(String token) {
            super(java.util.List.of());
            this.token = token;
        }

        String token() {
            return token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "bearer";
        }

        @Override
        public String toString() {
            // never print the token
            return "BearerToken[hidden]";
        }
    }

}
