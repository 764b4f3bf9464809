package uk.hallmonitor.connectors.feeds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

class FeedConnectorTests {

    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>Northtown Gazette - Education</title>
                <link>https://gazette.example/education</link>
                <description>Schools news</description>
                <item>
                  <title>Oakfield Primary choir wins regional award</title>
                  <link>https://gazette.example/education/oakfield-choir</link>
                  <guid isPermaLink="false">gazette-48213</guid>
                  <description><![CDATA[<p>Pupils from <b>Oakfield Primary</b> took first place&hellip;</p>]]></description>
                  <dc:creator>Jo Reporter</dc:creator>
                  <pubDate>Sun, 22 Nov 2026 08:15:00 GMT</pubDate>
                </item>
                <item>
                  <title>Council confirms gritting routes</title>
                  <link>https://gazette.example/news/gritting</link>
                  <guid isPermaLink="false">gazette-48210</guid>
                  <description>Routes near Elm Road school will be gritted.</description>
                  <pubDate>Sun, 22 Nov 2026 07:00:00 GMT</pubDate>
                </item>
                <item>
                  <title>Parents raise concerns at OAKFIELD PRIMARY gates</title>
                  <link>https://gazette.example/education/oakfield-gates</link>
                  <guid isPermaLink="false">gazette-48199</guid>
                  <description>Traffic at drop-off.</description>
                  <pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>
                </item>
              </channel>
            </rss>
            """;

    private static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Google Alert - "Oakfield Primary"</title>
              <id>tag:google.com,2005:reader/user/0000/state/com.google/alerts/123</id>
              <updated>2026-11-22T09:00:00Z</updated>
              <entry>
                <id>tag:google.com,2013:googlealerts/feed:998877</id>
                <title type="html">&lt;b&gt;Oakfield Primary&lt;/b&gt; parents fundraise for new library</title>
                <link href="https://www.google.com/url?rct=j&amp;url=https://blog.example/library"/>
                <published>2026-11-22T08:59:00Z</published>
                <updated>2026-11-22T08:59:00Z</updated>
                <content type="html">Parents at &lt;b&gt;Oakfield Primary&lt;/b&gt; have raised &amp;pound;2,000</content>
                <author><name></name></author>
              </entry>
            </feed>
            """;

    @RegisterExtension
    static WireMockExtension site = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final FeedConnector connector =
            new FeedConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()),
                    ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());

    private Source watch(String path, String... terms) {
        return ConnectorFixtures.watch(Platform.RSS, List.of(terms), Map.of("url", site.baseUrl() + path), 100);
    }

    @Test
    void rssEntriesMentioningATermBecomePublicMentions() {
        site.stubFor(get("/education.rss").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml").withHeader("ETag", "\"v1\"").withBody(RSS)));

        Batch batch = connector.fetch(watch("/education.rss", "Oakfield Primary"), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId)
                .containsExactly("gazette-48213", "gazette-48199");
        FetchedPost choir = batch.posts().get(0);
        assertThat(choir.kind()).isEqualTo("PUBLIC_MENTION");
        assertThat(choir.text()).isEqualTo(
                "Oakfield Primary choir wins regional award\nPupils from Oakfield Primary took first place…");
        assertThat(choir.authorHandle()).isEqualTo("Jo Reporter");
        assertThat(choir.url()).isEqualTo("https://gazette.example/education/oakfield-choir");
        assertThat(choir.postedAt()).isEqualTo(Instant.parse("2026-11-22T08:15:00Z"));
        assertThat(batch.posts().get(1).postedAt()).isEqualTo(ConnectorFixtures.NOW);
        assertThat(batch.warnings()).anyMatch(w -> w.contains("clamped"));
        assertThat(batch.reads()).isEqualTo(3);
        assertThat(batch.next().positions()).containsEntry("etag", "\"v1\"")
                .containsEntry("since", ConnectorFixtures.NOW.toString());
    }

    @Test
    void theNextPollSendsTheValidatorsAndAnUnchangedFeedCostsNothing() {
        site.stubFor(get("/education.rss").withHeader("If-None-Match", absent()).willReturn(aResponse()
                .withStatus(200).withHeader("ETag", "\"v1\"").withBody(RSS)));
        site.stubFor(get("/education.rss").withHeader("If-None-Match", equalTo("\"v1\"")).willReturn(aResponse()
                .withStatus(304)));

        Batch first = connector.fetch(watch("/education.rss", "oakfield"), Cursor.START).block();
        Batch second = connector.fetch(watch("/education.rss", "oakfield"), first.next()).block();

        assertThat(first.posts()).hasSize(2);
        assertThat(second.posts()).isEmpty();
        assertThat(second.next()).isEqualTo(first.next());
    }

    @Test
    void entriesOlderThanTheCursorAreNotReadAgain() {
        site.stubFor(get("/alerts.atom").willReturn(aResponse().withStatus(200).withBody(ATOM)));

        Batch first = connector.fetch(watch("/alerts.atom"), Cursor.START).block();
        Batch second = connector.fetch(watch("/alerts.atom"), first.next()).block();

        assertThat(first.posts()).extracting(FetchedPost::text).containsExactly(
                "Oakfield Primary parents fundraise for new library\nParents at Oakfield Primary have raised £2,000");
        assertThat(first.posts().get(0).platformPostId()).isEqualTo("tag:google.com,2013:googlealerts/feed:998877");
        assertThat(second.posts()).isEmpty();
        assertThat(second.reads()).isZero();
    }

    @Test
    void aPageThatIsNotAFeedIsMalformed() {
        site.stubFor(get("/moved").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Moved</title></head><body><p>This feed has moved")));

        StepVerifier.create(connector.fetch(watch("/moved", "oakfield"), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void aFeedWithADoctypeIsRefusedSoExternalEntitiesAreNeverRead() {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title><item><title>Oakfield &secret;</title>
                <guid>1</guid></item></channel></rss>
                """;
        site.stubFor(get("/hostile").willReturn(aResponse().withStatus(200).withBody(hostile)));

        StepVerifier.create(connector.fetch(watch("/hostile", "oakfield"), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void aWatchWithoutAFeedUrlIsMisconfigured() {
        Source noUrl = ConnectorFixtures.watch(Platform.RSS, List.of("oakfield"), Map.of(), 100);

        StepVerifier.create(connector.fetch(noUrl, Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED
                        && failure.getMessage().contains("connection.url"))
                .verify();
        assertThat(site.getAllServeEvents()).isEmpty();
    }

    @Test
    void aFeedThatIsDownIsTransientAfterRetries() {
        site.stubFor(get("/down.rss").willReturn(aResponse().withStatus(503)));

        StepVerifier.create(connector.fetch(watch("/down.rss", "oakfield"), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.TRANSIENT)
                .verify();
        site.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/down.rss")));
    }
}
