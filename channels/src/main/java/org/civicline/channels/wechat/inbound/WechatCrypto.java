package org.civicline.channels.wechat.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Safe mode (安全模式): AES-256-CBC with the EncodingAESKey, IV = the key's first 16 bytes, PKCS#7 padding to a
 * multiple of 32 bytes. Plaintext = 16 random bytes + 4-byte big-endian length + message + app id.
 */
public final class WechatCrypto {
    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Looking a cipher up costs more than using it on a message: each thread keeps one (a Cipher is not thread-safe)
     * and initialises it per message with this app's key and IV.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is unavailable", e);
        }
    });

    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] appId;

    public WechatCrypto(String encodingAesKey, String appId) {
        byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
        if (raw.length != 32) {
            throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes, got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOfRange(raw, 0, 16));
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
    }

    public String encrypt(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        int length = 16 + 4 + body.length + appId.length;
        int pad = BLOCK - (length % BLOCK);
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random).putInt(body.length).put(body).put(appId);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is unavailable", e);
        }
    }

    /** The message inside; {@link BadCiphertextException} for anything that is not ours (wrong key, app id, padding). */
    public String decrypt(String encrypted) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypted.strip());
        } catch (IllegalArgumentException e) {
            throw new BadCiphertextException("Encrypt is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new BadCiphertextException("Encrypt has a length that is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new BadCiphertextException("Encrypt does not decrypt");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new BadCiphertextException("Encrypt has bad padding");
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new BadCiphertextException("Encrypt is too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new BadCiphertextException("Encrypt has a bad message length");
        }
        byte[] from = Arrays.copyOfRange(plain, 20 + length, end);
        if (!java.security.MessageDigest.isEqual(from, appId)) {
            throw new BadCiphertextException("Encrypt is for another app id");
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    /** Refused ciphertext; its message is safe to log and never echoes the input. */
    public static final class BadCiphertextException extends RuntimeException {
        public BadCiphertextException(String message) {
            super(message);
        }
    }
}
