package uk.hallmonitor.alerts.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.alerts.Channel;

/**
 * Email over SMTP through Spring Mail ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}); the sender is
 * {@code HALLMONITOR_MAIL_FROM}. Without a mail server configured every email alert is kept as undeliverable with
 * the reason, so nothing is silently dropped and the alerts screen shows what to fix.
 */
@Component
class MailChannel implements AlertChannel {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailChannel(ObjectProvider<JavaMailSender> sender, Environment environment, AlertsProperties properties) {
        this.sender = sender;
        this.from = environment.getProperty("hallmonitor.mail.from", properties.mailFrom());
    }

    /**
     * The Message-ID of an alert's email: the same for every attempt, so a mail repeated after a crash (the server
     * took it, the outbox had not yet written SENT) can be recognised and dropped by mail systems that de-duplicate.
     */
    String messageId(Alert alert) {
        int at = from.lastIndexOf('@');
        String domain = at < 0 || at == from.length() - 1 ? "hallmonitor" : from.substring(at + 1).replace(">", "");
        return "<alert." + alert.id() + "@" + domain + ">";
    }

    private MimeMessage message(JavaMailSender mail, Alert alert) throws MessagingException {
        Session session = mail instanceof JavaMailSenderImpl impl ? impl.getSession()
                : Session.getInstance(new Properties());
        MimeMessage message = new StableIdMessage(session, messageId(alert));
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(alert.address());
        helper.setSubject(alert.subject());
        helper.setText(alert.body());
        message.setHeader("X-Hallmonitor-Alert", alert.id());
        return message;
    }

    /** A message whose Message-ID is ours: JavaMail would otherwise write a fresh one at every attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
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
        // JavaMail blocks on the socket: keep it off the event loop
        return Mono.fromCallable(() -> {
            mail.send(message(mail, alert));
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
