package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.connectors.ConnectorException;

/**
 * What a moderator's HIDE records when the platform refuses it. Only the connector's own word that the post is not
 * there ({@link ConnectorException#notFound}) records it as gone: the words of a message never do, because an id in
 * it can hold "404" (a post's id once did, and its hide was wrongly recorded as gone).
 */
class PlatformOutcomeTests {

    private static final ActionRecord HIDE = new ActionRecord(ModerationAction.HIDE, null, null, "abusive", null,
            "mod", "s-1", Fixtures.NOON, null);

    @Test
    void aPostThePlatformSaysIsNotThereIsRecordedAsGone() {
        ActionRecord settled = ModerationQueue.platformFailure(HIDE,
                ConnectorException.notFound("X answered 404: not found; check the connection settings"));

        assertThat(settled.outcome()).isEqualTo("POST_GONE");
        assertThat(settled.detail()).contains("X answered 404");
        assertThat(settled.note()).isEqualTo("abusive");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            MISCONFIGURED, not an X post id: x-5c1e404b-77aa-4b3e-9a0e-1d2f3a4b5c6d, PLATFORM_FAILED
            MALFORMED,     X did not confirm that post 1404 is hidden,             PLATFORM_FAILED
            MISCONFIGURED, X answered 400: the post was deleted or not found?,     PLATFORM_FAILED
            UNSUPPORTED,   this platform cannot hide replies,                      BY_HAND
            UNSUPPORTED,   no token for account 9f404c1e-aa; 404 in its id,        BY_HAND
            TRANSIENT,     X answered 503,                                         PLATFORM_FAILED
            UNAUTHORIZED,  X answered 401,                                         PLATFORM_FAILED
            """)
    void anyOtherRefusalLeavesTheHideToDoByHandWhateverItsMessageSays(ConnectorException.Kind kind, String message,
                                                                      String outcome) {
        ActionRecord settled = ModerationQueue.platformFailure(HIDE, new ConnectorException(kind, message, null));

        assertThat(settled.outcome()).isEqualTo(outcome);
        assertThat(settled.detail()).contains(message);
        assertThat(settled.note()).isEqualTo("abusive");
    }

    @Test
    void anErrorFromOutsideTheConnectorsIsNeverReadAsGone() {
        ActionRecord settled = ModerationQueue.platformFailure(HIDE, new IllegalStateException("404 not found"));

        assertThat(settled.outcome()).isEqualTo("PLATFORM_FAILED");
    }
}
