package org.civicline.channels.wechat.outbound;

import java.time.Instant;

/** A WeChat API access token and when to stop using it (a little before WeChat does). */
public record AccessToken(String value, Instant refreshAfter) {
}
