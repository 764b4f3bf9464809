package uk.hallmonitor.system.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small but real OpenID Connect provider for tests, in the test JVM: discovery, JWKS, authorize and token endpoints
 * for two issuers ({@code /ms} plays Entra ID, {@code /google} plays Google), RS256-signed ID tokens carrying the
 * {@code nonce}, {@code auth_time} and whatever claims the test gives the person signing in. The test says who signs
 * in next ({@link #signInAs}); the authorize endpoint then answers at once with a code, as a provider does for someone
 * already signed in there, or with {@code access_denied} for an account disabled in the directory.
 */
public final class TestOidcProvider {

    public static final String MICROSOFT_CLIENT = "hallmonitor-ms";
    public static final String GOOGLE_CLIENT = "hallmonitor-google";
    public static final String SECRET = "test-client-secret";
    public static final String TENANT = "5f1c2a8e-0000-4000-8000-000000000001";
    public static final String HOSTED_DOMAIN = "school.test";

    private static TestOidcProvider shared;

    /** A person as the directory knows them. */
    public record Account(String subject, Map<String, Object> claims, boolean disabled) {
    }

    private record Grant(Account account, String issuer, String clientId, String nonce, Instant authTime) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private volatile Account next;
    private volatile boolean reachable = true;
    private volatile Supplier<Instant> clock = Instant::now;
    private volatile Duration tokenLifetime = Duration.ofMinutes(10);
    /** The query of the last authorization request, for tests that check what was asked. */
    public volatile Map<String, String> lastAuthorization = Map.of();

    private TestOidcProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The provider the shared application context is configured with (started once per test JVM). */
    public static synchronized TestOidcProvider shared() {
        if (shared == null) {
            shared = new TestOidcProvider();
        }
        return shared;
    }

    /** A provider of its own (for tests that make it unreachable); stop it after use. */
    public static TestOidcProvider started() {
        return new TestOidcProvider();
    }

    public void stop() {
        server.stop(0);
    }

    public String microsoftIssuer() {
        return base() + "/ms";
    }

    public String googleIssuer() {
        return base() + "/google";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Reads times from the service's clock, so tokens are valid in the service's present. */
    public void useClock(Supplier<Instant> clock) {
        this.clock = clock;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Discovery and every other endpoint answer 503 while unreachable. */
    public void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** The person who signs in at the next authorization request (claims: email, hd, tid, groups, amr ...). */
    public void signInAs(String subject, Map<String, Object> claims) {
        next = new Account(subject, claims, false);
    }

    /** Disables the account in the directory: further sign-ins are refused with {@code access_denied}. */
    public void disable(String subject) {
        disabled.add(subject);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!reachable) {
                send(exchange, 503, "text/plain", "down");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String issuer =
                    path.startsWith("/ms/") ? microsoftIssuer() : path.startsWith("/google/") ? googleIssuer() : null;
            if (issuer == null) {
                send(exchange, 404, "text/plain", "unknown issuer");
                return;
            }
            String endpoint = path.substring(path.indexOf('/', 1));
            switch (endpoint) {
                case "/.well-known/openid-configuration" -> send(exchange, 200, "application/json", json(Map.of(
                        "issuer", issuer, "authorization_endpoint", issuer + "/authorize",
                        "token_endpoint", issuer + "/token", "jwks_uri", issuer + "/jwks",
                        "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                        "id_token_signing_alg_values_supported", List.of("RS256"),
                        "scopes_supported", List.of("openid", "email", "profile"))));
                case "/jwks" -> send(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
                case "/authorize" -> authorize(exchange, issuer);
                case "/token" -> token(exchange, issuer);
                default -> send(exchange, 404, "text/plain", "no such endpoint");
            }
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    private void authorize(HttpExchange exchange, String issuer) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        lastAuthorization = query;
        String redirect = query.get("redirect_uri");
        String state = URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        Account account = next;
        if (account == null || disabled.contains(account.subject())) {
            redirect(exchange, redirect + "?error=access_denied&state=" + state);
            return;
        }
        Instant now = clock.get();
        // an existing session at the provider keeps its time of authentication unless a fresh one is demanded
        boolean fresh = "login".equals(query.get("prompt")) || "0".equals(query.get("max_age"));
        Instant authTime = fresh ? now : sessions.getOrDefault(account.subject(), now);
        sessions.put(account.subject(), authTime);
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(account, issuer, query.get("client_id"), query.get("nonce"), authTime));
        redirect(exchange, redirect + "?code=" + code + "&state=" + state);
    }

    private void token(HttpExchange exchange, String issuer) throws IOException, JOSEException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        if (grant == null || !grant.issuer().equals(issuer) || !"authorization_code".equals(body.get("grant_type"))
                || !basic(grant.clientId()).equals(authorization)) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = clock.get();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(grant.account().subject())
                .audience(grant.clientId()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(tokenLifetime)))
                .claim("auth_time", grant.authTime().getEpochSecond());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        grant.account().claims().forEach(claims::claim);
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        idToken.sign(new RSASSASigner(key));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", UUID.randomUUID().toString());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", tokenLifetime.toSeconds());
        answer.put("scope", "openid profile email");
        answer.put("id_token", idToken.serialize());
        send(exchange, 200, "application/json", json(answer));
    }

    private static String basic(String clientId) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String json(Map<String, Object> value) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(value);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
