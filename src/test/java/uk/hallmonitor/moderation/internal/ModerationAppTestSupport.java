package uk.hallmonitor.moderation.internal;

import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.classification.PostClassifier;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Full-application tests of moderation: the real service and store (posts go through monitoring's real post store and
 * announcer, so every module reads the one the test writes), a keyword classifier, GreenMail as the SMTP server and
 * WireMock as Teams and Slack.
 */
@Import(ModerationAppTestSupport.Fakes.class)
public abstract class ModerationAppTestSupport extends AppTestSupport {

    static final int SMTP_PORT = freePort();
    private static final String DATA_DIR = dataDir();
    protected static GreenMail mail = startMail();
    protected static final WireMockServer hooks = startHooks();

    @Autowired
    protected Posts posts;

    @Autowired
    private ApplicationContext context;

    @Autowired
    protected DomainEvents events;

    /** The machine is shared with other builds: give slow answers time rather than fail on them. */
    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @DynamicPropertySource
    static void moderation(DynamicPropertyRegistry registry) {
        // this context (with its fakes) lives beside the plain one in the same JVM: it needs a store of its own
        registry.add("hallmonitor.store.data-dir", () -> DATA_DIR);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        registry.add("hallmonitor.mail.from", () -> "alerts@hallmonitor.test");
        // the fakes (WireMock platforms and webhooks) listen on loopback, which the outbound policy refuses unless the
        // operator's allow-list names it, as an on-premises installation would
        registry.add("hallmonitor.outbound.allow", () -> "localhost,127.0.0.1,[::1]");
        registry.add("hallmonitor.moderation.dispatch-every", () -> "200ms");
        registry.add("hallmonitor.moderation.sweep-every", () -> "1s");
        registry.add("hallmonitor.moderation.escalation-sweep-every", () -> "200ms");
        registry.add("hallmonitor.moderation.send-timeout", () -> "2s");
        registry.add("hallmonitor.moderation.queue-url", () -> "https://hallmonitor.test/moderation/posts/");
    }

    /** The fakes the moderation tests run with. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Fakes {

        @Bean
        @Primary
        PostClassifier keywordClassifier() {
            return new KeywordClassifier();
        }
    }

    /** Stores a plain post of the school (a public mention) as a poll would; it is announced and found clean. */
    protected String storedPost(String schoolId) {
        return arrive(schoolId, null, "a post");
    }

    /** Stores a post as a poll would; monitoring announces it (classified once) and triage follows. */
    protected String arrive(String schoolId, String accountId, String text) {
        return arrive(schoolId, accountId, text, Platform.X);
    }

    /** Stores a post on the given platform as a poll would; monitoring announces it and triage follows. */
    protected String arrive(String schoolId, String accountId, String text, Platform platform) {
        return arrive(context, schoolId, accountId, text, platform, clock.instant());
    }

    /** Stores a post through the real post store of the given service, as a poll would. */
    static String arrive(ApplicationContext context, String schoolId, String accountId, String text,
                         Platform platform, Instant now) {
        String key = UUID.randomUUID().toString();
        return StoredPosts.store(context, new StoredPosts.Post(schoolId, accountId, accountId == null ? "w1" : null,
                platform, accountId == null ? PostKind.PUBLIC_MENTION : PostKind.COMMENT, "x-" + key, "author-1",
                "parent_a", text, "https://x.example/status/" + key, null, null, now.minusSeconds(60)));
    }

    /** Waits until the post has a verdict (triage is asynchronous). */
    protected void awaitVerdict(Person reader, String postId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> as(reader).get().uri("/api/v1/posts/{id}", postId)
                .exchange().returnResult(String.class).getStatus().value() == 200);
    }

    protected void webhooks(Person slt, String schoolId) {
        as(slt).put().uri("/api/v1/moderation/settings/{s}", schoolId)
                .bodyValue(Map.of("teamsWebhookUrl", hooks.baseUrl() + "/teams/" + schoolId,
                        "slackWebhookUrl", hooks.baseUrl() + "/slack/" + schoolId))
                .exchange().expectStatus().isOk();
    }

    private static String dataDir() {
        try {
            return java.nio.file.Files.createTempDirectory("hallmonitor-moderation-test").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void restartMail() {
        mail = startMail();
    }

    private static GreenMail startMail() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static WireMockServer startHooks() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
