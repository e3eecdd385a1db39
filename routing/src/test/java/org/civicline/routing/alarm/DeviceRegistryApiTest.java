package org.civicline.routing.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicline.routing.grid.GridHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device registry over HTTP: validation naming fields, one SIM per device, CSV import all or nothing. */
class DeviceRegistryApiTest {
    private AlarmNode alarms;
    private GridHarness node;

    @BeforeEach
    void start() throws Exception {
        alarms = new AlarmNode().start();
        node = alarms.node;
    }

    @AfterEach
    void stop() throws Exception {
        alarms.close();
    }

    @Test
    void devicesAreCreatedReadReplacedAndDeleted() throws Exception {
        assertThat(node.send("POST", "/api/devices", OneTouchAlarmTest.device("dev-1", "13905710001")).statusCode())
                .isEqualTo(200);
        assertThat(node.send("POST", "/api/devices", OneTouchAlarmTest.device("dev-1", "13905710009")).statusCode())
                .isEqualTo(409);
        assertThat(node.get("/api/devices/dev-1").body()).contains("\"simNumber\":\"13905710001\"");
        var replaced = node.send("PUT", "/api/devices/dev-1", OneTouchAlarmTest.device("dev-1", "13905710002"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(node.get("/api/devices/profile?phone=%2B8613905710002").body()).contains("\"deviceId\":\"dev-1\"");
        assertThat(node.get("/api/devices/profile?phone=13905710001").statusCode()).isEqualTo(404);
        assertThat(node.get("/api/devices").body()).contains("dev-1");
        assertThat(node.send("DELETE", "/api/devices/dev-1", "").statusCode()).isEqualTo(200);
        assertThat(node.get("/api/devices/dev-1").statusCode()).isEqualTo(404);
        assertThat(node.send("DELETE", "/api/devices/dev-1", "").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidDevicesAreRefusedNamingEveryField() throws Exception {
        String bad = "{\"deviceId\":\"x\",\"simNumber\":\"12ab\",\"residentName\":\"\",\"address\":\"幸福路\","
                + "\"emergencyContacts\":[{\"name\":\"李明\",\"phone\":\"call me\"}]}";
        var response = node.send("POST", "/api/devices", bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"deviceId\"").contains("\"field\":\"simNumber\"")
                .contains("\"field\":\"residentName\"").contains("\"field\":\"location\"")
                .contains("\"field\":\"emergencyContacts[0].phone\"");
        assertThat(node.send("POST", "/api/devices", "{\"deviceId\":\"dev-9\",\"location\":{\"longitude\":200,"
                + "\"latitude\":30}}").body()).contains("\"field\":\"location\"").contains("longitude");
        node.send("POST", "/api/devices", OneTouchAlarmTest.device("dev-1", "13905710001"));
        var sameSim = node.send("POST", "/api/devices", OneTouchAlarmTest.device("dev-2", "13905710001"));
        assertThat(sameSim.statusCode()).isEqualTo(400);
        assertThat(sameSim.body()).contains("already used by device dev-1");
    }

    @Test
    void aCsvImportStoresEveryDeviceOrNoneAndNamesTheBadLines() throws Exception {
        String header = "deviceId,simNumber,residentName,address,longitude,latitude,healthNotes,emergencyContacts,"
                + "gridWorkerId\n";
        String good = "dev-a,13905710101,钱桂英,\"幸福路8号, 3单元\",120.15,30.26,\"糖尿病\"\"胰岛素\"\"\","
                + "李明:儿子:13800000011|王芳:邻居:13800000013,gw-0127\n"
                + "dev-b,13905710102,孙德胜,桂园路12号,120.16,30.27,,孙强:儿子:13800000014,\n";
        String bad = "dev-c,139abc,周玉兰,明湖路1号,120.17,north,,周杰:孙子:13800000015,\n"
                + "dev-d,13905710101,吴大爷,明湖路2号,120.17,30.28,,nobody,\n";
        var refused = csv(header + good + bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 4: longitude/latitude").contains("line 5: emergencyContacts");
        assertThat(node.get("/api/devices").body()).isEqualTo("[]");

        var imported = csv(header + good);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"imported\":2");
        assertThat(node.get("/api/devices/dev-a").body()).contains("幸福路8号, 3单元").contains("糖尿病\\\"胰岛素\\\"")
                .contains("\"relation\":\"邻居\"");
        assertThat(csv("deviceId,sim\n").body()).contains("line 1").contains("expected the header");
        // The optional last column gives the resident's year of birth, so the agent sees the age.
        var withYear = csv(header.strip() + ",birthYear\n"
                + "dev-e,13905710105,郑秀英,明湖路3号,120.17,30.28,,郑强:儿子:13800000016,,1938\n");
        assertThat(withYear.statusCode()).as(withYear.body()).isEqualTo(200);
        assertThat(node.get("/api/devices/dev-e").body()).contains("\"birthYear\":1938");
        assertThat(csv(header.strip() + ",birthYear\n"
                + "dev-f,13905710106,郑秀英,明湖路3号,120.17,30.28,,郑强:儿子:13800000016,,old\n").body())
                .contains("line 2: birthYear");
        assertThat(node.send("POST", "/api/devices/import", "{}").statusCode()).isEqualTo(415);
    }

    @Test
    void theDemoResidentsFileLoadsWithoutProblems() throws Exception {
        var devices = AlarmModule.seed(org.civicline.routing.grid.DemoDistrict.CONFIG, "grids/devices.csv");
        assertThat(devices).hasSizeGreaterThanOrEqualTo(20);
        assertThat(devices).allSatisfy(d -> assertThat(d.birthYear()).isBetween(1925, 1960));
        assertThat(devices).allSatisfy(d -> assertThat(org.civicline.routing.grid.DemoDistrict.data().map()
                .locate(d.location().longitude(), d.location().latitude())).isPresent());
    }

    @Test
    void gatewayKeysAreCheckedPerGateway() {
        GatewayKeys keys = new GatewayKeys(java.util.Map.of("a", "key-of-gateway-a-123",
                "b", "key-of-gateway-b-456"));
        assertThat(keys.valid("a", "key-of-gateway-a-123")).isTrue();
        assertThat(keys.valid("b", "key-of-gateway-a-123")).isFalse();
        assertThat(keys.valid("c", "key-of-gateway-a-123")).isFalse();
        assertThat(keys.valid(null, null)).isFalse();
        assertThat(keys.valid("a", "")).isFalse();
    }

    private java.net.http.HttpResponse<String> csv(String text) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        node.uri("/api/devices/import")).header("Content-Type", "text/csv; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
