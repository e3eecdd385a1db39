package org.civicline.core.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicline.core.config.ConfigSection;
import org.civicline.core.model.Channel;

/**
 * The {@code cases} section: reminder share, follow-up, duplicate detection and how many recent cases lists and
 * reports look at.
 *
 * @param reminderShare share of a step's time limit at which the assignee is reminded (催办), e.g. 0.8
 * @param scanLimit     how many of the newest cases duplicate suggestions consider
 */
public record CasesConfig(Double reminderShare, StepLimits stepLimits, FollowUp followUp, Duplicates duplicates,
                          Integer scanLimit) implements ConfigSection {

    /**
     * Limits of the steps around handling, in working hours, each cut short by the handling limit (which comes from
     * the category and priority): the department signs for a dispatched case (签收), the hotline verifies feedback.
     */
    public record StepLimits(Integer acceptWorkingHours, Integer verificationWorkingHours) {
    }

    /**
     * @param delayMinutes    how long after closing the follow-up starts
     * @param surveyValidDays how long a survey link can be answered
     * @param reopenAtOrBelow a satisfaction (1–5) at or below this reopens the case, as "not solved" does
     * @param byChannel       how residents of each channel are followed up; channels left out use CALLBACK when
     *                        they came by voice, SURVEY_SMS otherwise
     */
    public record FollowUp(Integer delayMinutes, Integer surveyValidDays, Integer reopenAtOrBelow,
                           Map<Channel, FollowUpMethod> byChannel) {
    }

    /** How a resident is asked whether the case was solved. */
    public enum FollowUpMethod { SURVEY_SMS, SURVEY_WECHAT, CALLBACK }

    /** Open cases of the same category within this distance and time window are suggested as duplicates. */
    public record Duplicates(Integer distanceMeters, Integer windowHours) {
    }

    public static CasesConfig defaults() {
        return new CasesConfig(null, null, null, null, null);
    }

    public CasesConfig {
        reminderShare = reminderShare == null ? 0.8 : reminderShare;
        StepLimits l = stepLimits == null ? new StepLimits(null, null) : stepLimits;
        stepLimits = new StepLimits(l.acceptWorkingHours() == null ? 4 : l.acceptWorkingHours(),
                l.verificationWorkingHours() == null ? 8 : l.verificationWorkingHours());
        FollowUp f = followUp == null ? new FollowUp(null, null, null, null) : followUp;
        followUp = new FollowUp(f.delayMinutes() == null ? 60 : f.delayMinutes(),
                f.surveyValidDays() == null ? 7 : f.surveyValidDays(),
                f.reopenAtOrBelow() == null ? 2 : f.reopenAtOrBelow(),
                f.byChannel() == null ? Map.of() : Map.copyOf(f.byChannel()));
        Duplicates d = duplicates == null ? new Duplicates(null, null) : duplicates;
        duplicates = new Duplicates(d.distanceMeters() == null ? 200 : d.distanceMeters(),
                d.windowHours() == null ? 72 : d.windowHours());
        scanLimit = scanLimit == null ? 5000 : scanLimit;
    }

    public FollowUpMethod followUpMethod(Channel channel) {
        FollowUpMethod chosen = followUp.byChannel().get(channel);
        if (chosen != null) {
            return chosen;
        }
        if (channel == Channel.WECHAT) {
            return FollowUpMethod.SURVEY_WECHAT;
        }
        return channel.isVoice() ? FollowUpMethod.CALLBACK : FollowUpMethod.SURVEY_SMS;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(reminderShare > 0 && reminderShare < 1)) {
            problems.add("reminderShare: must be between 0 and 1 (e.g. 0.8), got " + reminderShare);
        }
        if (stepLimits.acceptWorkingHours() < 1 || stepLimits.verificationWorkingHours() < 1) {
            problems.add("stepLimits: acceptWorkingHours and verificationWorkingHours must be at least 1");
        }
        if (followUp.delayMinutes() < 0) {
            problems.add("followUp.delayMinutes: must not be negative, got " + followUp.delayMinutes());
        }
        if (followUp.surveyValidDays() < 1) {
            problems.add("followUp.surveyValidDays: must be at least 1, got " + followUp.surveyValidDays());
        }
        if (followUp.reopenAtOrBelow() < 0 || followUp.reopenAtOrBelow() > 5) {
            problems.add("followUp.reopenAtOrBelow: must be 0–5, got " + followUp.reopenAtOrBelow());
        }
        if (duplicates.distanceMeters() < 0 || duplicates.windowHours() < 0) {
            problems.add("duplicates: distanceMeters and windowHours must not be negative");
        }
        if (scanLimit < 1) {
            problems.add("scanLimit: must be at least 1, got " + scanLimit);
        }
        return problems;
    }
}
