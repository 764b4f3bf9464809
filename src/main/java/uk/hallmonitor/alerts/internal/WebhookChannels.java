package uk.hallmonitor.alerts.internal;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.outbound.OutboundRefused;

/**
 * Microsoft Teams and Slack incoming webhooks, one URL of each per school (from the school's settings, read at send
 * time so a corrected URL applies to alerts still waiting). A 5xx, a 429 or no answer is retried; a webhook that
 * the platform says is gone or refuses (other 4xx) is kept as undeliverable, and so is one the outbound policy
 * refuses (checked again at send time, on the address actually reached).
 */
@Component
class WebhookChannels {

    /** The header that carries the alert id, the same at every attempt. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SettingsStore settings;
    private final WebClient client;
    private final OutboundPolicy outbound;

    WebhookChannels(SettingsStore settings, AlertsProperties properties, OutboundPolicy outbound) {
        this.settings = settings;
        this.outbound = outbound;
        Duration timeout = properties.sendTimeout();
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(outbound.guard(HttpClient.create())
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 10_000))
                        .responseTimeout(timeout)))
                .build();
    }

    List<AlertChannel> channels() {
        return List.of(new Webhook(Channel.TEAMS), new Webhook(Channel.SLACK));
    }

    private Mono<SendResult> post(Alert alert, Channel channel) {
        return settings.of(alert.schoolId()).flatMap(school -> {
            String url = school.webhookUrl(channel);
            if (url == null || url.isBlank()) {
                return Mono.just(SendResult.undeliverable("the school has no " + channel + " webhook"));
            }
            // a URL saved before the policy (or before the allow-list changed) is refused here too
            var refused = outbound.refusal(url);
            if (refused.isPresent()) {
                return Mono.just(SendResult.undeliverable(channel + " webhook refused: " + refused.get()));
            }
            // the alert id is the same at every attempt: a receiver (or a relay in front of Teams or Slack) can drop a
            // repeat sent after a crash between its 2xx and the outbox writing SENT
            return client.post().uri(url).header(IDEMPOTENCY_KEY, alert.id()).bodyValue(payload(alert, channel))
                    .exchangeToMono(response -> response.releaseBody().thenReturn(result(response.statusCode())))
                    .onErrorResume(error -> Mono.just(refusedBy(error)
                            ? SendResult.undeliverable(channel + " webhook: " + rootMessage(error))
                            : SendResult.retry(channel + " webhook: " + error)));
        });
    }

    private static boolean refusedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundRefused) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundRefused) {
                return cause.getMessage();
            }
        }
        return String.valueOf(error);
    }

    private static SendResult result(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return SendResult.sent();
        }
        if (status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value()
                || status.value() == HttpStatus.REQUEST_TIMEOUT.value()) {
            return SendResult.retry("webhook answered " + status.value());
        }
        return SendResult.undeliverable("webhook refused the message: " + status.value());
    }

    private static Map<String, Object> payload(Alert alert, Channel channel) {
        if (channel == Channel.TEAMS) {
            // the MessageCard format that Teams incoming webhooks and Workflows both accept
            return Map.of("@type", "MessageCard", "@context", "https://schema.org/extensions",
                    "summary", alert.subject(), "title", alert.subject(),
                    "text", alert.body().replace("\n", "\n\n"), "alertId", alert.id());
        }
        return Map.of("text", "*" + alert.subject() + "*\n" + alert.body(), "alertId", alert.id());
    }

    /** One of the two webhook channels. */
    private final class Webhook implements AlertChannel {
        private final Channel channel;

        Webhook(Channel channel) {
            this.channel = channel;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public Mono<SendResult> send(Alert alert) {
            return post(alert, channel);
        }
    }
}
