package org.fundflow.selfevaluation.indicator;

import java.util.List;

/** Units people write after a number in a target or actual value. Only equal units compare (万 and 亿 scale). */
public enum Unit {
    PERCENT("%"),
    PERSON_TIME("人次"),
    PERSON("人"),
    TIMES("次"),
    YUAN("元"),
    YEAR("年"),
    MONTH("月", "个月"),
    DAY("天", "日"),
    HOUR("小时"),
    PIECE("个"),
    ESTABLISHMENT("家"),
    HOUSEHOLD("户"),
    ITEM("项"),
    CASE("件"),
    INSTITUTION("所"),
    SESSION("场"),
    COPY("份"),
    ARTICLE("篇");

    private final List<String> symbols;

    Unit(String... symbols) {
        this.symbols = List.of(symbols);
    }

    /** The written forms, the usual one first ("月", then "个月"). */
    public List<String> symbols() {
        return symbols;
    }

    public String symbol() {
        return symbols.get(0);
    }
}
