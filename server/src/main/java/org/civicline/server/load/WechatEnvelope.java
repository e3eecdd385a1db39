package org.civicline.server.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's safe mode as WeChat's servers do it, written from WeChat's documentation (not from CivicLine's channel
 * code, so the tool checks the channel instead of agreeing with it): AES-256-CBC with the EncodingAESKey, IV = the
 * key's first 16 bytes, PKCS#7 padding to 32-byte blocks, plaintext = 16 random bytes + 4-byte big-endian length +
 * message + appid; signatures are SHA-1 over the sorted strings.
 */
final class WechatEnvelope {
    private static final int BLOCK = 32;
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final String token;
    private final byte[] key;
    private final String appId;
    /**
     * Each thread's two ciphers, set up once: a provider lookup and key schedule per message was the tool's largest
     * compilation and a visible share of its CPU at 300 messages/s. CBC starts again from the IV after doFinal.
     */
    private final ThreadLocal<Cipher[]> ciphers = ThreadLocal.withInitial(this::newCiphers);

    WechatEnvelope(String token, String encodingAesKey, String appId) {
        this.token = token;
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        if (key.length != 32) {
            throw new LoadOptions.BadOption("the WeChat EncodingAESKey must decode to 32 bytes");
        }
        this.appId = appId == null ? "" : appId;
    }

    /** The ciphertext WeChat puts in {@code <Encrypt>}. */
    String encrypt(String xml, Random random) {
        byte[] message = xml.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + message.length + app.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        byte[] noise = new byte[16];
        random.nextBytes(noise);
        plain.put(noise).putInt(message.length).put(message).put(app);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, plain.array()));
    }

    /** The message inside a ciphertext; fails when the padding, the length or the appid is not right. */
    String decrypt(String encrypted) {
        byte[] plain = crypt(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypted));
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
            throw new LoadFailure("bad reply", "padding");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > plain.length - pad) {
            throw new LoadFailure("bad reply", "length");
        }
        String from = new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(appId)) {
            throw new LoadFailure("bad reply", "appid " + from);
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    /** {@code signature} of the URL: SHA-1 of the sorted token, timestamp and nonce. */
    String urlSignature(String timestamp, String nonce) {
        return sha1(token, timestamp, nonce);
    }

    /** {@code msg_signature}: SHA-1 of the sorted token, timestamp, nonce and ciphertext. */
    String messageSignature(String timestamp, String nonce, String encrypted) {
        return sha1(token, timestamp, nonce, encrypted);
    }

    private byte[] crypt(int mode, byte[] input) {
        try {
            return ciphers.get()[mode == Cipher.ENCRYPT_MODE ? 0 : 1].doFinal(input);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LoadFailure("bad reply", e.getMessage());
        }
    }

    private Cipher[] newCiphers() {
        try {
            Cipher encrypt = Cipher.getInstance("AES/CBC/NoPadding");
            Cipher decrypt = Cipher.getInstance("AES/CBC/NoPadding");
            SecretKeySpec aes = new SecretKeySpec(key, "AES");
            IvParameterSpec iv = new IvParameterSpec(Arrays.copyOf(key, 16));
            encrypt.init(Cipher.ENCRYPT_MODE, aes, iv);
            decrypt.init(Cipher.DECRYPT_MODE, aes, iv);
            return new Cipher[] {encrypt, decrypt};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    static String sha1(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        MessageDigest sha1 = SHA1.get();
        for (String part : sorted) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest());
    }
}
