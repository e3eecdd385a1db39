package org.civicline.core.http;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicline.core.config.AppConfig;

/**
 * Who sent a request, for the per-address limits. Behind nginx every request comes from nginx, and all residents of a
 * city would share one address's limit; so when the peer is one of the configured proxies ({@code http.trustedProxies})
 * the client is the address the proxy names ({@code X-Real-IP}, else the last {@code X-Forwarded-For} entry, which is
 * the one the proxy added). From any other peer those headers are ignored: a resident cannot name themselves.
 */
public final class ClientAddresses {
    /** Trusts no proxy: every request's client is its peer. */
    public static final ClientAddresses DIRECT = new ClientAddresses(List.of());

    private final Set<String> trusted;

    public ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(address -> canonical(address).orElseThrow(() ->
                new IllegalArgumentException("not an IP address: " + address))).collect(Collectors.toUnmodifiableSet());
    }

    /** The proxies named by {@code http.trustedProxies} (none when the key is absent). */
    public static ClientAddresses of(AppConfig config) {
        return config.has("http.trustedProxies")
                ? new ClientAddresses(Arrays.asList(config.section("http.trustedProxies", String[].class)))
                : DIRECT;
    }

    /** The client's address, or "unknown" when the connection has none (a domain socket). */
    public String of(HttpServerRequest request) {
        Optional<String> peer = peer(request);
        if (peer.isEmpty()) {
            return "unknown";
        }
        if (!trusted.contains(peer.get())) {
            return peer.get();
        }
        Optional<String> named = canonical(request.getHeader("X-Real-IP"));
        if (named.isPresent()) {
            return named.get();
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null) {
            String[] hops = forwarded.split(",");
            Optional<String> last = canonical(hops[hops.length - 1]);
            if (last.isPresent()) {
                return last.get();
            }
        }
        return peer.get();
    }

    /**
     * True for a caller on this machine's loopback that did not come through a proxy (no forwarding header): a
     * reverse proxy on the same machine would otherwise make every visitor look local.
     */
    public static boolean isLocalAndDirect(HttpServerRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null
                || request.getHeader("X-Real-IP") != null) {
            return false;
        }
        return peer(request).map(ClientAddresses::isLoopback).orElse(false);
    }

    /** Whether {@code text} is an IPv4 or IPv6 address written out (no name that would need a lookup). */
    public static boolean isAddress(String text) {
        return canonical(text).isPresent();
    }

    private static Optional<String> peer(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || !remote.isInetSocket() ? Optional.empty() : canonical(remote.hostAddress());
    }

    /** One spelling per address (an IPv6 address can be written several ways), or empty for anything else. */
    private static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text.strip());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isLoopback(String canonicalAddress) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(canonicalAddress);
        try {
            return bytes != null && InetAddress.getByAddress(bytes).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
