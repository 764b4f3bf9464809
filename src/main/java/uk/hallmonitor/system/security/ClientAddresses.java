package uk.hallmonitor.system.security;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request comes from and whether it arrived over TLS. {@code X-Forwarded-For} and {@code X-Forwarded-Proto}
 * are believed only when the connection itself comes from a configured trusted proxy: anyone else could send them.
 */
@Component
public class ClientAddresses {

    private final List<Range> trusted;

    ClientAddresses(SecurityProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(Range::parse).toList();
    }

    /** The client's address: the connection's, or the last hop a trusted proxy saw; never null. */
    public String of(ServerWebExchange exchange) {
        String direct = direct(exchange);
        if (!isTrusted(direct)) {
            return direct;
        }
        String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return direct;
        }
        // walk back from the nearest hop: the first address that is not one of our proxies is the client
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim().isEmpty() ? direct : hops[0].trim();
    }

    /** Whether the client reached us over HTTPS: the connection itself, or a trusted proxy that says so. */
    public boolean secure(ServerWebExchange exchange) {
        if (exchange.getRequest().getSslInfo() != null
                || "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            return true;
        }
        String proto = exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto");
        return proto != null && isTrusted(direct(exchange))
                && "https".equalsIgnoreCase(proto.split(",")[0].trim());
    }

    private static String direct(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        InetAddress parsed = literal(address);
        return parsed != null && trusted.stream().anyMatch(range -> range.contains(parsed));
    }

    /** An IP literal, or null: host names are never resolved here. */
    private static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> Character.isDigit(c) || c == '.'))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or CIDR range from the setting. */
    private record Range(BigInteger network, int prefix, int bits) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("hallmonitor.security.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)");
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(
                        "hallmonitor.security.trusted-proxies: bad prefix in '" + text + "'");
            }
            return new Range(masked(new BigInteger(1, address.getAddress()), prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            int len = address.getAddress().length * 8;
            return len == bits && masked(new BigInteger(1, address.getAddress()), prefix, bits).equals(network);
        }

        private static BigInteger masked(BigInteger value, int prefix, int bits) {
            return value.shiftRight(bits - prefix);
        }
    }
}
