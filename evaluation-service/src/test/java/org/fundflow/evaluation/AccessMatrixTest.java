package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toOrg;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.KafkaTopic;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may call what: every endpoint of the service × every kind of caller, in and out of scope, with the exact
 * status; a refused write leaves no row, no outbox event, no Idempotency-Key and nothing on the topic; bad tokens
 * are 401 everywhere; an org whose region is unknown is read only by its agency and a national supervisor.
 *
 * <p>The world: program P with 100万 to org {@link #ORG} in 离石区 141102 (吕梁市 141100, 山西 140000) and 50万 to
 * {@link #ORG2} in 榆次区 140702 (晋中市 140700), neither spent (so each is a LAGGING_EXECUTION alert at year end), a
 * self-evaluation of P by each, and one by {@link #UNKNOWN}, an org this service has no region for.
 */
class AccessMatrixTest extends EvaluationServiceTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ORG = "MX-LS-" + SUFFIX;
    static final String ORG2 = "MX-YC-" + SUFFIX;
    static final String OTHER = "MX-OTHER-" + SUFFIX;
    static final String UNKNOWN = "MX-NOWHERE-" + SUFFIX;
    private static final String YEAR_END = "2022-12-31";

    private static Fixture fixture;

    private record Fixture(String program, UUID a1, UUID a2, String e, String e2, String u) {
    }

    /** Who calls: one of each role, in and out of the scope of {@link #ORG} (离石区 141102). */
    enum Who {
        ANONYMOUS(null),
        FINANCE_BUREAU_IN_SCOPE(TestTokens.financeBureau("141100")),   // 吕梁市: holds 离石区
        FINANCE_BUREAU_OUT_OF_SCOPE(TestTokens.financeBureau("140700")), // 晋中市: holds 榆次区, not 离石区
        AGENCY_OWN_ORG(TestTokens.agency(ORG)),
        AGENCY_OTHER_ORG(TestTokens.agency(OTHER)),
        SUPERVISOR_IN_SCOPE(TestTokens.supervisor("140000")),           // 山西省: holds both
        SUPERVISOR_OUT_OF_SCOPE(TestTokens.supervisor("140100")),       // 太原市: holds neither
        NATIONAL_SUPERVISOR(TestTokens.nationalSupervisor());

        final String token;

        Who(String token) {
            this.token = token;
        }
    }

    enum Call {
        GET_EXECUTION, GET_EXECUTION_ROLLUP, GET_ALERTS_OF_141100, GET_ALERTS_OWN_REGION, POST_EVALUATION,
        POST_DEPARTMENT_EVALUATION, GET_EVALUATION, GET_EVALUATIONS_OF_ORG, GET_EVALUATIONS
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        //                                     anon FB-in FB-out AG-own AG-other SUP-in SUP-out national
        row(rows, Call.GET_EXECUTION,               200, 200, 200, 200, 200, 200, 200, 200);
        row(rows, Call.GET_EXECUTION_ROLLUP,        200, 200, 200, 200, 200, 200, 200, 200);
        row(rows, Call.GET_ALERTS_OF_141100,        401, 200, 403, 403, 403, 200, 403, 200);
        row(rows, Call.GET_ALERTS_OWN_REGION,       401, 200, 200, 403, 403, 200, 200, 200);
        row(rows, Call.POST_EVALUATION,             401, 403, 403, 201, 403, 403, 403, 403);
        row(rows, Call.POST_DEPARTMENT_EVALUATION,  401, 403, 403, 201, 403, 403, 403, 403);
        row(rows, Call.GET_EVALUATION,              401, 200, 403, 200, 403, 200, 403, 200);
        row(rows, Call.GET_EVALUATIONS_OF_ORG,      401, 200, 403, 200, 403, 200, 403, 200);
        row(rows, Call.GET_EVALUATIONS,             401, 200, 200, 200, 200, 200, 200, 200);
        return rows.stream();
    }

    private static void row(List<Arguments> rows, Call call, int... statuses) {
        Who[] who = Who.values();
        assertThat(statuses).hasSize(who.length);
        for (int i = 0; i < who.length; i++) {
            rows.add(Arguments.of(call, who[i], statuses[i]));
        }
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void everyEndpointForEveryCaller(Call call, Who who, int expected) {
        Fixture f = fixture();
        switch (call) {
            case GET_EXECUTION -> {
                Response r = get(who.token, "/api/execution", params("programCode", f.program(), "asOf", YEAR_END));
                assertStatus(r.status(), expected, r.body());
                assertThat(r.body().path("rows")).hasSize(2);
                assertThat(r.body().path("totals").path("budget").asString()).isEqualTo("1500000.00");
            }
            case GET_EXECUTION_ROLLUP -> {
                Response r = get(who.token, "/api/execution/rollup", params("by", "region", "programCode",
                        f.program(), "asOf", YEAR_END));
                assertStatus(r.status(), expected, r.body());
                assertThat(r.body().path("totals").path("budget").asString()).isEqualTo("1500000.00");
            }
            case GET_ALERTS_OF_141100 -> {
                Response r = get(who.token, "/api/alerts", params("region", "141100", "programCode", f.program(),
                        "asOf", YEAR_END));
                assertStatus(r.status(), expected, r.body());
                if (expected == 200) {
                    assertThat(alerted(r.body())).containsExactly(f.a1() + " 1000000.00");
                } else {
                    assertProblem(r.contentType(), r.body());
                }
            }
            case GET_ALERTS_OWN_REGION -> {
                Response r = get(who.token, "/api/alerts", params("programCode", f.program(), "asOf", YEAR_END));
                assertStatus(r.status(), expected, r.body());
                if (expected == 200) {
                    List<String> in = switch (who) {
                        case FINANCE_BUREAU_IN_SCOPE -> List.of(f.a1() + " 1000000.00");
                        case FINANCE_BUREAU_OUT_OF_SCOPE -> List.of(f.a2() + " 500000.00");
                        case SUPERVISOR_IN_SCOPE, NATIONAL_SUPERVISOR -> List.of(f.a1() + " 1000000.00",
                                f.a2() + " 500000.00");
                        default -> List.of();
                    };
                    assertThat(alerted(r.body())).containsExactlyElementsOf(in);
                } else {
                    assertProblem(r.contentType(), r.body());
                }
            }
            case POST_EVALUATION -> write(who, expected, "/api/evaluations",
                    submitted(uniqueProgram("mx-post")));
            case POST_DEPARTMENT_EVALUATION -> write(who, expected, "/api/evaluations/department",
                    submitted(null));
            case GET_EVALUATION -> {
                Response r = get(who.token, "/api/evaluations/" + f.e(), Map.of());
                assertStatus(r.status(), expected, r.body());
                if (expected == 200) {
                    assertThat(r.body().path("evaluationId").asString()).isEqualTo(f.e());
                    assertThat(r.body().path("orgCode").asString()).isEqualTo(ORG);
                    assertThat(r.body().path("budget").asString()).isEqualTo("1000000.00");
                } else {
                    assertProblem(r.contentType(), r.body());
                }
            }
            case GET_EVALUATIONS_OF_ORG -> {
                Response r = get(who.token, "/api/evaluations", params("orgCode", ORG, "programCode", f.program()));
                assertStatus(r.status(), expected, r.body());
                if (expected == 200) {
                    assertThat(listed(r.body())).containsExactly(f.e());
                } else {
                    assertProblem(r.contentType(), r.body());
                    if (expected == 403) {
                        assertThat(r.body().path("field").asString()).isEqualTo("orgCode");
                    }
                }
            }
            case GET_EVALUATIONS -> {
                // the dashboard's alerts view: the current evaluations of a year, cut to the caller's scope
                Response r = get(who.token, "/api/evaluations", params("programCode", f.program(), "fiscalYear",
                        "2022", "currentOnly", "true"));
                assertStatus(r.status(), expected, r.body());
                if (expected == 200) {
                    Set<String> visible = switch (who) {
                        case FINANCE_BUREAU_IN_SCOPE, AGENCY_OWN_ORG -> Set.of(f.e());
                        case FINANCE_BUREAU_OUT_OF_SCOPE -> Set.of(f.e2());
                        case SUPERVISOR_IN_SCOPE -> Set.of(f.e(), f.e2());
                        case NATIONAL_SUPERVISOR -> Set.of(f.e(), f.e2(), f.u());
                        default -> Set.of();
                    };
                    assertThat(listed(r.body())).containsExactlyInAnyOrderElementsOf(visible);
                } else {
                    assertProblem(r.contentType(), r.body());
                }
            }
        }
    }

    /** A write as {@code who}: on refusal nothing is stored, nothing is put in the outbox, the key is not kept. */
    private void write(Who who, int expected, String path, ObjectNode body) {
        String key = UUID.randomUUID().toString();
        long rows = count("SELECT count(*) FROM self_evaluation");
        long outbox = count("SELECT count(*) FROM outbox");
        Posted r = post(who.token, path, key, body);
        assertStatus(r.status(), expected, r.body());
        if (expected == 201) {
            assertThat(r.body().path("orgCode").asString()).isEqualTo(ORG);
            assertThat(r.body().path("budget").asString()).isEqualTo("100.00");
            assertThat(r.body().path("recordedBy").asString()).isEqualTo("agency-" + ORG);
            assertThat(count("SELECT count(*) FROM self_evaluation")).isEqualTo(rows + 1);
            assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox + 2);
            return;
        }
        assertProblem(r.contentType(), r.body());
        assertThat(count("SELECT count(*) FROM self_evaluation")).as("rows").isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM outbox")).as("outbox").isEqualTo(outbox);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE key = '" + key + "'")).as("key").isZero();
        assertThat(count("SELECT count(*) FROM self_evaluation WHERE org_code = '" + ORG + "' AND recorded_by <> '"
                + "agency-" + ORG + "'")).as("rows of the org recorded by anyone but its agency").isZero();
    }

    @Test
    void refusedWritesPublishNothingOnTheTopic() {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.EVALUATION);
        String program = uniqueProgram("mx-topic");
        ObjectNode body = submitted(program);
        for (Who who : Who.values()) {
            if (who != Who.AGENCY_OWN_ORG) {
                Posted refused = post(who.token, "/api/evaluations", UUID.randomUUID().toString(), body);
                assertThat(refused.status()).as("%s", who).isEqualTo(who == Who.ANONYMOUS ? 401 : 403);
            }
        }
        Posted ok = post(Who.AGENCY_OWN_ORG.token, "/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(ok.status()).as("%s", ok.body()).isEqualTo(201);
        // the relay publishes in outbox order: had a refused write left an event, it would come first
        List<ConsumerRecord<String, String>> records = topic.awaitKey("2022/" + ORG + "/" + program, 2);
        assertThat(records).hasSize(2).allSatisfy(rec -> {
            JsonNode envelope = TestEvents.JSON.readTree(rec.value());
            assertThat(envelope.path("payload").path("evaluationId").asString())
                    .isEqualTo(ok.body().path("evaluationId").asString());
            assertThat(envelope.path("recordedBy").asString()).isEqualTo("agency-" + ORG);
            assertThat(envelope.path("actor").path("subject").asString()).isEqualTo("agency-" + ORG);
            assertThat(envelope.path("actor").path("role").asString()).isEqualTo("AGENCY");
            assertThat(envelope.path("actor").path("org").asString()).isEqualTo(ORG);
        });
    }

    @Test
    void badTokensAreRefusedEverywhereEvenOnPublicReads() {
        Fixture f = fixture();
        List<String> bad = List.of(
                TestTokens.expired("AGENCY", null, ORG),
                TestTokens.wronglySigned("AGENCY", null, ORG),
                TestTokens.unsigned("AGENCY", null, ORG),
                TestTokens.hmacWithPublicKey("AGENCY", null, ORG),
                TestTokens.withClaims(Map.of("sub", "no-org", "role", "AGENCY")),
                TestTokens.withClaims(Map.of("sub", "god", "role", "ADMIN", "region", "000000")),
                TestTokens.expired("SUPERVISOR", "000000", null),
                TestTokens.unsigned("SUPERVISOR", "000000", null),
                "not-a-token");
        long rows = count("SELECT count(*) FROM self_evaluation");
        long outbox = count("SELECT count(*) FROM outbox");
        for (String token : bad) {
            Posted p = post(token, "/api/evaluations", UUID.randomUUID().toString(),
                    submitted(uniqueProgram("mx-bad")));
            assertThat(p.status()).as("POST with %s", token).isEqualTo(401);
            assertProblem(p.contentType(), p.body());
            for (String path : List.of("/api/alerts", "/api/evaluations/" + f.e(), "/api/evaluations",
                    "/api/execution")) {
                Response r = get(token, path, Map.of());
                assertThat(r.status()).as("GET %s with %s", path, token).isEqualTo(401);
                assertProblem(r.contentType(), r.body());
            }
        }
        assertThat(count("SELECT count(*) FROM self_evaluation")).isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
    }

    @Test
    void anOrgOfUnknownRegionIsReadOnlyByItsAgencyAndANationalSupervisor() {
        Fixture f = fixture();
        Map<String, Integer> expected = Map.of(
                TestTokens.nationalSupervisor(), 200,
                TestTokens.agency(UNKNOWN), 200,
                TestTokens.agency(ORG), 403,
                TestTokens.financeBureau("000000"), 403,
                TestTokens.supervisor("140000"), 403,
                TestTokens.financeBureau("141100"), 403);
        expected.forEach((token, status) -> {
            Response one = get(token, "/api/evaluations/" + f.u(), Map.of());
            assertThat(one.status()).as("%s", one.body()).isEqualTo(status);
            Response list = get(token, "/api/evaluations", params("orgCode", UNKNOWN));
            assertThat(list.status()).as("%s", list.body()).isEqualTo(status);
            if (status == 200) {
                assertThat(listed(list.body())).containsExactly(f.u());
            } else {
                assertThat(one.body().path("field").asString()).isEqualTo("orgCode");
            }
        });
        // a national finance bureau lists every org whose region is known, not this one
        Response all = get(TestTokens.financeBureau("000000"), "/api/evaluations", params("programCode",
                f.program()));
        assertThat(listed(all.body())).containsExactlyInAnyOrder(f.e(), f.e2());
    }

    @Test
    void anOrgsRegionIsResolvedWhenRead() {
        String late = "MX-LATE-" + UUID.randomUUID().toString().substring(0, 8);
        Posted posted = post(TestTokens.agency(late), "/api/evaluations", UUID.randomUUID().toString(),
                submitted(uniqueProgram("mx-late")).put("orgCode", late));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(201);
        String path = "/api/evaluations/" + posted.body().path("evaluationId").asString();
        assertThat(get(TestTokens.financeBureau("141100"), path, Map.of()).status()).isEqualTo(403);

        // an allocation to the org arrives: 离石区, so 吕梁市's bureau may read it, 晋中市's may not
        String program = uniqueProgram("mx-late-alloc");
        issue(toOrg(UUID.randomUUID(), null, program, 2022, Level.CITY, "141100", late, "离石区迟到局", "141102",
                "10000.00", LocalDate.of(2022, 5, 1)));
        eventually().until(() -> execution("programCode", program).path("rows").size() == 1);
        assertThat(get(TestTokens.financeBureau("141100"), path, Map.of()).status()).isEqualTo(200);
        assertThat(get(TestTokens.financeBureau("140700"), path, Map.of()).status()).isEqualTo(403);

        // its registration (moved to 榆次区) wins over where its allocations went
        var moved = TestEvents.send(TestEvents.envelope(Topics.ORG_AGGREGATE, late, Events.ORG_UPDATED,
                new Events.OrgRegistered(late, "榆次区迟到局", "140702", "榆次区")));
        eventually().until(() -> processed("evaluation.org", moved.eventId()));
        assertThat(get(TestTokens.financeBureau("140700"), path, Map.of()).status()).isEqualTo(200);
        assertThat(get(TestTokens.financeBureau("141100"), path, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aRegionFilterOutsideTheCallersSubtreeIsRefusedNotEmptied() {
        fixture();
        Response province = get(TestTokens.financeBureau("141100"), "/api/alerts", params("region", "140000"));
        assertThat(province.status()).isEqualTo(403);
        assertThat(province.body().path("field").asString()).isEqualTo("region");
        // a malformed region is a 400 before any scope question
        Response malformed = get(TestTokens.financeBureau("141100"), "/api/alerts", params("region", "14110"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("field").asString()).isEqualTo("region");
        // an agency never reads alerts, whatever it asks for
        assertThat(get(TestTokens.agency(ORG), "/api/alerts", params("region", "141102")).status()).isEqualTo(403);
    }

    private synchronized Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        String program = uniqueProgram("matrix");
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        issue(toOrg(a1, null, program, 2022, Level.CITY, "141100", ORG, "离石区医疗保障局", "141102", "1000000.00",
                LocalDate.of(2022, 3, 1)));
        issue(toOrg(a2, null, program, 2022, Level.CITY, "140700", ORG2, "榆次区医疗保障局", "140702", "500000.00",
                LocalDate.of(2022, 3, 1)));
        eventually().until(() -> execution("programCode", program).path("rows").size() == 2);
        String e = create(ORG, program, "1000000.00");
        String e2 = create(ORG2, program, "500000.00");
        String u = create(UNKNOWN, program, "300000.00");
        fixture = new Fixture(program, a1, a2, e, e2, u);
        return fixture;
    }

    private String create(String org, String program, String budget) {
        ObjectNode body = submitted(program).put("orgCode", org).put("budget", budget).put("executed", "0.00");
        Posted r = post(TestTokens.agency(org), "/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.body().path("evaluationId").asString();
    }

    /** A self-evaluation of {@link #ORG} with the form's own figures (a department's if {@code program} is null). */
    private static ObjectNode submitted(String program) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (program != null) {
            body.put("programCode", program);
        }
        body.put("fiscalYear", 2022).put("orgCode", ORG).put("template", "lishi-2022")
                .put("figuresFrom", "SUBMITTED").put("budget", "100.00").put("executed", "50.00");
        body.putArray("indicators");
        return body;
    }

    private static List<String> alerted(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("alerts").forEach(a -> out.add(a.path("allocationId").asString() + " "
                + a.path("amount").asString()));
        return out;
    }

    private static List<String> listed(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("evaluations").forEach(e -> out.add(e.path("evaluationId").asString()));
        return out;
    }

    private static void assertStatus(int status, int expected, JsonNode body) {
        assertThat(status).as("status; body %s", body).isEqualTo(expected);
    }

    private static void assertProblem(String contentType, JsonNode body) {
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(body.path("status").asInt()).isIn(401, 403);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
