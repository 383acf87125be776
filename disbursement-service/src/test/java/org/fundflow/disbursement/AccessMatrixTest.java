package org.fundflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, endpoint by endpoint: every endpoint of the service × anonymous, a finance bureau over the org's
 * region and one elsewhere, the org's own agency and another org's, a supervisor over the region and one elsewhere,
 * and a national supervisor. The resources all belong to one org of 榆次区 (140702, in 晋中 140700, in 山西 140000);
 * "elsewhere" is 太原 (140100). A refused request answers problem+json and leaves every table as it was (payments,
 * reversals, outbox, allocation facts, Idempotency-Keys, import jobs and their errors).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends DisbursementServiceTestBase {
    private static final String ORG_REGION = "140702";
    private static final String IN_REGION = "140700";
    private static final String PROVINCE = "140000";
    private static final String ELSEWHERE = "140100";
    private static final int YEAR = 2024;

    /** The callers of the matrix. */
    enum Who {
        ANONYMOUS, FINANCE_BUREAU_IN_SCOPE, FINANCE_BUREAU_OUT_OF_SCOPE, AGENCY_OWN_ORG, AGENCY_OTHER_ORG,
        SUPERVISOR_IN_SCOPE, SUPERVISOR_OUT_OF_SCOPE, NATIONAL_SUPERVISOR
    }

    private String org;
    private String otherOrg;
    private Events.AllocationIssued allocation;
    private String paymentId;
    private String jobId;

    @BeforeAll
    void resourcesOfOneOrg() {
        org = uniqueProgram("ORG");
        otherOrg = uniqueProgram("OTHER");
        allocation = AllocationEvents.issue(uniqueProgram("ACL"), "城乡医疗救助", YEAR).source(Level.CITY)
                .from(IN_REGION, "晋中市").toOrg(org, "榆次区医疗保障局", ORG_REGION).amount("1000000.00")
                .doc("市财社〔2024〕acl号", "2024-01-10").build();
        events().issued(allocation);
        awaitOrgAllocation(allocation.allocationId(), a -> assertThat(a.get("amount").asString()).isNotNull());
        paymentId = pay(payment(allocation.allocationId(), org, "100.00", "2024-02-01")).path("paymentId")
                .asString();
        Response upload = uploadAs(TestTokens.agency(org), "acl.csv", "text/csv", csv(org), key(), "file");
        assertThat(upload.status()).as("%s", upload.body()).isEqualTo(202);
        jobId = upload.text("jobId");
        awaitJob(jobId);
    }

    private String orgOf(Who who) {
        return who == Who.AGENCY_OWN_ORG ? org : who == Who.AGENCY_OTHER_ORG ? otherOrg : null;
    }

    private Response call(Endpoint endpoint, Who who) {
        return endpoint.call(this, token(who), orgOf(who));
    }

    String token(Who who) {
        return switch (who) {
            case ANONYMOUS -> null;
            case FINANCE_BUREAU_IN_SCOPE -> TestTokens.financeBureau(IN_REGION);
            case FINANCE_BUREAU_OUT_OF_SCOPE -> TestTokens.financeBureau(ELSEWHERE);
            case AGENCY_OWN_ORG -> TestTokens.agency(org);
            case AGENCY_OTHER_ORG -> TestTokens.agency(otherOrg);
            case SUPERVISOR_IN_SCOPE -> TestTokens.supervisor(PROVINCE);
            case SUPERVISOR_OUT_OF_SCOPE -> TestTokens.supervisor(ELSEWHERE);
            case NATIONAL_SUPERVISOR -> TestTokens.nationalSupervisor();
        };
    }

    /** Every endpoint, called as it would be by a client that means to use it on the org's resources. */
    enum Endpoint {
        RECORD_PAYMENT("POST /api/payments (payer: the allocation's org)") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.postAs(token, "/api/payments", key(), payment(t.allocation.allocationId(), t.org, "1.00",
                        "2024-03-01"));
            }
        },
        RECORD_PAYMENT_AS_OWN_ORG("POST /api/payments (payer: the caller's own org)") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.postAs(token, "/api/payments", key(), payment(t.allocation.allocationId(),
                        callerOrg == null ? t.org : callerOrg, "1.00", "2024-03-01"));
            }
        },
        REVERSE_PAYMENT("POST /api/payments/{id}/reversals") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.postAs(token, "/api/payments/" + t.paymentId + "/reversals", key(),
                        Map.of("amount", "0.01", "reversedOn", "2024-03-02", "reason", "退回"));
            }
        },
        GET_PAYMENT("GET /api/payments/{id}") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/payments/" + t.paymentId);
            }
        },
        LIST_PAYMENTS_OF_ALLOCATION("GET /api/payments?allocationId=") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/payments?allocationId=" + t.allocation.allocationId());
            }
        },
        LIST_PAYMENTS_OF_ORG("GET /api/payments?org=") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/payments?org=" + t.org);
            }
        },
        GET_ORG_ALLOCATION("GET /api/org-allocations/{id}") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/org-allocations/" + t.allocation.allocationId());
            }
        },
        LIST_ORG_ALLOCATIONS_OF_ORG("GET /api/org-allocations?org=") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/org-allocations?org=" + t.org);
            }
        },
        UPLOAD_IMPORT("POST /api/payment-imports (a file of the org's payments)") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                Response r = t.uploadAs(token, "acl.csv", "text/csv", t.csv(t.org), key(), "file");
                if (r.status() == 202) {
                    t.awaitJob(r.text("jobId")); // runs in the background: let it finish before the next case
                }
                return r;
            }
        },
        GET_IMPORT("GET /api/payment-imports/{jobId}") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/payment-imports/" + t.jobId);
            }
        },
        GET_IMPORT_ERRORS("GET /api/payment-imports/{jobId}/errors") {
            @Override
            Response call(AccessMatrixTest t, String token, String callerOrg) {
                return t.callAs(token, "/api/payment-imports/" + t.jobId + "/errors");
            }
        };

        final String description;

        Endpoint(String description) {
            this.description = description;
        }

        /**
         * @param token     the caller's token (null: anonymous)
         * @param callerOrg the caller's org if it is an agency (a client fills in its own org where it can)
         */
        abstract Response call(AccessMatrixTest t, String token, String callerOrg);

        boolean isWrite() {
            return description.startsWith("POST");
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Expected statuses, in the order of {@link Who}: anonymous, finance bureau in / out of scope, agency of the org /
     * of another org, supervisor in / out of scope, national supervisor.
     */
    private static final Map<Endpoint, int[]> EXPECTED = Map.ofEntries(
            Map.entry(Endpoint.RECORD_PAYMENT, new int[] {401, 403, 403, 201, 403, 403, 403, 403}),
            Map.entry(Endpoint.RECORD_PAYMENT_AS_OWN_ORG, new int[] {401, 403, 403, 201, 403, 403, 403, 403}),
            Map.entry(Endpoint.REVERSE_PAYMENT, new int[] {401, 403, 403, 201, 403, 403, 403, 403}),
            Map.entry(Endpoint.GET_PAYMENT, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            Map.entry(Endpoint.LIST_PAYMENTS_OF_ALLOCATION, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            Map.entry(Endpoint.LIST_PAYMENTS_OF_ORG, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            Map.entry(Endpoint.GET_ORG_ALLOCATION, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            Map.entry(Endpoint.LIST_ORG_ALLOCATIONS_OF_ORG, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            // another org's agency may upload: the job is its own org's, and the rows of this org are refused
            // line by line (ImportAccessTest)
            Map.entry(Endpoint.UPLOAD_IMPORT, new int[] {401, 403, 403, 202, 202, 403, 403, 403}),
            Map.entry(Endpoint.GET_IMPORT, new int[] {401, 200, 403, 200, 403, 200, 403, 200}),
            Map.entry(Endpoint.GET_IMPORT_ERRORS, new int[] {401, 200, 403, 200, 403, 200, 403, 200}));

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(endpoint, who, EXPECTED.get(endpoint)[who.ordinal()]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} → {2}")
    @MethodSource("matrix")
    void everyEndpointByEveryCaller(Endpoint endpoint, Who who, int expected) {
        Map<String, Long> before = writtenRows();
        Response r = call(endpoint, who);

        assertThat(r.status()).as("%s by %s: %s", endpoint, who, r.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(r.header("Content-Type")).as("%s by %s", endpoint, who)
                    .startsWith("application/problem+json");
            assertThat(writtenRows()).as("%s by %s wrote nothing", endpoint, who).isEqualTo(before);
        }
        if (expected == 403 && !endpoint.isWrite()) {
            assertThat(r.detail()).as("%s by %s", endpoint, who).contains("outside your scope");
        }
    }

    /** The scope refusals name the field at fault. */
    @Test
    void scopeRefusalsNameTheirField() {
        Who other = Who.AGENCY_OTHER_ORG;
        Response payer = call(Endpoint.RECORD_PAYMENT, other);
        assertThat(payer.field()).isEqualTo("payerOrg");
        assertThat(payer.detail()).contains("outside your scope (org " + otherOrg + ")");
        Response allocationOfAnother = call(Endpoint.RECORD_PAYMENT_AS_OWN_ORG, other);
        assertThat(allocationOfAnother.field()).isEqualTo("allocationId");
        assertThat(allocationOfAnother.detail()).contains("outside your scope (org " + otherOrg + ")");
        assertThat(call(Endpoint.REVERSE_PAYMENT, other).field()).isEqualTo("paymentId");
        assertThat(call(Endpoint.GET_PAYMENT, other).field()).isEqualTo("paymentId");
        assertThat(call(Endpoint.LIST_PAYMENTS_OF_ALLOCATION, other).field()).isEqualTo("allocationId");
        assertThat(call(Endpoint.LIST_PAYMENTS_OF_ORG, other).field()).isEqualTo("org");
        assertThat(call(Endpoint.GET_ORG_ALLOCATION, Who.FINANCE_BUREAU_OUT_OF_SCOPE).field())
                .isEqualTo("allocationId");
        assertThat(call(Endpoint.LIST_ORG_ALLOCATIONS_OF_ORG, Who.SUPERVISOR_OUT_OF_SCOPE).field()).isEqualTo("org");
        assertThat(call(Endpoint.GET_IMPORT, other).field()).isEqualTo("jobId");
        assertThat(call(Endpoint.GET_IMPORT_ERRORS, Who.FINANCE_BUREAU_OUT_OF_SCOPE).field()).isEqualTo("jobId");
        Response role = call(Endpoint.RECORD_PAYMENT, Who.NATIONAL_SUPERVISOR);
        assertThat(role.status()).isEqualTo(403);
        assertThat(role.detail()).contains("needs AGENCY");
    }

    /** A list that names nothing outside the caller's scope is filtered to it, never refused. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Who.class, names = "ANONYMOUS", mode = EnumSource.Mode.EXCLUDE)
    void listsOfAYearHoldOnlyWhatTheCallerMayRead(Who who) {
        Response r = callAs(token(who), "/api/org-allocations?fiscalYear=" + YEAR);
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        List<String> orgs = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        r.body().path("allocations").forEach(a -> {
            ids.add(a.path("allocationId").asString());
            orgs.add(a.path("orgCode").asString());
            regions.add(a.path("orgRegion").asString());
        });
        boolean inScope = switch (who) {
            case FINANCE_BUREAU_IN_SCOPE, AGENCY_OWN_ORG, SUPERVISOR_IN_SCOPE, NATIONAL_SUPERVISOR -> true;
            default -> false;
        };
        if (inScope) {
            assertThat(ids).contains(allocation.allocationId().toString());
        } else {
            assertThat(ids).doesNotContain(allocation.allocationId().toString());
        }
        switch (who) {
            case AGENCY_OWN_ORG -> assertThat(orgs).containsOnly(org);
            case AGENCY_OTHER_ORG -> assertThat(orgs).isEmpty();
            case FINANCE_BUREAU_IN_SCOPE -> assertThat(regions).allMatch(c -> c.startsWith("1407"));
            case SUPERVISOR_IN_SCOPE -> assertThat(regions).allMatch(c -> c.startsWith("14"));
            case FINANCE_BUREAU_OUT_OF_SCOPE, SUPERVISOR_OUT_OF_SCOPE ->
                    assertThat(regions).allMatch(c -> c.startsWith("1401"));
            default -> {
            }
        }
    }

    /** Tokens that are not valid are 401 on every endpoint, reads and writes alike, and write nothing. */
    @Test
    void expiredUnsignedWronglySignedOrAlgorithmConfusedTokensAre401() {
        List<String> bad = List.of(TestTokens.expired("AGENCY", null, org), TestTokens.wronglySigned("AGENCY", null,
                org), TestTokens.unsigned("AGENCY", null, org), TestTokens.hmacWithPublicKey("AGENCY", null, org),
                TestTokens.withClaims(Map.of("sub", "nobody", "role", "ADMIN")),
                TestTokens.withClaims(Map.of("sub", "agency-without-org", "role", "AGENCY")));
        Map<String, Long> before = writtenRows();
        for (String token : bad) {
            for (Endpoint endpoint : Endpoint.values()) {
                Response r = endpoint.call(this, token, org);
                assertThat(r.status()).as("%s with %s", endpoint, token).isEqualTo(401);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
        assertThat(writtenRows()).isEqualTo(before);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** A CSV of one payment of the org from the allocation (a fresh voucher each time). */
    private Path csv(String payerOrg) {
        try {
            Path file = Files.createTempFile("acl", ".csv");
            file.toFile().deleteOnExit();
            Files.writeString(file, "allocationId,payerOrg,amount,paidOn,functionCode,economicCode,expenditureKind,"
                    + "voucherNo\n" + allocation.allocationId() + "," + payerOrg + ",1.00,2024-03-01,2101301,30307,"
                    + "BASIC,ACL-" + UUID.randomUUID().toString().substring(0, 8) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode awaitJob(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = call("/api/payment-imports/" + id).body();
            String status = last[0].path("status").asString();
            return status.equals("COMPLETED") || status.equals("FAILED");
        });
        return last[0];
    }
}
