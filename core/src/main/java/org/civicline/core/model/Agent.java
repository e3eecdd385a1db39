package org.civicline.core.model;

import java.util.Map;
import java.util.Set;

/**
 * A hotline agent (话务员).
 *
 * @param skills     skill name → level 1..10 (categories, languages and dialects, "elderly-line")
 * @param channels   channels the agent may take
 * @param capacity   how many contacts of each medium at once (voice 1, chats up to N)
 * @param extension  the PBX endpoint that rings for this agent, e.g. {@code PJSIP/8001}
 */
public record Agent(
        String id,
        String name,
        Map<String, Integer> skills,
        Set<Channel> channels,
        Map<Channel.Medium, Integer> capacity,
        String extension) {

    public Agent {
        skills = skills == null ? Map.of() : Map.copyOf(skills);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    }
}
