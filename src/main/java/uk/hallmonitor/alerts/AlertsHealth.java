package uk.hallmonitor.alerts;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether alerts can reach people outside the app: the {@code alerts} component of {@code /actuator/health} is
 * {@code DEGRADED} with the reason when no mail server is configured or the configured one does not answer, and
 * {@code UP} otherwise (details are shown to ADMIN only). The service as a whole stays UP: without email, alerts
 * still reach the in-app feed and the Teams and Slack webhooks. Without a mail server the start-up log says so too.
 */
@Component("alerts")
public class AlertsHealth implements ReactiveHealthIndicator {

    /** A service that runs but cannot deliver everything it should. */
    static final Status DEGRADED = new Status("DEGRADED", "alerts cannot reach everyone they should");
    static final String NO_MAIL = "no mail server configured: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, "
            + "SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD, HALLMONITOR_MAIL_FROM). Until then no alert is emailed: "
            + "safeguarding alerts reach people only in the app and through the school's Teams or Slack webhook";
    private static final Logger log = LoggerFactory.getLogger(AlertsHealth.class);
    /** Connecting to the mail server costs a round trip: a health probe every few seconds reuses the answer. */
    private static final Duration KEEP = Duration.ofSeconds(30);

    private final ObjectProvider<JavaMailSender> sender;
    private final Mono<Health> mailCheck;

    AlertsHealth(ObjectProvider<JavaMailSender> sender) {
        this.sender = sender;
        this.mailCheck = Mono.defer(this::checkMail).cache(KEEP);
    }

    @Override
    public Mono<Health> health() {
        return mailCheck;
    }

    /** The reason alerts cannot be emailed, or empty when a mail server is configured. */
    public Mono<String> problem() {
        return mailCheck.flatMap(health -> DEGRADED.equals(health.getStatus())
                ? Mono.justOrEmpty((String) health.getDetails().get("reason")) : Mono.empty());
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWithoutMail() {
        if (sender.getIfAvailable() == null) {
            log.warn("Safeguarding alerts cannot be emailed: {}", NO_MAIL);
        }
    }

    private Mono<Health> checkMail() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return Mono.just(Health.status(DEGRADED).withDetail("reason", NO_MAIL).withDetail("email", "off").build());
        }
        if (!(mail instanceof JavaMailSenderImpl smtp)) {
            return Mono.just(Health.up().withDetail("email", "configured").build());
        }
        String server = smtp.getHost() + ":" + (smtp.getPort() < 0 ? 25 : smtp.getPort());
        return Mono.fromCallable(() -> {
            smtp.testConnection();
            return Health.up().withDetail("email", server).build();
        })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(15))
                .onErrorResume(error -> Mono.just(Health.status(DEGRADED)
                        .withDetail("reason", "the mail server " + server + " does not answer (" + error.getMessage()
                                + "): alerts are emailed once it does, and reach the app and webhooks meanwhile")
                        .withDetail("email", server).build()));
    }
}
