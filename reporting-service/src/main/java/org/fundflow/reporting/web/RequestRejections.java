package org.fundflow.reporting.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.fundflow.platform.web.CorrelationId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Spring Security's firewall refuses — a ';' or an encoded NUL in the path, a header value with control or
 * non-ASCII characters — are the client's fault: a 400 problem+json like every other refusal. Without this, a path
 * refused before the controllers got Spring Boot's plain error JSON, and a header refused while a controller read it
 * (an Idempotency-Key holding U+202E) escaped as a 500.
 *
 * <p>Every service has the same firewall, so this belongs in the platform (its ProblemHandler and ServiceSecurity);
 * it lives here until it is there. A {@link WebSecurityCustomizer} rather than a {@code RequestRejectedHandler} bean,
 * so a handler bean added to the platform later does not clash with it.
 */
@Configuration(proxyBeanMethods = false)
class RequestRejections {
    static final String DETAIL = "the request was refused: its path or a header holds characters or parts that are "
            + "not allowed";

    @Bean
    WebSecurityCustomizer fundflowRequestRejections(JsonMapper json) {
        return web -> web.requestRejectedHandler((request, response, e) -> write(json, request, response));
    }

    /** Ahead of the platform's catch-all handler, which would make this a 500. */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {
        @ExceptionHandler(RequestRejectedException.class)
        ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(request));
        }
    }

    static ProblemDetail problem(HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, DETAIL);
        problem.setTitle("Invalid request");
        problem.setType(URI.create("https://fundflow.org/problems/invalid-request"));
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a path that is not even a URI: the problem is told without it
        }
        CorrelationId.current().ifPresent(id -> problem.setProperty("correlationId", id));
        return problem;
    }

    private static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem(request)));
    }
}
