package org.fundflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.fundflow.contracts.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every refusal as RFC 9457 problem+json: type, title, status, detail, and the offending {@code field}. A client
 * never sees a stack trace, and a malformed request is never a 500.
 */
@RestControllerAdvice
class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
        return problem(e.status(), e.title(), e.field(), e.getMessage(), request);
    }

    /**
     * Spring Security's firewall checks header values only when they are read: an Idempotency-Key holding U+202E
     * is refused inside the controller. The client's fault, so 400, not the catch-all 500.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", null, "the request was refused: its path or a "
                + "header holds characters or parts that are not allowed", request);
    }

    @ExceptionHandler(Money.InvalidAmountException.class)
    ResponseEntity<ProblemDetail> amount(Money.InvalidAmountException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "amount", "amount " + e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.fundflow.platform.security.BodySizeLimit.TooLarge tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", null, tooLarge.getMessage(),
                        request);
            }
        }
        Throwable cause = e.getCause();
        String field = null;
        String detail = "the request body is not valid JSON for this call";
        if (cause instanceof JacksonException je) {
            field = je.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (field.isEmpty()) {
                field = null;
            }
            Throwable root = je;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof Money.InvalidAmountException ia) {
                detail = (field == null ? "amount" : field) + " " + ia.getMessage();
            } else if (je instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
                detail = "unknown field '" + field + "'";
            } else if (je instanceof tools.jackson.databind.exc.MismatchedInputException mi && field != null) {
                detail = field + " has the wrong type" + (mi.getTargetType() != null
                        ? " (expected " + describe(mi.getTargetType()) + ")" : "");
            } else if (field != null) {
                detail = field + " is malformed: " + je.getOriginalMessage();
            } else {
                detail = "malformed JSON: " + je.getOriginalMessage();
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field, detail, request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        var error = e.getBindingResult().getFieldErrors().stream().findFirst();
        String field = error.map(f -> f.getField()).orElse(null);
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).collect(Collectors.joining("; "));
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Invalid request", field, detail,
                request);
        response.getBody().setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(f -> java.util.Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .toList());
        return response;
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) {
        var first = e.getParameterValidationResults().stream().findFirst();
        String field = first.map(r -> r.getMethodParameter().getParameterName()).orElse(null);
        String detail = first.map(r -> field + " " + r.getResolvableErrors().get(0).getDefaultMessage())
                .orElse("invalid parameter");
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field, detail, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getHeaderName(),
                "header " + e.getHeaderName() + " is required", request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParam(MissingServletRequestParameterException e,
            HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getParameterName(),
                "query parameter " + e.getParameterName() + " is required", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getName(),
                e.getName() + " has the wrong format"
                        + (e.getRequiredType() != null ? " (expected " + describe(e.getRequiredType()) + ")" : ""),
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", null,
                "send application/json", request);
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException e) {
        // the client refused JSON, so the problem goes out as plain text rather than failing a second time
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.TEXT_PLAIN)
                .body("406 Not acceptable: supported media types are " + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", null, e.getMessage(), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", null, "no such resource", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", null,
                "an unexpected error occurred; quote correlation id " + CorrelationId.current().orElse("-"),
                request);
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type == Money.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.getSimpleName().equals("LocalDate")) {
            return "a date YYYY-MM-DD";
        }
        if (type.getSimpleName().equals("UUID")) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        return type.getSimpleName();
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String title, String field, String detail,
            HttpServletRequest request) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        pd.setType(URI.create("https://fundflow.org/problems/" + title.toLowerCase().replace(' ', '-')));
        try {
            pd.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a refused path may not even be a URI: the problem is told without it
        }
        if (field != null) {
            pd.setProperty("field", field);
        }
        CorrelationId.current().ifPresent(id -> pd.setProperty("correlationId", id));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
