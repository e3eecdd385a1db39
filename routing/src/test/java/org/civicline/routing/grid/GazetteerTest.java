package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicline.routing.grid.gazetteer.Gazetteer;
import org.junit.jupiter.api.Test;

/** Addresses without coordinates, placed through the generated gazetteer. */
class GazetteerTest {
    private final GridData data = DemoDistrict.data();
    private final Gazetteer gazetteer = data.gazetteer();

    @Test
    void everyGazetteerGridExistsInTheMap() throws Exception {
        var file = org.civicline.core.json.Jsons.mapper().readValue(
                DemoDistrict.CONFIG.resolve("grids/gazetteer.json").toFile(), Gazetteer.File.class);
        assertThat(file.places()).allSatisfy(p -> assertThat(data.map().grid(p.grid())).isPresent());
        assertThat(file.roads()).allSatisfy(r -> assertThat(data.map().grid(r.grid())).isPresent());
    }

    @Test
    void aCompoundOrBuildingNameInTheAddressPlacesIt() throws Exception {
        var file = org.civicline.core.json.Jsons.mapper().readValue(
                DemoDistrict.CONFIG.resolve("grids/gazetteer.json").toFile(), Gazetteer.File.class);
        Gazetteer.Place building = file.places().get(1);
        var found = gazetteer.resolve("杭州市 西湖区 " + building.name() + " 2单元 301室");
        assertThat(found.resolved()).isTrue();
        assertThat(found.grid()).isEqualTo(building.grid());
        assertThat(found.matched()).isEqualTo(building.name());
    }

    @Test
    void aRoadAndHouseNumberArePlacedByTheNumberRangeAndFullWidthDigitsCount() {
        var found = gazetteer.resolve("文一路２５号门口路灯不亮");
        assertThat(found.resolved()).isTrue();
        assertThat(found.matched()).isEqualTo("文一路25号");
        // Numbers 21-40 of the first road lie along the second column of cells.
        assertThat(found.grid()).isEqualTo("330106001001004");
    }

    @Test
    void aCommunityAloneOrAnUnknownPlaceIsLeftForAnAgent() {
        var community = gazetteer.resolve("翠竹社区附近");
        assertThat(community.resolved()).isFalse();
        assertThat(community.reason()).contains("spans several grids");
        assertThat(gazetteer.resolve("火星基地1号").resolved()).isFalse();
        assertThat(gazetteer.resolve("文一路9999号").resolved()).isFalse();
    }
}
