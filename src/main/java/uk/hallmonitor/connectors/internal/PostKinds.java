package uk.hallmonitor.connectors.internal;

import java.util.Set;

/**
 * The kind names a fetched post may carry; they mirror {@code monitoring.PostKind}, which connectors may not import
 * because monitoring depends on connectors.
 */
public final class PostKinds {

    public static final String COMMENT = "COMMENT";
    public static final String MENTION = "MENTION";
    public static final String DIRECT_MESSAGE = "DIRECT_MESSAGE";
    public static final String PUBLIC_MENTION = "PUBLIC_MENTION";
    public static final String OWN_POST = "OWN_POST";

    public static final Set<String> ALL = Set.of(COMMENT, MENTION, DIRECT_MESSAGE, PUBLIC_MENTION, OWN_POST);

    private PostKinds() {
    }
}
