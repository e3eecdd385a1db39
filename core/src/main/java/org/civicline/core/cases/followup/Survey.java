package org.civicline.core.cases.followup;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * One survey link sent to a resident. The token is the only key: 24 random bytes, so links cannot be guessed or
 * walked through like case numbers.
 */
public record Survey(String token, String caseNumber, Instant sentAt, Instant expiresAt, Instant answeredAt) {
    /** The reference-store kind surveys are kept under, keyed by token. */
    public static final String KIND = "survey";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens we issue are 32 URL-safe characters; anything else is not looked up at all. */
    public static boolean isWellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{32}");
    }

    public Survey answered(Instant at) {
        return new Survey(token, caseNumber, sentAt, expiresAt, at);
    }

    public boolean isOpen(Instant now) {
        return answeredAt == null && now.isBefore(expiresAt);
    }
}
