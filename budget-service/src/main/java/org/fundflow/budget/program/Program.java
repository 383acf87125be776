package org.fundflow.budget.program;

/** A fund line (项目/资金) of one fiscal year; (code, fiscalYear) identifies it. */
public record Program(String code, String name, int fiscalYear, String functionCode, String fundType) {
}
