package org.civicline.core.bus;

import org.civicline.core.model.Channel;

/**
 * Send a short text to a person outside the center: a reminder to a department, a survey link to a resident.
 * Channels own the vendors; whoever serves {@link Addresses#NOTICE_SEND} delivers it or writes it to the outbox.
 *
 * @param channel {@link Channel#SMS} (to a phone) or {@link Channel#WECHAT} (to an openid)
 * @param purpose why it is sent, e.g. "reminder", "supervision", "survey", "case-update"
 * @param caseNumber the case it is about, for the delivery log
 */
public record SendNotice(Channel channel, String to, String text, String purpose, String caseNumber) {
}
