package org.civicline.agentui.live;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicline.core.json.Jsons;

/** The JSON frames pushed to browsers: {@code {"type": "OfferMade", "data": {…}}}. */
final class LiveFrames {
    private LiveFrames() {
    }

    static String frame(Object body) {
        Map<String, Object> frame = new LinkedHashMap<>();
        if (body instanceof String json) {
            // Already JSON (the live figures): embed it as it is.
            return "{\"type\":\"LiveFigures\",\"data\":" + json + "}";
        }
        frame.put("type", body.getClass().getSimpleName());
        frame.put("data", body);
        return Jsons.write(frame);
    }
}
