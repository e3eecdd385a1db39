package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.civicline.core.json.Jsons;
import org.civicline.core.workflow.Case;
import org.civicline.routing.grid.http.GridPhotos;
import org.civicline.routing.grid.map.GridShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos from the worker's phone: only JPEG/PNG by their bytes, only by the worker holding the task, retried safely. */
class GridPhotosTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    private final GridShape grid = DemoDistrict.data().map().grid("330106002002005").orElseThrow();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path folder;
    private GridHarness node;
    private String worker;
    private String task;

    @BeforeEach
    void start() throws Exception {
        node = new GridHarness().start(h -> new GridPhotos(h.vertx, folder, 1024).mount(h.router));
        worker = grid.grid().workerIds().get(0);
        node.send("PUT", "/api/grid/workers/" + worker + "/presence", "{\"onDuty\":true}");
        Case c = node.createCase("路灯不亮", grid.center(), null);
        var dispatched = node.send("POST", "/api/grid/dispatch", "{\"caseNumber\":\"" + c.number() + "\"}");
        task = (String) Jsons.read(dispatched.body(), Map.class).get("taskId");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theHoldingWorkerUploadsAPngAndARetryOfTheSameBytesGivesTheSameReference() throws Exception {
        assertThat(upload(worker, PNG).statusCode()).isEqualTo(409); // offered, not yet accepted
        node.send("POST", "/api/grid/tasks/" + task + "/accept", "{\"workerId\":\"" + worker + "\"}");

        var first = upload(worker, PNG);
        var again = upload(worker, PNG);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"contentType\":\"image/png\"").contains(GridPhotos.PUBLIC_PREFIX);
        assertThat(again.body()).isEqualTo(first.body());
        try (var files = Files.list(folder)) {
            assertThat(files.count()).isEqualTo(1);
        }
        String reference = (String) Jsons.read(first.body(), Map.class).get("reference");
        assertThat(node.get(reference).statusCode()).isEqualTo(200);
    }

    @Test
    void anythingButAJpegOrPngTooLargeOrFromAnotherWorkerIsRefusedByName() throws Exception {
        node.send("POST", "/api/grid/tasks/" + task + "/accept", "{\"workerId\":\"" + worker + "\"}");
        var gif = upload(worker, "GIF89a-not-a-photo".getBytes());
        assertThat(gif.statusCode()).isEqualTo(400);
        assertThat(gif.body()).contains("\"field\":\"photo\"").contains("JPEG or PNG");
        byte[] big = new byte[2048];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        assertThat(upload(worker, big).statusCode()).isEqualTo(413);
        assertThat(upload("gw-9999", PNG).statusCode()).isEqualTo(409);
        assertThat(upload(null, PNG).body()).contains("\"field\":\"workerId\"");
        assertThat(node.get(GridPhotos.PUBLIC_PREFIX + "..%2Fsecret.jpg").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> upload(String workerId, byte[] bytes) throws Exception {
        String query = workerId == null ? "" : "?workerId=" + workerId;
        return http.send(HttpRequest.newBuilder(node.uri("/api/grid/tasks/" + task + "/photos" + query))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
