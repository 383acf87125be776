package org.fundflow.disbursement.paymentimport;

/** The file as a whole cannot be imported (unreadable, wrong header, not UTF-8...): the job fails with this message. */
class ImportFailed extends RuntimeException {
    ImportFailed(String message) {
        super(message);
    }

    ImportFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
