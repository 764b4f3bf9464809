package uk.hallmonitor.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

class XConnectorTests {

    private static final String ACCOUNT = "1500000000000000001";
    private static final String MENTIONS = "/2/users/" + ACCOUNT + "/mentions";
    private static final String OWN = "/2/users/" + ACCOUNT + "/tweets";
    private static final String SEARCH = "/2/tweets/search/recent";
    private static final String BEARER =
            "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F";

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "bearerToken", BEARER);
    private final XConnector connector = new XConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()),
            vault.secrets(), ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());

    private static String json(String name) {
        try (InputStream in = XConnectorTests.class.getResourceAsStream("/connectors/x/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source account(int maxReads) {
        return ConnectorFixtures.account(Platform.X, ACCOUNT, x.baseUrl() + "/", maxReads);
    }

    private void stubOwnTweets(String body) {
        x.stubFor(get(urlPathEqualTo(OWN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String tweets(String... idsAndTexts) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < idsAndTexts.length; i += 2) {
            if (data.length() > 0) {
                data.append(',');
            }
            data.append("{\"id\":\"").append(idsAndTexts[i]).append("\",\"text\":\"").append(idsAndTexts[i + 1])
                    .append("\",\"author_id\":\"77\",\"created_at\":\"2026-11-22T09:55:00.000Z\",")
                    .append("\"edit_history_tweet_ids\":[\"").append(idsAndTexts[i]).append("\"]}");
        }
        return "{\"data\":[" + data + "],\"includes\":{\"users\":[{\"id\":\"77\",\"username\":\"mum77\"}]}}";
    }

    @Test
    void aFirstPollReadsTheLatestMentionsAndTheNextPollResumesFromThem() {
        stubOwnTweets(json("empty.json"));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).withQueryParam("since_id", absent())
                .willReturn(aResponse().withStatus(200).withBody(json("mentions-page1.json"))));

        Batch first = connector.fetch(account(100), Cursor.START).block();

        assertThat(first.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1861000000000000005", "COMMENT"),
                        org.assertj.core.groups.Tuple.tuple("1861000000000000002", "MENTION"));
        FetchedPost thanks = first.posts().get(0);
        assertThat(thanks.text()).isEqualTo("@OakfieldPrimary Thank you for a lovely nativity & the mince pies!");
        assertThat(thanks.authorHandle()).isEqualTo("aparent");
        assertThat(thanks.url()).isEqualTo("https://x.com/aparent/status/1861000000000000005");
        assertThat(thanks.inReplyToId()).isEqualTo("1860999999999999000");
        assertThat(thanks.conversationId()).isEqualTo("1860999999999999000");
        FetchedPost edited = first.posts().get(1);
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-11-22T09:30:00Z"));
        assertThat(first.reads()).isEqualTo(2);
        assertThat(first.next().get("mentions.since")).isEqualTo("1861000000000000005");
        assertThat(first.next().get("mentions.token")).isNull();
        // a first poll does not walk back through the account's history
        x.verify(1, getRequestedFor(urlPathEqualTo(MENTIONS)));
        x.verify(getRequestedFor(urlPathEqualTo(MENTIONS)).withHeader("Authorization", equalTo("Bearer " + BEARER))
                .withQueryParam("max_results", equalTo("100"))
                .withQueryParam("expansions", equalTo("author_id")));

        x.stubFor(get(urlPathEqualTo(MENTIONS)).withQueryParam("since_id", equalTo("1861000000000000005"))
                .withQueryParam("pagination_token", absent())
                .willReturn(aResponse().withStatus(200).withBody(tweets("1861000000000000009", "newest",
                        "1861000000000000008", "newer")
                        .replace("]}}", "]},\"meta\":{\"next_token\":\"b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy\"}}"))));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).withQueryParam("since_id", equalTo("1861000000000000005"))
                .withQueryParam("pagination_token", equalTo("b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy"))
                .willReturn(aResponse().withStatus(200).withBody(tweets("1861000000000000006", "new"))));

        Batch second = connector.fetch(account(100), first.next()).block();

        assertThat(second.posts()).extracting(FetchedPost::platformPostId)
                .containsExactly("1861000000000000009", "1861000000000000008", "1861000000000000006");
        assertThat(second.next().get("mentions.since")).isEqualTo("1861000000000000009");
        assertThat(second.warnings()).isEmpty();
    }

    @Test
    void theAccountsOwnPostsAndTheRepliesInItsConversationsAreCollected() {
        stubOwnTweets(json("own-tweets.json"));
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(json("replies.json"))));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));

        Batch batch = connector.fetch(account(100), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1860999999999999000", "OWN_POST"),
                org.assertj.core.groups.Tuple.tuple("1861000000000000006", "COMMENT"));
        x.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("query",
                equalTo("(conversation_id:1860999999999999000) -from:" + ACCOUNT)));
        assertThat(batch.next().get("conversations")).isEqualTo("1860999999999999000");
        assertThat(batch.next().get("own.since")).isEqualTo("1860999999999999000");
        assertThat(batch.next().get("replies.since")).isEqualTo("1861000000000000006");
    }

    @Test
    void aWatchSearchesRecentPostsForItsTermsWithTheAccountsCredentials() {
        Source watch = ConnectorFixtures.watch(Platform.X, List.of("Oakfield Primary", "#oakfieldnativity"),
                Map.of("baseUrl", x.baseUrl(), "credentialsAccountId", "acc-1"), 10);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(json("replies.json"))));

        Batch batch = connector.fetch(watch, Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::kind).containsExactly("PUBLIC_MENTION");
        assertThat(batch.next().get("search.since")).isEqualTo("1861000000000000006");
        assertThat(vault.asked).containsExactly("acc-1");
        x.verify(getRequestedFor(urlPathEqualTo(SEARCH))
                .withQueryParam("query", equalTo("(\"Oakfield Primary\" OR #oakfieldnativity) -is:retweet"))
                .withQueryParam("max_results", equalTo("10")));
    }

    @Test
    void readsAreCountedAndThePollStopsAtTheSourcesReadBudget() {
        stubOwnTweets(json("empty.json"));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200)
                .withBody(json("mentions-page1.json"))));
        Cursor resumed = new Cursor(Map.of("mentions.since", "1861000000000000000"));

        Batch batch = connector.fetch(account(6), resumed).block();

        assertThat(batch.reads()).isEqualTo(2);
        x.verify(1, getRequestedFor(urlPathEqualTo(MENTIONS)));
        x.verify(getRequestedFor(urlPathEqualTo(MENTIONS)).withQueryParam("max_results", equalTo("6")));
        assertThat(batch.warnings()).anyMatch(w -> w.contains("read budget"));
        assertThat(batch.next().positions()).containsEntry("mentions.since", "1861000000000000000")
                .containsEntry("mentions.newest", "1861000000000000005")
                .containsEntry("mentions.token", "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
    }

    @Test
    void aRateLimitOnTheFirstCallFailsThePollWithTheWaitUntilTheReset() {
        long reset = ConnectorFixtures.NOW.plus(Duration.ofMinutes(15)).getEpochSecond();
        x.stubFor(get(urlPathEqualTo(OWN)).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "900").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody(
                        "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));

        StepVerifier.create(connector.fetch(account(100), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofMinutes(15));
                })
                .verify();
    }

    @Test
    void aRateLimitOnALaterPageKeepsTheBatchAndTheWait() {
        stubOwnTweets(json("empty.json"));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).withQueryParam("pagination_token", absent())
                .willReturn(aResponse().withStatus(200).withBody(json("mentions-page1.json"))));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).withQueryParam("pagination_token", matching(".+"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));

        Batch batch = connector.fetch(account(100), new Cursor(Map.of("mentions.since", "1"))).block();

        assertThat(batch.posts()).hasSize(2);
        assertThat(batch.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(batch.next().get("mentions.token")).isEqualTo("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
        assertThat(batch.next().get("mentions.since")).isEqualTo("1");
    }

    @Test
    void anExhaustedRateLimitWindowStopsPagingAndSaysHowLongToWait() {
        stubOwnTweets(json("empty.json"));
        long reset = ConnectorFixtures.NOW.plus(Duration.ofMinutes(7)).getEpochSecond();
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("x-rate-limit-remaining", "0").withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody(json("mentions-page1.json"))));

        Batch batch = connector.fetch(account(100), new Cursor(Map.of("mentions.since", "1"))).block();

        assertThat(batch.retryAfter()).isEqualTo(Duration.ofMinutes(7));
        x.verify(1, getRequestedFor(urlPathEqualTo(MENTIONS)));
    }

    @Test
    void badTweetsAreSkippedWithWarningsAndTheGoodOnesKept() {
        stubOwnTweets(json("empty.json"));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200)
                .withBody(json("bad-items.json"))));

        Batch batch = connector.fetch(account(100), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId)
                .containsExactly("1861000000000000010", "1861000000000000013", "1861000000000000014");
        assertThat(batch.posts().get(0).text()).isEqualTo("Great sports day");
        assertThat(batch.posts().get(1).postedAt()).isEqualTo(ConnectorFixtures.NOW);
        assertThat(batch.reads()).isEqualTo(7);
        assertThat(batch.warnings()).anyMatch(w -> w.contains("1861000000000000011") && w.contains("no text"))
                .anyMatch(w -> w.contains("1861000000000000012") && w.contains("'yesterday' is not a timestamp"))
                .anyMatch(w -> w.contains("1861000000000000013") && w.contains("clamped"))
                .anyMatch(w -> w.contains("1861000000000000010") && w.contains("twice"))
                .anyMatch(w -> w.contains("#5") && w.contains("no numeric id"))
                .anyMatch(w -> w.contains("partial errors"));
        assertThat(batch.next().get("mentions.since")).isEqualTo("1861000000000000014");
    }

    @Test
    void aBodyThatIsNotJsonFailsThePollAsMalformed() {
        stubOwnTweets("<html><body>Over capacity</body></html>");

        StepVerifier.create(connector.fetch(account(100), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void aMalformedLaterPageKeepsWhatCameBefore() {
        stubOwnTweets(json("own-tweets.json"));
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody("{\"data\": [")));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));

        Batch batch = connector.fetch(account(100), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::kind).containsExactly("OWN_POST");
        assertThat(batch.warnings()).anyMatch(w -> w.startsWith("replies:") && w.contains("not JSON"));
        assertThat(batch.next().get("replies.since")).isNull();
    }

    @Test
    void serverErrorsAreRetriedWithinThePoll() {
        x.stubFor(get(urlPathEqualTo(OWN)).inScenario("x").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        x.stubFor(get(urlPathEqualTo(OWN)).inScenario("x").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));

        Batch batch = connector.fetch(account(100), Cursor.START).block();

        assertThat(batch.posts()).isEmpty();
        x.verify(2, getRequestedFor(urlPathEqualTo(OWN)));
    }

    @Test
    void aPlatformThatNeverAnswersFailsThePollAsTransient() {
        x.stubFor(get(urlPathEqualTo(OWN)).willReturn(aResponse().withStatus(200).withFixedDelay(6000)
                .withBody(json("empty.json"))));
        XConnector impatient = new XConnector(ConnectorFixtures.http(ConnectorFixtures.impatientProperties()),
                vault.secrets(), ConnectorFixtures.CLOCK, ConnectorFixtures.impatientProperties());

        StepVerifier.create(impatient.fetch(account(100), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.TRANSIENT)
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        x.stubFor(get(urlPathEqualTo(OWN)).willReturn(aResponse().withStatus(401)
                .withBody(
                        "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));

        StepVerifier.create(connector.fetch(account(100), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                .verify();
    }

    @Test
    void withoutCredentialsThePollIsMisconfiguredAndNothingIsCalled() {
        XConnector bare = new XConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()),
                new TestVault().secrets(), ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());

        StepVerifier.create(bare.fetch(account(100), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED
                        && failure.getMessage().contains("bearerToken"))
                .verify();
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void userTokensSignEachRequestWithAValidOAuth1Signature() throws Exception {
        vault.put("acc-1", "consumerKey", "xvz1evFS4wEEPTGEFPHBog")
                .put("acc-1", "consumerSecret", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
                .put("acc-1", "accessToken", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb")
                .put("acc-1", "accessTokenSecret", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
        Source watch = ConnectorFixtures.watch(Platform.X, List.of("Oakfield Primary's fair*"),
                Map.of("baseUrl", x.baseUrl(), "credentialsAccountId", "acc-1"), 100);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));

        connector.fetch(watch, Cursor.START).block();

        LoggedRequest request = x.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0);
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("OAuth ")
                .contains("oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\"");
        assertThat(signature(header)).isEqualTo(expectedSignature(request, header,
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"));
    }

    @Test
    void hidingAReplyPutsHiddenTrueAsTheAccount() {
        vault.put("acc-1", "consumerKey", "ck").put("acc-1", "consumerSecret", "cs")
                .put("acc-1", "accessToken", "1-at").put("acc-1", "accessTokenSecret", "ats");
        x.stubFor(put("/2/tweets/1861000000000000006/hidden").willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":{\"hidden\":true}}")));

        StepVerifier.create(connector.hideReply(account(100), "1861000000000000006")).verifyComplete();

        x.verify(putRequestedFor(urlPathEqualTo("/2/tweets/1861000000000000006/hidden"))
                .withRequestBody(equalToJson("{\"hidden\":true}"))
                .withHeader("Authorization", matching("OAuth .*oauth_signature=.*")));
    }

    @Test
    void hidingAReplyNeedsUserTokensNotJustTheAppBearer() {
        StepVerifier.create(connector.hideReply(account(100), "1861000000000000006"))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED)
                .verify();
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void aReplyThePlatformWillNotLetUsHideIsUnauthorized() {
        vault.put("acc-1", "consumerKey", "ck").put("acc-1", "consumerSecret", "cs")
                .put("acc-1", "accessToken", "1-at").put("acc-1", "accessTokenSecret", "ats");
        x.stubFor(put("/2/tweets/1861000000000000006/hidden").willReturn(aResponse().withStatus(403)));

        StepVerifier.create(connector.hideReply(account(100), "1861000000000000006"))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                .verify();
    }

    @Test
    void secretsAreHeldOnlyForTheLengthOfOnePoll() throws Exception {
        stubOwnTweets(json("empty.json"));
        x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(200)
                .withBody(json("mentions-page1.json"))));

        connector.fetch(account(100), Cursor.START).block();

        assertThat(vault.open.get()).isZero();
        assertThat(reachableStrings(connector, 3)).noneMatch(value -> value.contains(BEARER));
    }

    /** Strings reachable from an object's fields, a few levels deep: where a secret kept in a field would show. */
    private static List<String> reachableStrings(Object root, int depth) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        if (root == null || depth == 0) {
            return found;
        }
        if (root instanceof String s) {
            found.add(s);
            return found;
        }
        if (root instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                found.addAll(reachableStrings(e.getKey(), depth - 1));
                found.addAll(reachableStrings(e.getValue(), depth - 1));
            }
            return found;
        }
        if (!root.getClass().getName().startsWith("uk.hallmonitor")) {
            return found;
        }
        // our own classes' fields only: a JDK superclass (Enum, Object) holds no secret and is closed to reflection
        for (Class<?> type = root.getClass(); type != null && type.getName().startsWith("uk.hallmonitor"); type =
                type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                found.addAll(reachableStrings(field.get(root), depth - 1));
            }
        }
        return found;
    }

    private static String signature(String header) {
        Matcher matcher = Pattern.compile("oauth_signature=\"([^\"]+)\"").matcher(header);
        assertThat(matcher.find()).isTrue();
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    /** RFC 5849 section 3.4: recomputes the HMAC-SHA1 signature over what the server actually received. */
    private static String expectedSignature(LoggedRequest request, String header, String consumerSecret,
                                            String tokenSecret)
            throws Exception {
        TreeMap<String, List<String>> params = new TreeMap<>();
        Matcher oauth = Pattern.compile("(oauth_[a-z_]+)=\"([^\"]*)\"").matcher(header);
        while (oauth.find()) {
            if (!oauth.group(1).equals("oauth_signature")) {
                params.computeIfAbsent(oauth.group(1), k -> new ArrayList<>())
                        .add(URLDecoder.decode(oauth.group(2), StandardCharsets.UTF_8));
            }
        }
        String url = request.getAbsoluteUrl();
        String query = url.substring(url.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        List<String> normalized = new ArrayList<>();
        TreeMap<String, String> encoded = new TreeMap<>();
        params.forEach(
                (name, values) -> values.forEach(value -> encoded.put(rfc3986(name) + "=" + rfc3986(value), "")));
        normalized.addAll(encoded.keySet());
        String base =
                "GET&" + rfc3986(url.substring(0, url.indexOf('?'))) + "&" + rfc3986(String.join("&", normalized));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((rfc3986(consumerSecret) + "&" + rfc3986(tokenSecret))
                .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rfc3986(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
