package org.civicline.channels.wechat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** What WeChat's servers do, written from the protocol notes and independent of the code under test. */
final class WechatServerSide {
    static final String TOKEN = "civicToken42";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wx1234567890abcdef";

    private WechatServerSide() {
    }

    static String sign(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(String timestamp, String nonce) {
        return "signature=" + sign(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
    }

    static String encrypt(String xml, String appId) {
        try {
            byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
            byte[] msg = xml.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            plain.write("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            plain.write(new byte[]{(byte) (msg.length >>> 24), (byte) (msg.length >>> 16), (byte) (msg.length >>> 8),
                    (byte) msg.length});
            plain.write(msg);
            plain.write(appId.getBytes(StandardCharsets.UTF_8));
            int pad = 32 - plain.size() % 32;
            for (int i = 0; i < pad; i++) {
                plain.write(pad);
            }
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.toByteArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts our encrypted reply and checks the app id at its end. */
    static String decrypt(String encrypted) {
        try {
            byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            byte[] plain = aes.doFinal(Base64.getDecoder().decode(encrypted));
            int pad = plain[plain.length - 1];
            if (pad < 1 || pad > 32 || plain.length % 32 != 0) {
                throw new IllegalStateException("not padded to 32 bytes with PKCS#7: " + pad);
            }
            int length = ((plain[16] & 0xff) << 24) | ((plain[17] & 0xff) << 16) | ((plain[18] & 0xff) << 8)
                    | (plain[19] & 0xff);
            String appId = new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8);
            if (!APP_ID.equals(appId)) {
                throw new IllegalStateException("reply is for app id " + appId);
            }
            return new String(plain, 20, length, StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?</" + name + ">", Pattern.DOTALL)
                .matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    static String text(String openId, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh_civic]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>1795400000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    static String message(String openId, String type, String fields) {
        return "<xml><ToUserName><![CDATA[gh_civic]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>1795400000</CreateTime><MsgType><![CDATA[" + type
                + "]]></MsgType>" + fields + "</xml>";
    }
}
