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
    void typingPartOfANameSuggestsPlacesAndRoadsThoseBeginningWithItFirst() {
        var found = gazetteer.suggest("欣华", 10);
        assertThat(found).extracting(Gazetteer.Suggestion::text)
                .containsExactly("欣华园", "欣华公寓", "欣华小区", "欣华园7幢", "欣华公寓8幢", "欣华小区6幢");
        assertThat(found.get(1).grid()).isEqualTo("330106001001001");
        assertThat(found.get(1).kind()).isEqualTo("place");

        // A road comes once per range of house numbers, each with its grid; a number typed after it picks the range.
        var road = gazetteer.suggest("文三", 10);
        assertThat(road).extracting(Gazetteer.Suggestion::text).containsOnly("文三路");
        assertThat(road).hasSizeGreaterThan(1);
        assertThat(road.get(0).kind()).isEqualTo("1–20号");
        var numbered = gazetteer.suggest("文三路 8", 10);
        assertThat(numbered).extracting(Gazetteer.Suggestion::kind).containsExactly("1–20号");
        assertThat(numbered.get(0).grid()).isEqualTo("330106001001003");

        assertThat(gazetteer.suggest("  ", 10)).isEmpty();
        assertThat(gazetteer.suggest("公寓", 3)).hasSize(3);
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
