package uk.hallmonitor.moderation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Email over SMTP through Spring Mail ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}); the sender is
 * {@code HALLMONITOR_MAIL_FROM}. Without a mail server configured every email alert is kept as undeliverable with
 * the reason, so nothing is silently dropped and the alerts screen shows what to fix.
 */
@Component
class MailChannel implements AlertChannel {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailChannel(ObjectProvider<JavaMailSender> sender, Environment environment, ModerationProperties properties) {
        this.sender = sender;
        this.from = environment.getProperty("hallmonitor.mail.from", properties.mailFrom());
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Mono<SendResult> send(Alert alert) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return Mono.just(SendResult.undeliverable("no mail server configured (set SPRING_MAIL_HOST)"));
        }
        if (alert.address() == null || alert.address().isBlank()) {
            return Mono.just(SendResult.undeliverable("no email address for " + alert.recipientName()));
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(alert.address());
        message.setSubject(alert.subject());
        message.setText(alert.body());
        // JavaMail blocks on the socket: keep it off the event loop
        return Mono.fromCallable(() -> {
                    mail.send(message);
                    return SendResult.sent();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(MailParseException.class,
                        bad -> Mono.just(SendResult.undeliverable("bad address: " + bad.getMessage())))
                .onErrorResume(MailPreparationException.class,
                        bad -> Mono.just(SendResult.undeliverable("cannot write the email: " + bad.getMessage())))
                .onErrorResume(MailAuthenticationException.class,
                        refused -> Mono.just(SendResult.retry("mail server refused our login")))
                .onErrorResume(error -> Mono.just(SendResult.retry(error.getClass().getSimpleName() + ": "
                        + error.getMessage())));
    }
}
