package org.fundflow.reporting.classification;

/**
 * One 科目 of a classification.
 *
 * @param parentCode the enclosing 类 or 款 (always the code without its last two digits); null for a 类
 */
public record Subject(String code, String name, String parentCode, Tier tier) {
}
