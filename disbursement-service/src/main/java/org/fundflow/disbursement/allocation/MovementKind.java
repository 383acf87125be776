package org.fundflow.disbursement.allocation;

/** The kinds of allocation_movement rows; the names are stored in the table. */
enum MovementKind {
    ADJUSTMENT, RECOVERY, CARRY_OVER
}
