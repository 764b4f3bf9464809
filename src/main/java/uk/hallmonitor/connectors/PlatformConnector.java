package uk.hallmonitor.connectors;

import java.util.Set;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.Platform;

/**
 * Talks to one platform. A poll returns a batch and the position to resume from; the caller stores the batch, then
 * the position, so a crash between the two re-fetches and never skips.
 */
public interface PlatformConnector {

    Platform platform();

    Set<Capability> capabilities();

    /** Fetches what is new since the cursor. Errors are {@link ConnectorException}s. */
    Mono<Batch> fetch(Source source, Cursor since);

    /** Hides a reply on the platform where {@link Capability#HIDE_REPLY} is supported. */
    default Mono<Void> hideReply(Source source, String platformPostId) {
        return Mono.error(new ConnectorException(ConnectorException.Kind.UNSUPPORTED,
                platform() + " does not let us hide replies", null));
    }

    /** Shows a reply again that was hidden, where {@link Capability#HIDE_REPLY} is supported. */
    default Mono<Void> unhideReply(Source source, String platformPostId) {
        return Mono.error(new ConnectorException(ConnectorException.Kind.UNSUPPORTED,
                platform() + " does not let us show hidden replies again", null));
    }

    /** Deletes (or, where the platform only offers that, rejects) a reply where {@link Capability#DELETE_REPLY}. */
    default Mono<Void> deleteReply(Source source, String platformPostId) {
        return Mono.error(new ConnectorException(ConnectorException.Kind.UNSUPPORTED,
                platform() + " does not let us delete replies", null));
    }

    /**
     * What the platform says about the account's stored token (expiry, granted permissions), where it tells; empty
     * where it does not (tokens that do not expire, or no way to ask).
     */
    default Mono<TokenStatus> tokenStatus(Source source) {
        return Mono.empty();
    }

    /** Answers a post as the school account, where {@link Capability#REPLY}; gives the platform's id of the answer. */
    default Mono<String> reply(Source source, String platformPostId, String text) {
        return Mono.error(new ConnectorException(ConnectorException.Kind.UNSUPPORTED,
                platform() + " does not let us reply from Hallmonitor", null));
    }
}
