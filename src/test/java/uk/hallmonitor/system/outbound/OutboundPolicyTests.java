package uk.hallmonitor.system.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

class OutboundPolicyTests {

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")).build();

    @ParameterizedTest(name = "{0} with allow-list [{1}] -> allowed={2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://mastodon.social/                 |                            | true
            https://api.x.com/2/                     |                            | true
            http://mastodon.social/                  |                            | false
            https://127.0.0.1/                       |                            | false
            https://127.1/                           |                            | false
            https://2130706433/                      |                            | false
            https://localhost:8443/                  |                            | false
            https://foo.localhost/                   |                            | false
            https://169.254.169.254/latest/meta-data |                            | false
            https://metadata.google.internal/        |                            | false
            https://[fd00:ec2::254]/                 |                            | false
            https://[::1]/                           |                            | false
            https://[fe80::1]/                       |                            | false
            https://[::ffff:10.0.0.1]/               |                            | false
            https://10.1.2.3/                        |                            | false
            https://172.16.0.1/                      |                            | false
            https://192.168.1.1/                     |                            | false
            https://100.64.0.1/                      |                            | false
            https://0.0.0.0/                         |                            | false
            https://8.8.8.8/                         |                            | true
            https://user:pw@mastodon.social/         |                            | false
            ftp://mastodon.social/                   |                            | false
            http://127.0.0.1:8089/                   | 127.0.0.1                  | true
            https://10.20.3.4/                       | 127.0.0.1,10.20.0.0/16     | true
            http://10.20.3.4:8080/                   | 127.0.0.1,10.20.0.0/16     | true
            https://10.21.3.4/                       | 127.0.0.1,10.20.0.0/16     | false
            http://intranet.school:8080/             | intranet.school:8080       | true
            http://intranet.school:8081/             | intranet.school:8080       | false
            https://[fd00::5]/                       | fd00::/8                   | true
            https://[::1]:9000/                      | [::1]                      | true
            """)
    void aSavedUrlPassesOnlyWhenPublicHttpsOrAllowListed(String url, String allow, boolean allowed) {
        OutboundPolicy policy = OutboundPolicy.allowing(allow == null ? List.of() : List.of(allow));

        assertThat(policy.refusal(url)).as(url).matches(refusal -> refusal.isEmpty() == allowed);
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAtConnectTimeBeforeAnythingIsSent() {
        platform.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("secret data")));
        String url = "https://rebound.example:" + platform.getRuntimeInfo().getHttpsPort() + "/api";
        OutboundPolicy strict = OutboundPolicy.strict();
        assertThat(strict.refusal(url)).as("the name looks public when saved").isEmpty();

        StepVerifier.create(client(strict).get().uri(url).header("Authorization", "Bearer school-token")
                .retrieve().bodyToMono(String.class))
                .expectErrorSatisfies(failure -> assertThat(rootCause(failure)).isInstanceOf(OutboundRefused.class)
                        .hasMessageContaining("127.0.0.1"))
                .verify(Duration.ofSeconds(20));
        platform.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theSameNameIsCalledWhenTheOperatorAllowsTheAddress() {
        platform.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("public data")));
        String url = "https://rebound.example:" + platform.getRuntimeInfo().getHttpsPort() + "/api";

        StepVerifier.create(client(OutboundPolicy.allowing(List.of("127.0.0.1"))).get().uri(url)
                .retrieve().bodyToMono(String.class))
                .expectNext("public data")
                .verifyComplete();
    }

    @Test
    void aRedirectToAnAddressOutsideThePolicyIsNotFollowed() {
        platform.stubFor(get("/start").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + platform.getRuntimeInfo().getHttpPort() + "/inside")));
        platform.stubFor(get("/inside").willReturn(aResponse().withStatus(200).withBody("inside")));
        String url = "https://rebound.example:" + platform.getRuntimeInfo().getHttpsPort() + "/start";
        // the operator allows the https port of the platform only, not the plain http one the redirect points at
        OutboundPolicy policy =
                OutboundPolicy.allowing(List.of("127.0.0.1:" + platform.getRuntimeInfo().getHttpsPort()));

        StepVerifier.create(client(policy, true).get().uri(url)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .expectNext(302)
                .verifyComplete();
        platform.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/inside")));
    }

    private static WebClient client(OutboundPolicy policy) {
        return client(policy, false);
    }

    /** A client that resolves every name to loopback, as a rebinding DNS server would, and trusts WireMock's cert. */
    private static WebClient client(OutboundPolicy policy, boolean followRedirects) {
        HttpClient plain = HttpClient.create()
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                        .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))));
        HttpClient netty = followRedirects ? policy.guardFollowingRedirects(plain, new LoopbackResolverGroup())
                : policy.guard(plain, new LoopbackResolverGroup());
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(netty)).build();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof OutboundRefused) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static final class LoopbackResolverGroup extends AddressResolverGroup<InetSocketAddress> {
        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) {
                    promise.setSuccess(InetAddress.getLoopbackAddress());
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                    promise.setSuccess(List.of(InetAddress.getLoopbackAddress()));
                }
            }.asAddressResolver();
        }
    }
}
