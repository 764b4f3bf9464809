package uk.hallmonitor.system.outbound;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import reactor.netty.http.client.HttpClient;

/**
 * The outbound URL policy: https only, and never to loopback, link-local (cloud metadata included), private (RFC
 * 1918, CGNAT, IPv6 unique-local) or unspecified addresses, unless the operator's allow-list names the host, the host
 * and port, or a network holding the address; an allowed entry may also be called over plain http. {@link #refusal}
 * checks a URL as it is saved and again before it is called; {@link #guard} re-checks every name at connect time on
 * the address it resolved to, and every redirect, so DNS rebinding and redirects cannot get round the first check.
 */
public final class OutboundPolicy {

    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*");
    private static final List<String> METADATA_NAMES = List.of("metadata.google.internal", "metadata",
            "instance-data", "instance-data.ec2.internal");

    private final List<String> hosts;
    private final List<HostPort> hostPorts;
    private final List<Network> networks;
    private final List<String> entries;

    private OutboundPolicy(List<String> hosts, List<HostPort> hostPorts, List<Network> networks, List<String> entries) {
        this.hosts = hosts;
        this.hostPorts = hostPorts;
        this.networks = networks;
        this.entries = entries;
    }

    /** The policy with the operator's allow-list; each entry a host, {@code host:port} or CIDR network. */
    public static OutboundPolicy allowing(Collection<String> allow) {
        List<String> hosts = new ArrayList<>();
        List<HostPort> hostPorts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : allow) {
            for (String part : raw.split(",")) {
                String entry = part.strip().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                entries.add(entry);
                if (entry.contains("/")) {
                    networks.add(Network.parse(entry));
                } else if (entry.startsWith("[") && entry.contains("]:")) {
                    int close = entry.indexOf("]:");
                    hostPorts.add(new HostPort(normal(entry.substring(1, close)),
                            Integer.parseInt(entry.substring(close + 2))));
                } else if (entry.indexOf(':') > 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                    int colon = entry.indexOf(':');
                    hostPorts.add(new HostPort(normal(entry.substring(0, colon)),
                            Integer.parseInt(entry.substring(colon + 1))));
                } else {
                    hosts.add(normal(bare(entry)));
                }
            }
        }
        return new OutboundPolicy(List.copyOf(hosts), List.copyOf(hostPorts), List.copyOf(networks),
                List.copyOf(entries));
    }

    /** The policy with an empty allow-list: public https only. */
    public static OutboundPolicy strict() {
        return allowing(List.of());
    }

    /** The allow-list as configured, for messages and the documentation. */
    public List<String> allowList() {
        return entries;
    }

    /**
     * Why the URL may not be called, or empty when it may: the check made when a URL is saved (a name is checked
     * as written; the address it resolves to is checked at connect time).
     */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (Exception e) {
            return Optional.of("not a URL; give an https:// address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.of("give an absolute https:// address");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("an address may not carry a user name or password; secrets belong in the vault");
        }
        String host = bare(uri.getHost());
        int port = port(scheme, uri.getPort());
        InetAddress literal = null;
        if (NUMERIC_HOST.matcher(host).matches()) {
            try {
                literal = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                return Optional.of("'" + host + "' is not a valid address");
            }
        }
        if (allowsName(host, port) || literal != null && allowsAddress(literal, port)) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of(onlyHttps(host));
        }
        if (literal != null && internal(literal)) {
            return Optional.of(internalRefusal(host));
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || METADATA_NAMES.contains(host)) {
            return Optional.of(internalRefusal(host));
        }
        return Optional.empty();
    }

    /**
     * Why a connection to the host may not go to the address it resolved to, or empty when it may: the check made
     * at connect time on every name, so a name that resolves (or later re-resolves) to an internal address is
     * refused.
     */
    public Optional<String> addressRefusal(String host, int port, InetAddress resolved) {
        String name = bare(host == null ? "" : host);
        if (allowsName(name, port) || resolved != null && allowsAddress(resolved, port)) {
            return Optional.empty();
        }
        if (resolved == null || internal(resolved) || name.equals("localhost") || name.endsWith(".localhost")
                || METADATA_NAMES.contains(name)) {
            return Optional.of(internalRefusal(name + (resolved == null ? "" : " (" + resolved.getHostAddress()
                    + ")")));
        }
        return Optional.empty();
    }

    /**
     * The client with the connect-time checks: every name is resolved through the policy (a name resolving to an
     * internal address fails before a connection is opened), and a redirect is followed only to a URL the policy
     * allows (scheme and address literal included). Callers check the first URL with {@link #refusal(String)}.
     */
    public HttpClient guard(HttpClient client) {
        // the JDK resolver (the operating system's, as the rest of the JVM uses), its answers checked by the policy
        return guard(client, DefaultAddressResolverGroup.INSTANCE);
    }

    /** The guarded client resolving names through the given resolver (tests stand in a rebinding DNS server). */
    HttpClient guard(HttpClient client, AddressResolverGroup<InetSocketAddress> resolver) {
        return client.resolver(new GuardedResolverGroup(this, resolver));
    }

    /** The guarded client, following redirects only to URLs the policy allows. */
    public HttpClient guardFollowingRedirects(HttpClient client) {
        return guardFollowingRedirects(client, DefaultAddressResolverGroup.INSTANCE);
    }

    HttpClient guardFollowingRedirects(HttpClient client, AddressResolverGroup<InetSocketAddress> resolver) {
        return guard(client, resolver).followRedirect((request, response) -> {
            int status = response.status().code();
            String location = response.responseHeaders().get("Location");
            if (status < 300 || status > 399 || location == null) {
                return false;
            }
            try {
                return refusal(URI.create(request.resourceUrl()).resolve(location.strip()).toString()).isEmpty();
            } catch (IllegalArgumentException bad) {
                return false;
            }
        });
    }

    /** Whether the address is one the service never calls without the operator's say-so. */
    public static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // CGNAT 100.64.0.0/10
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7 (fd00:ec2::254 included)
                return true;
            }
            boolean mapped = true; // ::ffff:a.b.c.d written as IPv6
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A host as compared: an address literal in Java's one spelling of it, a name as written. */
    private static String normal(String host) {
        String h = bare(host);
        if (NUMERIC_HOST.matcher(h).matches()) {
            try {
                return InetAddress.getByName(h).getHostAddress().toLowerCase(Locale.ROOT);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("hallmonitor.outbound.allow: '" + host + "' is not an address");
            }
        }
        return h;
    }

    private boolean allowsName(String host, int port) {
        return hosts.contains(host) || hostPorts.contains(new HostPort(host, port));
    }

    private boolean allowsAddress(InetAddress address, int port) {
        String text = bare(address.getHostAddress().toLowerCase(Locale.ROOT));
        if (hosts.contains(text) || hostPorts.contains(new HostPort(text, port))) {
            return true;
        }
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    private String onlyHttps(String host) {
        return "use an https:// address; plain http is allowed only to hosts on the operator's allow-list"
                + " (HALLMONITOR_OUTBOUND_ALLOW), and '" + host + "' is not on it";
    }

    private static String internalRefusal(String host) {
        return "'" + host + "' is a loopback, private, link-local or cloud-metadata address; the service calls such"
                + " addresses only when the operator's allow-list (HALLMONITOR_OUTBOUND_ALLOW) names them";
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "http".equalsIgnoreCase(scheme) ? 80 : 443;
    }

    private record HostPort(String host, int port) {
    }

    /** A CIDR network such as {@code 10.20.0.0/16} or {@code fd00::/8}. */
    private record Network(byte[] base, int bits) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] base = InetAddress.getByName(bare(cidr.substring(0, slash))).getAddress();
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                if (bits < 0 || bits > base.length * 8) {
                    throw new IllegalArgumentException("hallmonitor.outbound.allow: bad prefix length in " + cidr);
                }
                return new Network(base, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("hallmonitor.outbound.allow: '" + cidr + "' is not a CIDR network");
            }
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != base.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != base[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (base[full] & mask);
        }
    }
}
