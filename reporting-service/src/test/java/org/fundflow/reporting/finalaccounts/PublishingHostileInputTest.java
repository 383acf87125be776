package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile requests to the one write of this service, publishing, sent by the org's own agency (the caller who
 * could publish): SQL fragments, 10,000-character strings, control and bidi characters, deeply nested JSON, huge
 * numbers and oversized bodies. Each is a clean 4xx problem+json, never a 500, and nothing is written: the org has
 * figures that a successful call would publish. Sent over a raw socket, so the bytes are exactly these (an HTTP
 * client would refuse to send some of them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishingHostileInputTest extends FinalAccountsTestSupport {
    private static final String REGION = "140702";
    private static final int YEAR = 2023;

    @Autowired
    JdbcTemplate jdbc;

    private String org;
    private String token;
    private long keysBefore;

    @BeforeAll
    void anOrgWithFiguresToPublish() {
        org = newOrg("HX");
        token = TestTokens.agency(org);
        String program = uniqueProgram("HX");
        Events.AllocationIssued a = issue(program, "恶意输入测试", YEAR).source(Level.CITY).from("140700", "晋中市")
                .toOrg(org, "榆次区恶意输入测试局", REGION).function("2101301").amount("1000.00")
                .doc("晋中财〔2023〕9号", "2023-01-10").build();
        events().issued(a);
        events().paid(pay(a).amount("100.00", "2023-02-01").build());
        awaitTable(org, YEAR, "公开03", t -> assertThat(value(t, "total", "total")).isEqualTo("100.00"));
        keysBefore = keys();
    }

    @AfterAll
    void nothingWasWritten() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM final_accounts_publication WHERE org_code = ?",
                Long.class, org)).isZero();
        assertThat(keys()).isEqualTo(keysBefore);
    }

    Stream<Arguments> hostile() {
        String path = "/api/reports/final-accounts/" + org + "/" + YEAR + "/publications";
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        String longText = "{\"note\":\"" + "x".repeat(10_000) + "\"}";
        return Stream.of(
                Arguments.of("SQL in the org code", "/api/reports/final-accounts/"
                        + URLEncoder.encode(org + "' OR '1'='1", StandardCharsets.UTF_8) + "/" + YEAR
                        + "/publications", Map.of(), null, 400, true),
                Arguments.of("SQL in the year", "/api/reports/final-accounts/" + org + "/"
                        + URLEncoder.encode("2023; DROP TABLE final_accounts_publication;--", StandardCharsets.UTF_8)
                        + "/publications", Map.of(), null, 400, true),
                Arguments.of("SQL in the Idempotency-Key", path,
                        Map.of("Idempotency-Key", "k'); DELETE FROM idempotency_key;--"), null, 400, true),
                Arguments.of("a 10,000-character org code", "/api/reports/final-accounts/" + "A".repeat(10_000)
                        + "/" + YEAR + "/publications", Map.of(), null, 400, false),
                Arguments.of("a 10,000-character Idempotency-Key", path, Map.of("Idempotency-Key",
                        "k".repeat(10_000)), null, 400, false),
                Arguments.of("NUL in the org code", "/api/reports/final-accounts/" + org + "%00/" + YEAR
                        + "/publications", Map.of(), null, 400, false),
                Arguments.of("U+202E in the org code", "/api/reports/final-accounts/" + org + "%E2%80%AE/" + YEAR
                        + "/publications", Map.of(), null, 400, true),
                Arguments.of("a control character in the Idempotency-Key", path, Map.of("Idempotency-Key",
                        "key\u0001x"), null, 400, false),
                Arguments.of("U+202E in the Idempotency-Key", path, Map.of("Idempotency-Key", "key\u202Ex"), null,
                        400, true),
                Arguments.of("a 40-digit year", "/api/reports/final-accounts/" + org + "/" + "9".repeat(40)
                        + "/publications", Map.of(), null, 400, true),
                Arguments.of("a huge number as the year", "/api/reports/final-accounts/" + org + "/1e999999"
                        + "/publications", Map.of(), null, 400, true),
                Arguments.of("5,000 nested arrays as body", path, json(), nested, 400, true),
                Arguments.of("a huge number in a body", path, json(), "{\"amount\":1e999999,\"version\":"
                        + "9".repeat(40) + "}", 400, true),
                Arguments.of("a 10,000-character string in a body", path, json(), longText, 400, true),
                Arguments.of("control characters in a body", path, json(), "{\"note\":\"\u0000\u202E\"}", 400,
                        true),
                Arguments.of("a body over 1 MiB", path, json(), "\"" + "x".repeat(1_100_000) + "\"", 413, true),
                Arguments.of("a chunked body over 1 MiB", path, Map.of("Content-Type", "application/json",
                        "Transfer-Encoding", "chunked"), "\"" + "x".repeat(1_100_000) + "\"", 413, true));
    }

    /**
     * @param problemJson false where Tomcat itself refuses the request before any filter or controller sees it (a
     *                    request line or header over its 8 KiB limit, a control character in them): a clean 400
     *                    with Tomcat's own short HTML page, which only a platform-wide error valve could change
     */
    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("hostile")
    void a_hostile_request_is_a_clean_4xx_and_writes_nothing(String what, String path, Map<String, String> headers,
            String body, int status, boolean problemJson) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nAuthorization: Bearer " + token + "\r\n");
        if (!headers.containsKey("Idempotency-Key")) {
            head.append("Idempotency-Key: ").append(UUID.randomUUID()).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if ("chunked".equals(headers.get("Transfer-Encoding"))) {
            head.append("\r\n");
        } else {
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        }
        String response = raw(head.toString().getBytes(StandardCharsets.UTF_8), content,
                "chunked".equals(headers.get("Transfer-Encoding")));
        assertThat(response).as(what).startsWith("HTTP/1.1 " + status + " ");
        if (problemJson) {
            assertThat(response.toLowerCase()).as(what).contains("content-type: application/problem+json");
            assertThat(response).as(what).contains("\"status\":" + status);
        } else {
            assertThat(response).as(what).doesNotContain("Exception").doesNotContain("at org.");
        }
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private long keys() {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key", Long.class);
    }

    /** Sends the bytes as they are and reads the whole answer (the server closes the connection). */
    private String raw(byte[] head, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            try {
                if (chunked) {
                    for (int i = 0; i < body.length; i += 64 * 1024) {
                        int n = Math.min(64 * 1024, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before it has read everything (413): read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    read.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a connection reset after the answer: keep what arrived
            }
            return read.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
