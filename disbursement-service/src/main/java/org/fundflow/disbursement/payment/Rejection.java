package org.fundflow.disbursement.payment;

import org.fundflow.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * Why a payment is refused: the same value for an API call (turned into problem+json) and for an imported row
 * (written to the job's error list).
 */
public record Rejection(HttpStatus status, String field, String reason) {

    static Rejection rule(String field, String reason) {
        return new Rejection(HttpStatus.UNPROCESSABLE_CONTENT, field, reason);
    }

    static Rejection conflict(String field, String reason) {
        return new Rejection(HttpStatus.CONFLICT, field, reason);
    }

    static Rejection forbidden(String field, String reason) {
        return new Rejection(HttpStatus.FORBIDDEN, field, reason);
    }

    static Rejection unavailable(String field, String reason) {
        return new Rejection(HttpStatus.SERVICE_UNAVAILABLE, field, reason);
    }

    public ApiProblem toProblem() {
        return switch (status) {
            case UNPROCESSABLE_CONTENT -> ApiProblem.rule(field, reason);
            case CONFLICT -> ApiProblem.conflict(field, reason);
            case SERVICE_UNAVAILABLE -> new ApiProblem(status, "Service unavailable", field, reason);
            case FORBIDDEN -> new ApiProblem(status, "Forbidden", field, reason);
            default -> new ApiProblem(status, status.getReasonPhrase(), field, reason);
        };
    }
}
