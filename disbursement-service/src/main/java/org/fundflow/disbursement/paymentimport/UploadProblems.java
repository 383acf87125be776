package org.fundflow.disbursement.paymentimport;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.fundflow.platform.web.CorrelationId;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * problem+json for what can go wrong with a multipart upload, in the platform's shape. Ordered first: the platform's
 * handler has a catch-all that would turn these into 500s. Multipart is parsed before any controller is chosen, so
 * this advice cannot be limited to the import controller; it handles only multipart exceptions.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {
    /** spring.servlet.multipart.max-file-size, as documented. */
    static final String LIMIT = "50 MB";

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", "file",
                "the file is larger than " + LIMIT + ": split it into several imports", request);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getRequestPartName(),
                "multipart part '" + e.getRequestPartName() + "' is required (the CSV or XLSX file)", request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "file",
                "send multipart/form-data with the CSV or XLSX file in a part named 'file'", request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String field,
            String detail, HttpServletRequest request) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        pd.setType(URI.create("https://fundflow.org/problems/" + title.toLowerCase().replace(' ', '-')));
        pd.setInstance(URI.create(request.getRequestURI()));
        pd.setProperty("field", field);
        CorrelationId.current().ifPresent(id -> pd.setProperty("correlationId", id));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
