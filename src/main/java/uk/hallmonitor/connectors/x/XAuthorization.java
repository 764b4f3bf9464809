package uk.hallmonitor.connectors.x;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import twitter4j.HttpParameter;
import twitter4j.HttpRequest;
import twitter4j.RequestMethod;
import twitter4j.auth.AccessToken;
import twitter4j.auth.OAuthAuthorization;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Source;

/**
 * The Authorization header for one X request, made from secrets that live only as long as one poll. OAuth 1.0a user
 * tokens (needed to hide replies) are preferred over the app-only bearer token when both are in the vault.
 */
sealed interface XAuthorization {

    Set<String> SECRET_NAMES = Set.of("bearerToken", "consumerKey", "consumerSecret", "accessToken",
            "accessTokenSecret");

    /** Twitter4J needs a configuration to sign with; this one carries no secrets, so it may be shared. */
    Configuration UNSIGNED = new ConfigurationBuilder().setDebugEnabled(false).setHttpRetryCount(0).build();

    String header(String method, URI uri);

    /** Whether this acts as the account itself (OAuth 1.0a), as hiding a reply requires. */
    boolean userContext();

    static XAuthorization from(Map<String, String> secrets, Source source) {
        if (present(secrets, "consumerKey", "consumerSecret", "accessToken", "accessTokenSecret")) {
            return new UserTokens(secrets.get("consumerKey"), secrets.get("consumerSecret"),
                    secrets.get("accessToken"), secrets.get("accessTokenSecret"));
        }
        if (present(secrets, "bearerToken")) {
            return new Bearer(secrets.get("bearerToken"));
        }
        throw new ConnectorException(Kind.MISCONFIGURED, "the vault holds neither 'bearerToken' nor all of "
                + "'consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret' for X source " + source.id(),
                null);
    }

    private static boolean present(Map<String, String> secrets, String... names) {
        for (String name : names) {
            String value = secrets.get(name);
            if (value == null || value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** App-only access. */
    record Bearer(String token) implements XAuthorization {
        @Override
        public String header(String method, URI uri) {
            return "Bearer " + token;
        }

        @Override
        public boolean userContext() {
            return false;
        }

        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }

    /** OAuth 1.0a as the account, signed by Twitter4J over the method, URL and query parameters. */
    record UserTokens(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret)
            implements XAuthorization {
        @Override
        public String header(String method, URI uri) {
            OAuthAuthorization oauth = new OAuthAuthorization(UNSIGNED);
            oauth.setOAuthConsumer(consumerKey, consumerSecret);
            oauth.setOAuthAccessToken(new AccessToken(accessToken, accessTokenSecret));
            return oauth.getAuthorizationHeader(new HttpRequest(RequestMethod.valueOf(method),
                    uri.toASCIIString(), new HttpParameter[0], oauth, Map.of()));
        }

        @Override
        public boolean userContext() {
            return true;
        }

        @Override
        public String toString() {
            return "UserTokens[****]";
        }
    }
}
