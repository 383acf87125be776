package org.fundflow.disbursement.paymentimport;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.disbursement.access.Scopes;
import org.fundflow.platform.web.Texts;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.CorrelationId;
import org.fundflow.platform.web.IdempotentWrites;
import org.fundflow.platform.web.RecordedBy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk payment imports: a CSV or XLSX file is stored, answered with 202 and a job, and processed in the background.
 * Only an agency uploads; the job belongs to its org (rows of other orgs are rejected line by line) and records the
 * uploader. A job is read by its org's agency and by finance bureaus and supervisors over the org's region.
 */
@RestController
@RequestMapping("/api/payment-imports")
class PaymentImportController {
    private static final int MAX_FILE_NAME = 255;

    private final ImportJobs jobs;
    private final ImportRunner runner;
    private final ImportProperties props;
    private final IdempotentWrites writes;
    private final Access access;
    private final Scopes scopes;
    private final JsonMapper json;

    PaymentImportController(ImportJobs jobs, ImportRunner runner, ImportProperties props, IdempotentWrites writes,
            Access access, Scopes scopes, JsonMapper json) {
        this.jobs = jobs;
        this.runner = runner;
        this.props = props;
        this.writes = writes;
        this.access = access;
        this.scopes = scopes;
        this.json = json;
    }

    /**
     * What the Idempotency-Key fingerprints: the file itself (its content's hash), its name, and the org it is
     * uploaded for (another org reusing a key gets a 409, never the first org's job).
     */
    private record Upload(String org, String fileName, long size, String sha256) {
    }

    @PostMapping
    ResponseEntity<Object> upload(@RequestParam("file") MultipartFile file,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        Caller caller = access.requireRole(Role.AGENCY);
        Actor uploader = RecordedBy.actor();
        if (key == null || key.isBlank()) {
            throw ApiProblem.invalid(IdempotentWrites.HEADER, "header " + IdempotentWrites.HEADER + " is required on "
                    + "every write (any unique string of up to 128 letters, digits, '.', '_', ':' or '-', e.g. a "
                    + "UUID)");
        }
        if (file.isEmpty()) {
            throw ApiProblem.invalid("file", "the file is empty");
        }
        String fileName = fileName(file.getOriginalFilename());
        ImportFormat format;
        try (InputStream in = file.getInputStream()) {
            format = ImportFormat.detect(fileName, file.getContentType(), in.readNBytes(4096));
        }
        if (runner.saturated()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "file",
                    "too many imports are waiting; upload the file again later");
        }

        UUID jobId = UUID.randomUUID();
        Files.createDirectories(props.dir());
        Path stored = props.dir().resolve(jobId + "." + format.extension);
        file.transferTo(stored); // moves the multipart temp file where possible: the upload is never in memory
        boolean[] created = {false};
        try {
            Upload fingerprint = new Upload(caller.org(), fileName, Files.size(stored), sha256(stored));
            ResponseEntity<Object> response = writes.execute("payment.import", key, fingerprint, () -> {
                jobs.create(jobId, fileName, format, fingerprint.size(), fingerprint.sha256(), stored.toString(),
                        props.nodeName(), uploader, CorrelationId.current().orElse(null));
                created[0] = true;
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status == STATUS_COMMITTED) {
                            runner.submit(jobId, authorization); // only now can the worker see the job
                        } else {
                            deleteQuietly(stored);
                        }
                    }
                });
                return new IdempotentWrites.Result(HttpStatus.ACCEPTED, jobs.view(jobId).orElseThrow());
            });
            String id = json.valueToTree(response.getBody()).path("jobId").asString();
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .location(URI.create("/api/payment-imports/" + id)).body(response.getBody());
        } finally {
            if (!created[0]) {
                deleteQuietly(stored); // a replay, a key conflict or a failure: this upload is not a job
            }
        }
    }

    @GetMapping("/{jobId}")
    ImportJobView get(@PathVariable UUID jobId) {
        ImportJobView view = jobs.view(jobId).orElseThrow(() -> notFound(jobId));
        scopes.requireOrgRead("jobId", view.org(), false);
        return view;
    }

    /** Every rejected row, in line order, streamed a page at a time from the database. */
    @GetMapping("/{jobId}/errors")
    void errors(@PathVariable UUID jobId, @RequestParam(required = false) String format,
            HttpServletResponse response) throws IOException {
        String f = format == null ? "json" : format;
        if (!f.equals("json") && !f.equals("csv")) {
            throw ApiProblem.invalid("format", "format must be json or csv");
        }
        ImportJobs.Job job = jobs.find(jobId).orElseThrow(() -> notFound(jobId));
        scopes.requireOrgRead("jobId", job.org(), false);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (f.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"payment-import-" + jobId
                    + "-errors.csv\"");
            var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(response.getOutputStream(),
                    StandardCharsets.UTF_8));
            out.write('\uFEFF'); // so that Excel opens it as UTF-8
            out.write("line,field,reason\r\n");
            jobs.forEachError(jobId, e -> {
                try {
                    out.write(e.line() + "," + csv(e.field()) + "," + csv(e.reason()) + "\r\n");
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            out.flush();
            return;
        }
        response.setContentType("application/json");
        OutputStream out = response.getOutputStream();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jobId", jobId.toString());
            g.writeName("errors");
            g.writeStartArray();
            jobs.forEachError(jobId, e -> {
                g.writeStartObject();
                g.writeNumberProperty("line", e.line());
                g.writeStringProperty("field", e.field());
                g.writeStringProperty("reason", e.reason());
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The name as shown and stored: no directories, no control characters or bidi overrides, at most 255. */
    static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return "upload";
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder safe = new StringBuilder();
        name.codePoints().forEach(cp -> safe.appendCodePoint(Texts.isUnsafe(cp) ? '_' : cp));
        name = safe.toString().strip();
        if (name.isEmpty()) {
            return "upload";
        }
        return name.codePointCount(0, name.length()) <= MAX_FILE_NAME ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_FILE_NAME));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file; nothing refers to it
        }
    }

    private static ApiProblem notFound(UUID jobId) {
        return ApiProblem.notFound("jobId", "no payment import " + jobId);
    }
}
