package org.civicline.channels.open311;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code open311} section.
 *
 * @param apiKeys           keys that may POST; each Open311 client (the city app, FixMyStreet …) gets its own
 * @param cityAppKeys       the subset used by the city's own app: its reports are labelled 随手拍 (APP)
 * @param contact           who answers for this endpoint, shown in discovery
 * @param maxBodyBytes      largest form body without a photo
 * @param postsPerMinute    per client address
 */
public record Open311Config(List<String> apiKeys, List<String> cityAppKeys, String contact, int maxBodyBytes,
                            int postsPerMinute) implements ConfigSection {

    public Open311Config {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        cityAppKeys = cityAppKeys == null ? List.of() : List.copyOf(cityAppKeys);
        contact = contact == null ? "12345 市民服务热线" : contact;
        maxBodyBytes = maxBodyBytes == 0 ? 65_536 : maxBodyBytes;
        postsPerMinute = postsPerMinute == 0 ? 30 : postsPerMinute;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < apiKeys.size(); i++) {
            if (apiKeys.get(i).length() < 8) {
                problems.add("apiKeys[" + i + "]: expected at least 8 characters, got " + apiKeys.get(i).length());
            }
        }
        for (String key : cityAppKeys) {
            if (!apiKeys.contains(key.strip())) {
                problems.add("cityAppKeys: every key must also be in apiKeys");
                break;
            }
        }
        if (maxBodyBytes < 1024) {
            problems.add("maxBodyBytes: expected at least 1024, got " + maxBodyBytes);
        }
        return problems;
    }
}
