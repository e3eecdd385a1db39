package org.civicline.channels.wechat.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** WeChat's request signature: hex SHA-1 of the sorted parts joined, compared in constant time. */
public final class WechatSignature {
    /** One digest per thread, reset by each digest() call: looking one up per request costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    });

    private WechatSignature() {
    }

    public static String of(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return HexFormat.of().formatHex(SHA1.get().digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    }

    /** False for any missing part, so a request without its signature is refused like a wrong one. */
    public static boolean matches(String signature, String... parts) {
        if (signature == null) {
            return false;
        }
        for (String part : parts) {
            if (part == null) {
                return false;
            }
        }
        return MessageDigest.isEqual(of(parts).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
