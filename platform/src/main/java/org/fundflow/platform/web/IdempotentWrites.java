package org.fundflow.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a client write at most once per {@code Idempotency-Key}. The key is inserted first, in the write's own
 * transaction: a concurrent retry blocks on the key until the first commits and then replays its response; if the
 * first fails, its key rolls back with it and a retry runs afresh. Reusing a key for a different request is a 409.
 */
public class IdempotentWrites {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public IdempotentWrites(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /**
     * @param scope   the kind of write (e.g. {@code allocation.issue}); keys are unique per scope and per signed-in
     *                subject, so one user's key can never replay (or block) another user's write
     * @param key     the client's Idempotency-Key header
     * @param request the parsed request, fingerprinted to detect a key reused for something else
     * @param write   the write itself; runs inside the transaction and returns the status and body to store
     */
    public ResponseEntity<Object> execute(String scope, String key, Object request, Supplier<Result> write) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.invalid(HEADER, "header " + HEADER + " is required on every write (any unique string "
                    + "of up to 128 letters, digits, '.', '_', ':' or '-', e.g. a UUID)");
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, HEADER + " must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        String fingerprint = sha256(json.writeValueAsString(request));
        String ownScope = scope + "#" + sha256(RecordedBy.current()).substring(0, 16);
        return tx.execute(status -> {
            int inserted = jdbc.update("INSERT INTO idempotency_key (scope, key, fingerprint) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", ownScope, key, fingerprint);
            if (inserted == 0) {
                return replay(ownScope, key, fingerprint);
            }
            Result result = write.get();
            String body = json.writeValueAsString(result.body());
            jdbc.update("UPDATE idempotency_key SET status = ?, response_body = ? WHERE scope = ? AND key = ?",
                    result.status().value(), body, ownScope, key);
            return ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_JSON)
                    .body((Object) result.body());
        });
    }

    private ResponseEntity<Object> replay(String scope, String key, String fingerprint) {
        var stored = jdbc.queryForMap("SELECT fingerprint, status, response_body FROM idempotency_key "
                + "WHERE scope = ? AND key = ?", scope, key);
        if (!fingerprint.equals(stored.get("fingerprint"))) {
            throw ApiProblem.conflict(HEADER, HEADER + " '" + key + "' was already used for a different request;"
                    + " use a new key for a new write");
        }
        Object body = json.readTree((String) stored.get("response_body"));
        return ResponseEntity.status((Integer) stored.get("status")).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").body(body);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a write returns: the status and the body the client (and every retry) gets. */
    public record Result(HttpStatus status, Object body) {
        public static Result created(Object body) {
            return new Result(HttpStatus.CREATED, body);
        }

        public static Result ok(Object body) {
            return new Result(HttpStatus.OK, body);
        }
    }
}
