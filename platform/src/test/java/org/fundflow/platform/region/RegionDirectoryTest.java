package org.fundflow.platform.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;

/** The bundled GB/T 2260 tree, without Spring. */
class RegionDirectoryTest {
    private final RegionDirectory regions = RegionDirectory.bundled();

    @Test
    void levelsFollowDepthBelowTheCentre() {
        assertThat(regions.find("000000")).get().extracting(Region::level).isEqualTo(Level.CENTRAL);
        assertThat(regions.find("140000")).get().extracting(Region::name, Region::level)
                .containsExactly("山西省", Level.PROVINCIAL);
        assertThat(regions.find("140700")).get().extracting(Region::name, Region::parentCode, Region::level)
                .containsExactly("晋中市", "140000", Level.CITY);
        assertThat(regions.find("140702")).get().extracting(Region::name, Region::parentCode, Region::level)
                .containsExactly("榆次区", "140700", Level.COUNTY);
        assertThat(regions.find("141102")).get().extracting(Region::name, Region::parentCode)
                .containsExactly("离石区", "141100");
        assertThat(regions.find("999999")).isEmpty();
    }

    @Test
    void bundlesEveryProvinceAndEveryCountyOfShanxiAndHunan() {
        assertThat(regions.children("000000")).hasSize(34);
        assertThat(regions.children("140000")).hasSize(11);
        assertThat(regions.children("430000")).hasSize(14);
        assertThat(regions.children("140700")).extracting(Region::name).contains("榆次区", "太谷区", "祁县", "平遥县",
                "灵石县", "寿阳县", "昔阳县", "左权县", "和顺县", "榆社县", "介休市");
        assertThat(regions.subtree("140000")).hasSize(1 + 11 + 117);
        assertThat(regions.subtree("430000")).hasSize(1 + 14 + 122);
    }

    @Test
    void subtreeContainsTheRegionItselfAndEverythingBelowIt() {
        assertThat(regions.isInSubtree("140702", "140702")).isTrue();
        assertThat(regions.isInSubtree("140702", "140700")).isTrue();
        assertThat(regions.isInSubtree("140702", "140000")).isTrue();
        assertThat(regions.isInSubtree("140702", "000000")).isTrue();
        assertThat(regions.isInSubtree("140702", "140500")).isFalse();
        assertThat(regions.isInSubtree("140700", "140702")).isFalse();
        assertThat(regions.isInSubtree("999999", "000000")).isFalse();
    }

    @Test
    void refusesAFileWithADanglingParentOrTwoRoots() {
        assertThatThrownBy(() -> load("code,name,parent_code\n000000,中央,\n140700,晋中市,140000\n"))
                .hasMessageContaining("unknown parent 140000");
        assertThatThrownBy(() -> load("code,name,parent_code\n000000,中央,\n140000,山西省,\n"))
                .hasMessageContaining("only 000000 may lack a parent");
        assertThatThrownBy(() -> load("code,name,parent_code\n000000,中央,\n000000,中央,\n"))
                .hasMessageContaining("appears twice");
        assertThat(load("code,name,parent_code\n000000,中央,\n140000,山西省,000000\n140700,晋中市,140000\n"
                + "140702,榆次区,140700\n").find("140702")).get().extracting(Region::level).isEqualTo(Level.COUNTY);
    }

    private static RegionDirectory load(String csv) {
        return new RegionDirectory(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
