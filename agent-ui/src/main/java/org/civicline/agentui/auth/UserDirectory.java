package org.civicline.agentui.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.config.ConfigException;

/** The people who may sign in, from {@code reference/users.yaml}. */
public final class UserDirectory {
    public static final String FILE = "reference/users.yaml";

    record File(List<User> users) {
    }

    private final Map<String, User> byUsername;

    private UserDirectory(Map<String, User> byUsername) {
        this.byUsername = byUsername;
    }

    public static UserDirectory of(List<User> users) {
        Map<String, User> map = new LinkedHashMap<>();
        users.forEach(u -> map.put(u.username(), u));
        return new UserDirectory(map);
    }

    public static UserDirectory load(Path configDir) {
        Path file = configDir.resolve(FILE);
        File parsed;
        try {
            parsed = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), File.class);
        } catch (NoSuchFileException e) {
            return of(List.of());
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, User> map = new LinkedHashMap<>();
        List<User> users = parsed == null || parsed.users() == null ? List.of() : parsed.users();
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            String where = file.getFileName() + " users[" + i + "]";
            if (u.username() == null || !u.username().matches("[A-Za-z0-9._-]{1,32}")) {
                problems.add(where + ": username must be 1–32 letters, digits, '.', '_' or '-'");
                continue;
            }
            where += " (" + u.username() + ")";
            if (u.role() == null) {
                problems.add(where + ": role is required: one of " + java.util.Arrays.toString(Role.values()));
            } else if (u.role() == Role.AGENT && u.agentId() == null) {
                problems.add(where + ": an AGENT needs agentId");
            } else if (u.role() == Role.GRID_WORKER && u.workerId() == null) {
                problems.add(where + ": a GRID_WORKER needs workerId");
            } else if (u.role() == Role.DEPARTMENT && u.department() == null) {
                problems.add(where + ": a DEPARTMENT user needs department");
            }
            if (u.passwordHash() == null || !u.passwordHash().startsWith("pbkdf2-sha256$")) {
                problems.add(where + ": passwordHash must be made by PasswordHasher (pbkdf2-sha256$…)");
            }
            if (map.put(u.username(), u) != null) {
                problems.add(where + ": username is used twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new UserDirectory(map);
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    public List<User> all() {
        return List.copyOf(byUsername.values());
    }
}
