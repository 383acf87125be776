package org.fundflow.platform.security;

import org.fundflow.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** 403: the caller is signed in but the resource is outside their role or scope. Rolls back like any ApiProblem. */
public final class AccessDenied extends ApiProblem {
    AccessDenied(String field, String detail) {
        super(HttpStatus.FORBIDDEN, "Forbidden", field, detail);
    }
}
