package org.civicline.routing.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicline.core.config.ConfigException;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;

/** The hotline agents, read from {@code reference/agents.yaml} and checked entry by entry. */
public final class AgentDirectory {
    public static final String FILE = "reference/agents.yaml";

    record Entry(String id, String name, String extension, Set<Channel> channels,
                 Map<Channel.Medium, Integer> capacity, Map<String, Integer> skills) {
    }

    record File(List<Entry> agents) {
    }

    private AgentDirectory() {
    }

    /** The agents of {@code configDir}; none when the file is absent (agents may come from elsewhere later). */
    public static List<Agent> load(Path configDir) {
        Path file = configDir.resolve(FILE);
        File parsed;
        try {
            parsed = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), File.class);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        List<String> problems = new ArrayList<>();
        List<Agent> agents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Entry> entries = parsed == null || parsed.agents() == null ? List.of() : parsed.agents();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String where = file.getFileName() + " agents[" + i + "]" + (e.id() == null ? "" : " (" + e.id() + ")");
            if (e.id() == null || !e.id().matches("[A-Za-z0-9._-]{1,32}")) {
                problems.add(where + ": id must be 1–32 letters, digits, '.', '_' or '-'");
            } else if (!ids.add(e.id())) {
                problems.add(where + ": id is used twice");
            }
            if (e.channels() == null || e.channels().isEmpty()) {
                problems.add(where + ": channels: list at least one channel");
            }
            Map<String, Integer> skills = e.skills() == null ? Map.of() : e.skills();
            skills.forEach((skill, level) -> {
                if (level == null || level < 1 || level > 10) {
                    problems.add(where + ": skills." + skill + ": level must be 1..10, got " + level);
                }
            });
            if (e.capacity() != null) {
                e.capacity().forEach((medium, n) -> {
                    if (n == null || n < 0 || n > 50) {
                        problems.add(where + ": capacity." + medium + ": expected 0..50, got " + n);
                    }
                });
            }
            agents.add(new Agent(e.id(), e.name() == null ? e.id() : e.name(), skills, e.channels(),
                    e.capacity() == null ? Map.of(Channel.Medium.VOICE, 1) : e.capacity(), e.extension()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return agents;
    }
}
