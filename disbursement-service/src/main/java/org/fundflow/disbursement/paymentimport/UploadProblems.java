package org.fundflow.disbursement.paymentimport;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.fundflow.platform.web.Texts;
import org.fundflow.platform.web.CorrelationId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
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
    private final long limitBytes;
    private final String limit;

    /** @param maxFileSize spring.servlet.multipart.max-file-size (env FUNDFLOW_IMPORT_MAX_FILE_SIZE) */
    UploadProblems(@Value("${spring.servlet.multipart.max-file-size:50MB}") DataSize maxFileSize) {
        this.limitBytes = maxFileSize.toBytes();
        this.limit = describe(maxFileSize);
    }

    /**
     * Too large a file or request, found while the multipart body is read, before any controller runs. The servlet
     * container reports an over-long part header (a file name of thousands of characters) the same way: a request
     * that is itself within the limit is a malformed upload (400), not a large one.
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length >= 0 && length <= limitBytes) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "file", "the multipart body cannot be read ("
                    + Texts.abbreviate(rootMessage(e), 200) + "): send the file in a part named 'file', under a "
                    + "file name of a reasonable length", request);
        }
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", "file",
                "the file is larger than " + limit + ": split it into several imports", request);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getRequestPartName(),
                "multipart part '" + e.getRequestPartName() + "' is required (the CSV or XLSX file)", request);
    }

    /** Not multipart at all (415), or a multipart body that cannot be parsed (400: e.g. a NUL in a file name). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e, HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "file", "the multipart body cannot be read ("
                    + Texts.abbreviate(rootMessage(e), 200) + "): send the CSV or XLSX file in a part named 'file'",
                    request);
        }
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
