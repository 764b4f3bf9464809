package uk.hallmonitor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.moderation.internal.ModerationAppTestSupport;

/** The mail channel against a real SMTP server (GreenMail): one Message-ID per alert, and no address kept apart. */
class MailChannelTests extends ModerationAppTestSupport {

    @Autowired
    MailChannel mailChannel;

    @Test
    void anEmailSentAgainAfterACrashCarriesTheSameMessageIdSoMailSystemsCanDropIt() throws Exception {
        ActiveAccount school = activeAccount("X", "1010", null);
        Recipient runner = Recipient.staff(school.runner1().id(), "Runner",
                school.runner1().username() + "@school.test");
        Alert alert = Alert.record("alert-" + school.schoolId(), school.schoolId(), "post:p-1010",
                new Delivery(runner, Channel.EMAIL, "moderator", false), new AlertMessage("Flagged", "Look"),
                clock.instant());

        // the window that stays: the server took the mail, the process died before the outbox wrote SENT
        assertThat(mailChannel.send(alert).block().outcome()).isEqualTo(SendResult.Outcome.SENT);
        assertThat(mailChannel.send(alert).block().outcome()).isEqualTo(SendResult.Outcome.SENT);

        List<MimeMessage> received = mailTo(school.runner1());
        assertThat(received).hasSize(2);
        assertThat(received).extracting(message -> message.getHeader("Message-ID", null))
                .containsOnly("<alert.alert-" + school.schoolId() + "@hallmonitor.test>");
    }

    @Test
    void aRecipientWithNoEmailIsKeptAsUndeliverableWithTheReasonAndNotRetried() {
        ActiveAccount school = activeAccount("X", "1011", null);
        Recipient nobody = Recipient.staff(school.runner2().id(), "Runner Two", null);
        Alert alert = Alert.record("alert-" + school.schoolId(), school.schoolId(), "post:p-1011",
                new Delivery(nobody, Channel.EMAIL, "runner", false), new AlertMessage("Flagged", "Look"),
                clock.instant());

        SendResult result = mailChannel.send(alert).block();

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.UNDELIVERABLE);
        assertThat(result.detail()).isEqualTo("no email address for Runner Two");
        assertThat(mailTo(school.runner2())).isEmpty();
    }

    private static List<MimeMessage> mailTo(Person person) {
        String address = person.username() + "@school.test";
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
