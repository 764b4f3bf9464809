package uk.hallmonitor.connectors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.x.XConnector;
import uk.hallmonitor.system.Platform;

/**
 * How many X account polls one instance's connector layer sustains against a fake X answering every request in 50 ms
 * (two requests per poll from a fresh cursor: own posts, then mentions). One operation polls {@link #ACCOUNTS}
 * accounts with up to {@link #CONCURRENCY} polls in flight; accounts per minute = operations per minute x ACCOUNTS.
 * Run by hand: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main
 * ConnectorThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
@Fork(1)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 15)
public class ConnectorThroughputBenchmark {

    static final int ACCOUNTS = 1_000;
    static final int CONCURRENCY = 250;

    private static final String PAGE = """
            {"data":[{"id":"1861000000000000005","text":"@school thank you &amp; well done","author_id":"22",
            "created_at":"2026-11-22T09:41:07.000Z","conversation_id":"1861000000000000005",
            "edit_history_tweet_ids":["1861000000000000005"]}],
            "includes":{"users":[{"id":"22","username":"parent"}]},"meta":{"result_count":1}}
            """;

    private DisposableServer fakeX;
    private XConnector connector;
    private PlatformHttp http;
    private List<Source> sources;

    @Setup(Level.Trial)
    public void start() {
        fakeX = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .sendString(Mono.delay(Duration.ofMillis(50)).thenReturn(PAGE)))
                .bindNow();
        ConnectorProperties properties = ConnectorProperties.defaults();
        http = new PlatformHttp(properties, ConnectorFixtures.LOOPBACK_ALLOWED);
        ConnectorFixtures.TestVault vault = new ConnectorFixtures.TestVault();
        String base = "http://127.0.0.1:" + fakeX.port() + "/";
        sources = new java.util.ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            vault.put("acc-" + i, "bearerToken", "token-" + i);
            sources.add(new Source("acc-" + i, "school-1", Platform.X, Integer.toString(1_000_000 + i), "school",
                    List.of(), Map.of("baseUrl", base), 100));
        }
        connector = new XConnector(http, vault.secrets(), java.time.Clock.systemUTC(), properties);
    }

    @TearDown(Level.Trial)
    public void stop() {
        http.close();
        fakeX.disposeNow();
    }

    @Benchmark
    public long pollAThousandAccounts() {
        return Flux.fromIterable(sources)
                .flatMap(source -> connector.fetch(source, Cursor.START)
                        .map(batch -> (long) batch.posts().size())
                        // a failed poll counts as -1: the score is only meaningful while failures stay at zero
                        .onErrorResume(ConnectorException.class, failure -> Mono.just(-1L)), CONCURRENCY)
                .reduce(0L, Long::sum)
                .block();
    }
}
