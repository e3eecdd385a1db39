package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.civicline.core.json.Jsons;

/**
 * A GeoReport v2 {@code POST requests.json}: with the city app's key it is an app report (随手拍), with another key a
 * third-party Open311 client's. The acknowledgement is the service request id (or a token when the case is pending).
 */
final class Open311Submitter implements Submitter {
    private static final String PATH = "/open311/v2/requests.json";
    private static final String[] PLACES = {"幸福路 12 号门前", "人民广场东侧公交站", "解放路与中山路交叉口", "滨江公园北门"};
    private static final String[] PROBLEMS = {"路灯不亮三天了", "井盖松动，车辆经过响声很大", "人行道地砖破损", "垃圾桶满溢无人清运"};

    private final HttpTarget http;
    private final LoadChannel channel;
    private final String apiKey;

    Open311Submitter(HttpTarget http, LoadChannel channel, String apiKey) {
        if (apiKey == null) {
            throw new LoadOptions.BadOption("--mix has " + channel.label() + ": give the Open311 key ("
                    + (channel == LoadChannel.APP ? "--app-key" : "--open311-key") + " or --config)");
        }
        this.http = http;
        this.channel = channel;
        this.apiKey = apiKey;
    }

    @Override
    public LoadChannel channel() {
        return channel;
    }

    @Override
    public Future<String> submit(String sender, long sequence) {
        int i = (int) (sequence % PLACES.length);
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("api_key", apiKey)
                .add("service_code", "0101")
                .add("account_id", sender)
                .add("description", PLACES[i] + PROBLEMS[(int) (sequence / PLACES.length % PROBLEMS.length)]
                        + "（压测 " + sequence + "）")
                .add("lat", Double.toString(30.27 + (sequence % 100) * 0.0004))
                .add("long", Double.toString(120.15 + (sequence % 97) * 0.0004));
        URI base = http.nextBase();
        return http.post(base, PATH, "application/x-www-form-urlencoded", HttpTarget.form(form),
                        Map.of("Idempotency-Key", sender))
                .map(answer -> {
                    HttpTarget.expect(answer, 200, 201);
                    try {
                        JsonNode first = Jsons.mapper().readTree(answer.body().getBytes()).path(0);
                        String id = first.path("service_request_id").asText(null);
                        String reference = id != null ? id : first.path("token").asText(null);
                        if (reference == null) {
                            throw new LoadFailure("no request id", answer.body().toString());
                        }
                        return reference;
                    } catch (IOException e) {
                        throw new LoadFailure("not JSON", e.getMessage());
                    }
                });
    }
}
