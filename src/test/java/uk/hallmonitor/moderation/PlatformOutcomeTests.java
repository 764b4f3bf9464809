package uk.hallmonitor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.connectors.ConnectorException;

/** What a moderator's HIDE records when the platform refuses it, e.g. because the post was deleted before. */
class PlatformOutcomeTests {

    private static final ActionRecord HIDE = new ActionRecord(ModerationAction.HIDE, null, null, "abusive", null,
            "mod", "s-1", Fixtures.NOON, null);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            MALFORMED,     X answered 404 for post 1800,            POST_GONE
            MALFORMED,     Not Found: no status with that id,       POST_GONE
            MALFORMED,     the post was deleted by its author,      POST_GONE
            UNSUPPORTED,   this platform cannot hide replies,       BY_HAND
            UNSUPPORTED,   no token for account 9f404c1e-aa; 404 in its id, BY_HAND
            TRANSIENT,     X answered 503,                          PLATFORM_FAILED
            UNAUTHORIZED,  X answered 401,                          PLATFORM_FAILED
            """)
    void aPostDeletedOnThePlatformBeforeTheModeratorActsIsRecordedAsGone(ConnectorException.Kind kind,
                                                                         String message, String outcome) {
        ActionRecord settled = ModerationQueue.platformFailure(HIDE, new ConnectorException(kind, message, null));

        assertThat(settled.outcome()).isEqualTo(outcome);
        assertThat(settled.detail()).contains(message);
        assertThat(settled.note()).isEqualTo("abusive");
    }
}
