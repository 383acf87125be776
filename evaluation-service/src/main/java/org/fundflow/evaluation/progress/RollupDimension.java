package org.fundflow.evaluation.progress;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What {@code GET /api/execution/rollup} groups by ({@code by=}). */
enum RollupDimension {
    /** The org's region at the requested depth (provinces, a province's cities, a city's counties). */
    REGION("region"),
    /** The org's budget level (预算级次), from its region. */
    LEVEL("level"),
    PROGRAM("program"),
    /** 资金来源: whose money it originally is. */
    SOURCE_LEVEL("sourceLevel"),
    /** The allocation's function code (功能分类), optionally cut to 类/款/项 by {@code depth=3|5|7}. */
    FUNCTION_CODE("functionCode");

    final String param;

    RollupDimension(String param) {
        this.param = param;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    static RollupDimension of(String param) {
        for (RollupDimension d : values()) {
            if (d.param.equals(param)) {
                return d;
            }
        }
        throw new IllegalArgumentException("by must be one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(d -> d.param).collect(Collectors.joining(", "));
    }
}
