package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

final class SkillLevels {
    private SkillLevels() {
    }

    static int sum(Seat seat, List<String> skills) {
        int total = 0;
        for (int i = 0; i < skills.size(); i++) {
            total += seat.skillLevel(skills.get(i));
        }
        return total;
    }
}
