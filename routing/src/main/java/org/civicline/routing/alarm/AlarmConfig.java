package org.civicline.routing.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code alarms:} section.
 *
 * @param gateways              device gateway id → the key it sends in {@code X-Gateway-Key}; a key can be set
 *                              from the environment, e.g. {@code CIVICLINE_ALARMS_GATEWAYS_DEMO_GATEWAY}
 * @param answerSeconds         an alarm no agent has answered by then is escalated to the supervisors, and again
 *                              every as many seconds while it waits
 * @param joinWindowMinutes     a device's repeated alarms within this time join the open alarm
 * @param fieldResponseMinutes  how long each grid worker has to accept an alarm visit
 * @param careResponseMinutes   how long the resident's grid worker has to accept a care task (battery, heartbeat)
 * @param elderlySkill          the routing skill of agents trained for the elderly line
 * @param maxBodyBytes          largest alarm or device request
 * @param maxCsvBytes           largest CSV import
 * @param devicesFile           devices (CSV, relative to the config folder) loaded when the registry is empty; the
 *                              demo residents; "" for none
 */
public record AlarmConfig(Map<String, String> gateways, int answerSeconds, int joinWindowMinutes, int fieldResponseMinutes,
                          int careResponseMinutes, String elderlySkill, int maxBodyBytes, int maxCsvBytes,
                          String devicesFile)
        implements ConfigSection {

    public AlarmConfig {
        gateways = gateways == null ? Map.of() : Map.copyOf(gateways);
        answerSeconds = answerSeconds == 0 ? 30 : answerSeconds;
        joinWindowMinutes = joinWindowMinutes == 0 ? 10 : joinWindowMinutes;
        fieldResponseMinutes = fieldResponseMinutes == 0 ? 5 : fieldResponseMinutes;
        careResponseMinutes = careResponseMinutes == 0 ? 240 : careResponseMinutes;
        elderlySkill = elderlySkill == null ? "elderly" : elderlySkill;
        maxBodyBytes = maxBodyBytes == 0 ? 16 * 1024 : maxBodyBytes;
        maxCsvBytes = maxCsvBytes == 0 ? 1024 * 1024 : maxCsvBytes;
        devicesFile = devicesFile == null ? "" : devicesFile;
    }

    public static AlarmConfig defaults() {
        return new AlarmConfig(null, 0, 0, 0, 0, null, 0, 0, null);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        gateways.forEach((id, key) -> {
            if (!id.matches("[A-Za-z0-9_-]{1,40}")) {
                problems.add("gateways." + id + ": expected an id of 1 to 40 letters, digits, '-' or '_'");
            }
            if (key == null || key.length() < 16 || key.length() > 200) {
                problems.add("gateways." + id + ": expected a key of 16 to 200 characters");
            }
        });
        if (answerSeconds < 5 || answerSeconds > 600) {
            problems.add("answerSeconds: expected 5 to 600, got " + answerSeconds);
        }
        if (joinWindowMinutes < 1 || fieldResponseMinutes < 1 || careResponseMinutes < 1) {
            problems.add("joinWindowMinutes, fieldResponseMinutes, careResponseMinutes: expected at least 1");
        }
        if (maxBodyBytes < 1024 || maxCsvBytes < 1024) {
            problems.add("maxBodyBytes, maxCsvBytes: expected at least 1024");
        }
        return problems;
    }
}
