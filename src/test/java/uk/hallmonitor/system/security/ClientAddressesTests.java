package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Forwarded headers are believed only from a configured proxy. */
class ClientAddressesTests {

    @ParameterizedTest(name = "{0} from {1} via {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # trusted          | connection  | X-Forwarded-For        | X-Forwarded-Proto | client         | secure
            ''                 | 10.0.0.5    | 203.0.113.9            | https             | 10.0.0.5       | false
            10.0.0.0/24        | 10.0.0.5    | 203.0.113.9            | https             | 203.0.113.9    | true
            10.0.0.5           | 10.0.0.6    | 203.0.113.9            | https             | 10.0.0.6       | false
            10.0.0.0/24        | 10.0.0.5    | 198.51.100.1, 10.0.0.7 | http              | 198.51.100.1   | false
            10.0.0.0/24        | 10.0.0.5    | 1.2.3.4, 203.0.113.9   | https             | 203.0.113.9    | true
            """)
    void forwardedHeadersCountOnlyFromTrustedProxies(String trusted, String connection, String forwardedFor,
                                                     String proto, String client, boolean secure) {
        List<String> proxies = trusted == null ? List.of() : Arrays.asList(trusted.split(","));
        ClientAddresses addresses = new ClientAddresses(new SecurityProperties(null, null, null, proxies));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://hm.test/login")
                .remoteAddress(new InetSocketAddress(connection, 40000))
                .header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", proto));
        assertThat(addresses.of(exchange)).isEqualTo(client);
        assertThat(addresses.secure(exchange)).isEqualTo(secure);
    }
}
