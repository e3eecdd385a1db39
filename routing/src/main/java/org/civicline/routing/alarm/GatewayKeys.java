package org.civicline.routing.alarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a gateway's key in constant time: both sides are hashed to the same length and compared with
 * {@link MessageDigest#isEqual}; an unknown gateway is compared against a random key so its answer takes as long.
 */
public final class GatewayKeys {
    private final Map<String, byte[]> digests = new HashMap<>();
    private final byte[] decoy = new byte[32];

    public GatewayKeys(Map<String, String> gateways) {
        new SecureRandom().nextBytes(decoy);
        gateways.forEach((id, key) -> digests.put(id, digest(key)));
    }

    public boolean valid(String gatewayId, String key) {
        byte[] expected = gatewayId == null ? null : digests.get(gatewayId);
        boolean same = MessageDigest.isEqual(expected == null ? decoy : expected, digest(key == null ? "" : key));
        return same && expected != null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
