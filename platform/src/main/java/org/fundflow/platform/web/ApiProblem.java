package org.fundflow.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, with the field at fault. Thrown anywhere inside a write's transaction, it rolls
 * the transaction back, so nothing is written and nothing is published.
 */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String field;
    private final String title;

    public ApiProblem(HttpStatus status, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** 400: the request is malformed (missing field, wrong format). */
    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", field, detail);
    }

    /** 404: something the request names does not exist. */
    public static ApiProblem notFound(String field, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", field, detail);
    }

    /** 422: well-formed, but a domain rule (invariant) forbids it. */
    public static ApiProblem rule(String field, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Rule violated", field, detail);
    }

    /** 409: conflicts with existing state (e.g. an Idempotency-Key reused for a different request). */
    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", field, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String title() {
        return title;
    }
}
