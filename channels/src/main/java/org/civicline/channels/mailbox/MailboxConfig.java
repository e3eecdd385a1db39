package org.civicline.channels.mailbox;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code mailbox} section (书记区长信箱).
 *
 * @param lettersPerIpPerHour    letters accepted from one address per hour
 * @param lettersPerPhonePerDay  letters accepted for one phone number per day
 * @param queriesPerIpPerHour    query-code lookups from one address per hour (stops guessing)
 * @param firstResponseHours     the first-response target promised on the receipt
 */
public record MailboxConfig(int lettersPerIpPerHour, int lettersPerPhonePerDay, int queriesPerIpPerHour,
                            int firstResponseHours, int maxAttachments, int maxBodyBytes) implements ConfigSection {

    public MailboxConfig {
        lettersPerIpPerHour = lettersPerIpPerHour == 0 ? 5 : lettersPerIpPerHour;
        lettersPerPhonePerDay = lettersPerPhonePerDay == 0 ? 3 : lettersPerPhonePerDay;
        queriesPerIpPerHour = queriesPerIpPerHour == 0 ? 30 : queriesPerIpPerHour;
        firstResponseHours = firstResponseHours == 0 ? 24 : firstResponseHours;
        maxAttachments = maxAttachments == 0 ? 3 : maxAttachments;
        maxBodyBytes = maxBodyBytes == 0 ? 65_536 : maxBodyBytes;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (lettersPerIpPerHour < 1 || lettersPerPhonePerDay < 1 || queriesPerIpPerHour < 1) {
            problems.add("lettersPerIpPerHour, lettersPerPhonePerDay, queriesPerIpPerHour: expected at least 1");
        }
        if (firstResponseHours < 1) {
            problems.add("firstResponseHours: expected at least 1, got " + firstResponseHours);
        }
        if (maxAttachments < 0 || maxAttachments > 10) {
            problems.add("maxAttachments: expected 0 to 10, got " + maxAttachments);
        }
        if (maxBodyBytes < 8192) {
            problems.add("maxBodyBytes: expected at least 8192, got " + maxBodyBytes);
        }
        return problems;
    }
}
