package uk.hallmonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the full-application tests: the real service on a random port, the real MongoDB driver talking to the
 * embedded server (in memory; key files in a temporary folder), and a {@link MutableClock}. All subclasses share one application context
 * (same properties), so each test makes its own schools and people rather than relying on an empty store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(AppTestSupport.TestClock.class)
public abstract class AppTestSupport {

    public static final String ADMIN_PASSWORD = "admin-pass-1";
    /** Monday 16 November 2026, 10:00 UTC: a working day in term. */
    public static final Instant START = Instant.parse("2026-11-16T10:00:00Z");
    private static final Path DATA = tempDir();

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("hallmonitor.store.data-dir", DATA::toString);
        registry.add("hallmonitor.store.mongodb-uri", () -> "");
        // each application context gets its own store, so test classes with their own configuration never share one
        registry.add("hallmonitor.store.in-memory", () -> "true");
        registry.add("hallmonitor.security.admin-password", () -> ADMIN_PASSWORD);
        // tests deliver weekly reports by calling the delivery, not on the scheduler's timing
        registry.add("hallmonitor.reports.deliver", () -> "false");
        // tests run the retention purge by calling it, never on the scheduler's timing
        registry.add("hallmonitor.privacy.purge", () -> "false");
        // the models are in before the first test, so no test's time limit includes loading them (the background
        // loading the service does by default is tested on its own: ModelsLoadInBackgroundTests, ModelsHealthTests)
        registry.add("hallmonitor.classification.load-models-in-background", () -> "false");
        // the fakes (WireMock platforms and webhooks) listen on loopback, which the outbound policy refuses unless the
        // operator's allow-list names it, as an on-premises installation would
        registry.add("hallmonitor.outbound.allow", () -> "localhost,127.0.0.1,[::1]");
        // sign-in with Microsoft and Google against the test JVM's own OpenID Connect provider
        var oidc = uk.hallmonitor.system.security.TestOidcProvider.shared();
        registry.add("hallmonitor.oidc.microsoft.tenant", () -> uk.hallmonitor.system.security.TestOidcProvider.TENANT);
        registry.add("hallmonitor.oidc.microsoft.client-id",
                () -> uk.hallmonitor.system.security.TestOidcProvider.MICROSOFT_CLIENT);
        registry.add("hallmonitor.oidc.microsoft.client-secret",
                () -> uk.hallmonitor.system.security.TestOidcProvider.SECRET);
        registry.add("hallmonitor.oidc.microsoft.issuer", oidc::microsoftIssuer);
        registry.add("hallmonitor.oidc.google.client-id",
                () -> uk.hallmonitor.system.security.TestOidcProvider.GOOGLE_CLIENT);
        registry.add("hallmonitor.oidc.google.client-secret",
                () -> uk.hallmonitor.system.security.TestOidcProvider.SECRET);
        registry.add("hallmonitor.oidc.google.hosted-domain",
                () -> uk.hallmonitor.system.security.TestOidcProvider.HOSTED_DOMAIN);
        registry.add("hallmonitor.oidc.google.issuer", oidc::googleIssuer);
        registry.add("hallmonitor.oidc.group-roles[grp-moderators]", () -> "MODERATOR");
        // the test client connects from loopback, trusted here as the reverse proxy (LoginAndSessionHardeningTests
        // sends X-Forwarded-* through it); the other tests send no forwarded headers, so their client stays loopback.
        // Set for every class so that one needs no application context of its own.
        registry.add("hallmonitor.security.trusted-proxies", () -> "127.0.0.1,::1");
    }

    @BeforeEach
    void patientClient() {
        // the test machines are shared and slow at times: wait for answers rather than fail on a busy moment
        web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The test clock, replacing the system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }

        /**
         * BCrypt at its lowest cost (4) instead of the service's 10: every test makes its own staff, and hashing
         * their passwords at cost 10 (creation and first sign-in) was half the CPU samples of a test class (JFR,
         * ModerationQueueTests, 1,684 of 3,375). The algorithm and code path are the service's; only the work
         * factor is smaller.
         */
        @Bean
        @Primary
        org.springframework.security.crypto.password.PasswordEncoder cheapPasswordEncoder() {
            return new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hallmonitor-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- callers

    /** A client that sends HTTP Basic for the user. */
    protected WebTestClient as(Person person) {
        return as(person.username(), person.password());
    }

    protected WebTestClient as(String username, String password) {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, password)).build();
    }

    protected WebTestClient admin() {
        return as("admin", ADMIN_PASSWORD);
    }

    // ---- fixtures

    /** Someone who can log in. */
    public record Person(String id, String username, String password, String schoolId) {
    }

    protected String newSchool() {
        return newSchool("School " + UUID.randomUUID().toString().substring(0, 8));
    }

    @SuppressWarnings("unchecked")
    protected String newSchool(String name) {
        Map<String, Object> school = admin().post().uri("/api/v1/schools").bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) school.get("id");
    }

    /** A new member of staff with the roles, not yet acknowledged or trained. */
    @SuppressWarnings("unchecked")
    protected Person newStaff(String schoolId, String... roles) {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "pass-" + username.substring(1, 6) + "1";
        Map<String, Object> staff = admin().post().uri("/api/v1/staff")
                .bodyValue(
                        Map.of("schoolId", schoolId, "name", "Person " + username, "email", username + "@school.test",
                                "username", username, "password", password, "roles", List.of(roles)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Person((String) staff.get("id"), username, password, schoolId);
    }

    /** A new member of staff who has signed the policy and is trained: may run accounts. */
    protected Person newCurrentStaff(String schoolId, String... roles) {
        Person person = newStaff(schoolId, roles);
        makeCurrent(person);
        return person;
    }

    protected void makeCurrent(Person person) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/London"));
        admin().post().uri("/api/v1/staff/{id}/acknowledgements", person.id())
                .bodyValue(Map.of("policyVersion", "2026", "signedOn", today.minusDays(10).toString()))
                .exchange().expectStatus().isCreated();
        admin().post().uri("/api/v1/staff/{id}/training", person.id())
                .bodyValue(Map.of("course", "Social media safety", "completedOn", today.minusDays(10).toString()))
                .exchange().expectStatus().isCreated();
    }

    /** An application drafted and submitted by the applicant, naming the runners. */
    @SuppressWarnings("unchecked")
    protected String submittedApplication(Person applicant, Person... runners) {
        Map<String, Object> body = Map.of("schoolId", applicant.schoolId(), "platform", "X", "handle", "@school",
                "aim", "News for parents", "audience", "Parents and carers", "promotion", "Newsletter",
                "runnerIds", Arrays.stream(runners).map(Person::id).toList(), "visibility", "OPEN");
        Map<String, Object> application = as(applicant).post().uri("/api/v1/applications").bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) application.get("id");
        as(applicant).post().uri("/api/v1/applications/{id}/submit", id).exchange().expectStatus().isOk();
        return id;
    }

    /**
     * A school with an approved, activated account run by two current runners: the starting point of the
     * monitoring, moderation and SLA tests. {@code baseUrl} may be null.
     */
    @SuppressWarnings("unchecked")
    protected ActiveAccount activeAccount(String platform, String platformAccountId, String baseUrl) {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner1 = newCurrentStaff(school, "STAFF", "MODERATOR");
        Person runner2 = newCurrentStaff(school, "STAFF");
        Person slt = newCurrentStaff(school, "SLT");
        Person dsl = newCurrentStaff(school, "DSL");
        Map<String, Object> body = Map.of("schoolId", school, "platform", platform, "handle", "@school",
                "aim", "News for parents", "audience", "Parents and carers", "promotion", "Newsletter",
                "runnerIds", List.of(runner1.id(), runner2.id()), "visibility", "OPEN");
        String applicationId = (String) as(applicant).post().uri("/api/v1/applications").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        as(applicant).post().uri("/api/v1/applications/{id}/submit", applicationId).exchange().expectStatus().isOk();
        as(slt).post().uri("/api/v1/applications/{id}/approve", applicationId).bodyValue(Map.of())
                .exchange().expectStatus().isOk();
        Map<String, Object> page = admin().get().uri("/api/v1/accounts?schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String accountId = (String) ((List<Map<String, Object>>) page.get("items")).get(0).get("id");
        Map<String, Object> connection = baseUrl == null ? Map.of() : Map.of("baseUrl", baseUrl);
        admin().post().uri("/api/v1/accounts/{id}/activate", accountId)
                .bodyValue(Map.of("platformAccountId", platformAccountId, "connection", connection))
                .exchange().expectStatus().isOk();
        return new ActiveAccount(school, accountId, applicant, runner1, runner2, slt, dsl);
    }

    /** What {@link #activeAccount} made. */
    public record ActiveAccount(String schoolId, String accountId, Person applicant, Person runner1, Person runner2,
                                Person slt, Person dsl) {
    }
}
