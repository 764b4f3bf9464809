package uk.hallmonitor.connectors;

import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.Platform;

/**
 * Reads what a platform pushes to Hallmonitor (Meta's webhooks) into the same posts a poll would fetch, so that the
 * caller stores both through one path and a post that arrives both ways is stored once.
 */
public interface PlatformWebhooks {

    /** Platforms whose deliveries this reads. */
    Set<Platform> platforms();

    /**
     * The subscription handshake: the challenge to echo when {@code mode} is {@code subscribe} and the verify token
     * is the one in the account's vault; empty otherwise.
     */
    Mono<String> challenge(Source source, String mode, String verifyToken, String challenge);

    /**
     * A delivery: checks {@code signature} (the {@code X-Hub-Signature-256} header) over the exact body with the
     * account's app secret, then gives the posts in it. A missing or wrong signature is
     * {@link ConnectorException.Kind#UNAUTHORIZED}; a body that is not a delivery is
     * {@link ConnectorException.Kind#MALFORMED}.
     */
    Mono<List<FetchedPost>> read(Source source, byte[] body, String signature);
}
