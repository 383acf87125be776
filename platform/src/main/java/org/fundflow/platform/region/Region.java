package org.fundflow.platform.region;

import org.fundflow.contracts.Level;

/**
 * A division of GB/T 2260 as bundled reference data.
 *
 * @param level by depth below the centre (not by the shape of the code), so a county-level city directly under a
 *              province, such as 湖北's 省直辖县级行政区划, is still one level below its province
 */
public record Region(String code, String name, String parentCode, Level level) {
    public static final String CENTRE = "000000";
}
