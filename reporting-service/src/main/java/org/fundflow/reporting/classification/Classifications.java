package org.fundflow.reporting.classification;

import org.springframework.stereotype.Component;

/** The two bundled classifications, loaded once at start-up (a defect in the data stops the start). */
@Component
public class Classifications {
    public static final String FUNCTION_RESOURCE = "classification/function-codes.csv";
    public static final String ECONOMIC_RESOURCE = "classification/economic-codes.csv";

    private final Classification functional;
    private final Classification economic;

    public Classifications() {
        this(Classification.load("支出功能分类科目", FUNCTION_RESOURCE),
                Classification.load("部门预算支出经济分类科目", ECONOMIC_RESOURCE));
    }

    Classifications(Classification functional, Classification economic) {
        this.functional = functional;
        this.economic = economic;
    }

    /** 支出功能分类科目 (类/款/项). */
    public Classification functional() {
        return functional;
    }

    /** 部门预算支出经济分类科目 (类/款). */
    public Classification economic() {
        return economic;
    }
}
