package org.civicline.channels.wechat.bench;

import org.civicline.channels.wechat.inbound.WechatCrypto;
import org.civicline.channels.wechat.inbound.WechatSignature;

/**
 * What a safe-mode WeChat message costs the node in cryptography: decrypting it, encrypting the reply and signing it,
 * per message, after the JIT has warmed up. Not a test; run it by hand (README, Load tool).
 */
public final class WechatCryptoCost {
    private WechatCryptoCost() {
    }

    public static void main(String[] args) {
        WechatCrypto crypto = new WechatCrypto("db+H/GC8f9uhhH28WiVcp4Vwb89OUNbjn7p01vLDLS0", "wxload337ad72399");
        String message = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>"
                + "<Content><![CDATA[路灯不亮了，幸福路12号]]></Content></xml>";
        int perRound = 100_000;
        long sink = 0;
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                String sealed = crypto.encrypt(message);
                sink += crypto.decrypt(sealed).length();
                sink += WechatSignature.of("token", "1700000000", "nonce", sealed).length();
            }
            System.out.printf("round %d: %.2f µs per message (decrypt + encrypt + signature)%n", round,
                    (System.nanoTime() - start) / 1_000.0 / perRound);
        }
        if (sink == 42) {
            System.out.println("unlikely");
        }
    }
}
