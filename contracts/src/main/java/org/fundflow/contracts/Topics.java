package org.fundflow.contracts;

/**
 * Kafka topics, one per aggregate type. The outbox relay routes a row to {@code fundflow.<aggregatetype>}, so the
 * aggregate types below and the topic names must stay in step.
 */
public final class Topics {
    private Topics() {
    }

    public static final String PREFIX = "fundflow.";

    public static final String ALLOCATION_AGGREGATE = "allocation";
    public static final String PROGRAM_AGGREGATE = "program";
    public static final String ORG_AGGREGATE = "org";
    public static final String PAYMENT_AGGREGATE = "payment";
    /** Self-evaluations (绩效自评), keyed by what is evaluated: {@code <fiscalYear>/<orgCode>[/<programCode>]}. */
    public static final String EVALUATION_AGGREGATE = "evaluation";

    public static final String ALLOCATION = PREFIX + ALLOCATION_AGGREGATE;
    public static final String PROGRAM = PREFIX + PROGRAM_AGGREGATE;
    public static final String ORG = PREFIX + ORG_AGGREGATE;
    public static final String PAYMENT = PREFIX + PAYMENT_AGGREGATE;
    public static final String EVALUATION = PREFIX + EVALUATION_AGGREGATE;

    /** Where a record goes after its retries are exhausted: never lost, never blocking its partition. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }
}
