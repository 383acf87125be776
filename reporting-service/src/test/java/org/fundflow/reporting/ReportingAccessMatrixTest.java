package org.fundflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of reporting-service × every kind of caller, with the status each must get. The orgs live in
 * 榆次区 (140702, under 晋中市 140700, under 山西省 140000): in scope are the finance bureau of 晋中, the supervisor of
 * 山西 and the national supervisor; out of scope the finance bureau and the supervisor of 北京 (110000) and another
 * org's agency. Public reports are open to all; final accounts are public as published, their live figures a draft
 * for the org and its supervisors; publishing is the agency's own; self-evaluations need a token and a scope; the
 * audit trail is for supervisors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingAccessMatrixTest extends ReportingServiceTestBase {
    static final String COUNTY = "140702";
    static final String CITY = "140700";
    static final int YEAR = 2023;

    /** Who calls; {@code AGENCY_OWN} is the agency of the org the endpoint is about. */
    enum Who {
        ANONYMOUS, FB_IN_SCOPE, FB_OUT_OF_SCOPE, AGENCY_OWN_ORG, AGENCY_OTHER_ORG, SUPERVISOR_IN_SCOPE,
        SUPERVISOR_OUT_OF_SCOPE, NATIONAL_SUPERVISOR;

        String token(String org) {
            return switch (this) {
                case ANONYMOUS -> null;
                case FB_IN_SCOPE -> TestTokens.financeBureau(CITY);
                case FB_OUT_OF_SCOPE -> TestTokens.financeBureau("110000");
                case AGENCY_OWN_ORG -> TestTokens.agency(org);
                case AGENCY_OTHER_ORG -> TestTokens.agency("MX-OTHER-ORG");
                case SUPERVISOR_IN_SCOPE -> TestTokens.supervisor("140000");
                case SUPERVISOR_OUT_OF_SCOPE -> TestTokens.supervisor("110000");
                case NATIONAL_SUPERVISOR -> TestTokens.nationalSupervisor();
            };
        }
    }

    /** Each endpoint with the status of each {@link Who}, in that order. */
    enum Endpoint {
        EXECUTION_BY_REGION(200, 200, 200, 200, 200, 200, 200, 200),
        EXECUTION_BY_FUND(200, 200, 200, 200, 200, 200, 200, 200),
        FUND_FLOW(200, 200, 200, 200, 200, 200, 200, 200),
        FUND_FLOW_XLSX(200, 200, 200, 200, 200, 200, 200, 200),
        FUND_FLOW_PROGRAMS(200, 200, 200, 200, 200, 200, 200, 200),
        FINAL_ACCOUNTS_INDEX(200, 200, 200, 200, 200, 200, 200, 200),
        /** without version: the live figures for readers of drafts, the latest published version for the rest */
        FINAL_ACCOUNTS_TABLE(200, 200, 200, 200, 200, 200, 200, 200),
        /** the same for an org that has published nothing: only readers of drafts get a table */
        FINAL_ACCOUNTS_TABLE_UNPUBLISHED(404, 200, 404, 200, 404, 200, 404, 200),
        FINAL_ACCOUNTS_TABLE_LIVE(401, 200, 403, 200, 403, 200, 403, 200),
        FINAL_ACCOUNTS_TABLE_PUBLISHED(200, 200, 200, 200, 200, 200, 200, 200),
        FINAL_ACCOUNTS_TABLE_CSV_PUBLISHED(200, 200, 200, 200, 200, 200, 200, 200),
        FINAL_ACCOUNTS_NARRATIVE(200, 200, 200, 200, 200, 200, 200, 200),
        FINAL_ACCOUNTS_NARRATIVE_LIVE(401, 200, 403, 200, 403, 200, 403, 200),
        FINAL_ACCOUNTS_PUBLICATIONS(200, 200, 200, 200, 200, 200, 200, 200),
        FINAL_ACCOUNTS_PUBLICATION(200, 200, 200, 200, 200, 200, 200, 200),
        PUBLISH(401, 403, 403, 201, 403, 403, 403, 403),
        SELF_EVALUATION_FORM(401, 200, 403, 200, 403, 200, 403, 200),
        SELF_EVALUATION_FORM_XLSX(401, 200, 403, 200, 403, 200, 403, 200),
        SELF_EVALUATIONS_OF_ORG(401, 200, 403, 200, 403, 200, 403, 200),
        SELF_EVALUATIONS_ALL(401, 200, 200, 200, 200, 200, 200, 200),
        SELF_EVALUATION_SUMMARY_OF_ORG(401, 200, 403, 200, 403, 200, 403, 200),
        SELF_EVALUATION_SUMMARY_ALL(401, 200, 200, 200, 200, 200, 200, 200),
        AUDIT_OF_REGION(401, 403, 403, 403, 403, 200, 403, 200),
        AUDIT_OWN_SCOPE(401, 403, 403, 403, 403, 200, 200, 200),
        AUDIT_CSV(401, 403, 403, 403, 403, 200, 403, 200);

        final int[] statuses;

        Endpoint(int... statuses) {
            this.statuses = statuses;
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    private String program;
    /** Published version 1 (30,000.00 spent), then 5,000.00 more spent: live and published differ. */
    private String org;
    /** Figures, nothing published. */
    private String unpublished;
    /** Figures, nothing published: the org the PUBLISH row publishes (once, as its agency). */
    private String publisher;
    private UUID evaluation;

    @BeforeAll
    void recordTheOrgs() {
        program = uniqueProgram("MX");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        org = "MX-" + suffix;
        unpublished = "MXU-" + suffix;
        publisher = "MXP-" + suffix;
        events().registered(new Events.ProgramRegistered(program, "访问矩阵测试", YEAR, "2101301", "GENERAL_BUDGET"));
        for (String o : List.of(org, unpublished, publisher)) {
            events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(o, "榆次区测试局 " + o, COUNTY, "榆次区"));
            Events.AllocationIssued a = issue(program, "访问矩阵测试", YEAR).source(Level.CITY).from(CITY, "晋中市")
                    .toOrg(o, "榆次区测试局 " + o, COUNTY).function("2101301").amount("100000.00")
                    .doc("晋中财社〔2023〕1号", "2023-01-10").build();
            events().issued(a);
            events().paid(pay(a).amount("30000.00", "2023-02-01").build());
            awaitLiveTotal(o, "30000.00");
        }
        assertThat(publish(org, TestTokens.agency(org), UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        Events.AllocationIssued more = issue(program, "访问矩阵测试", YEAR).source(Level.CITY).from(CITY, "晋中市")
                .toOrg(org, "榆次区测试局 " + org, COUNTY).function("2101301").amount("5000.00")
                .doc("晋中财社〔2023〕2号", "2023-03-10").build();
        events().issued(more);
        events().paid(pay(more).amount("5000.00", "2023-04-01").build());
        awaitLiveTotal(org, "35000.00");

        evaluation = UUID.randomUUID();
        events().submitted(new Events.SelfEvaluationSubmitted(evaluation, program, YEAR, org,
                Events.EvaluationLevel.PROJECT, "lishi-2022", Events.FiguresFrom.SUBMITTED, null,
                Money.parse("100000.00"), Money.parse("30000.00"), List.of(), null, null));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                getAs(nationalSupervisor(), "/api/reports/self-evaluations/" + evaluation).statusCode())
                .isEqualTo(200));
    }

    static Stream<Arguments> matrix() {
        return Arrays.stream(Endpoint.values()).flatMap(e -> Arrays.stream(Who.values())
                .map(w -> Arguments.of(e, w, e.statuses[w.ordinal()])));
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void every_endpoint_answers_every_caller_as_the_rules_say(Endpoint endpoint, Who who, int expected) {
        String target = endpoint == Endpoint.PUBLISH ? publisher
                : endpoint == Endpoint.FINAL_ACCOUNTS_TABLE_UNPUBLISHED ? unpublished : org;
        String token = who.token(target);
        HttpResponse<byte[]> response;
        if (endpoint == Endpoint.PUBLISH) {
            Map<String, Long> before = writeCounts(target);
            response = publish(target, token, UUID.randomUUID().toString());
            if (expected != 201) {
                assertThat(writeCounts(target)).as("nothing written on a refused publication").isEqualTo(before);
            } else {
                assertThat(json(response).get("publishedBy").asString()).isEqualTo("agency-" + target);
            }
        } else {
            response = getAs(token, path(endpoint, target));
        }
        assertThat(response.statusCode()).as(text(response)).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    /**
     * The drafts stay with their readers: everyone gets 200 for the table without a version, but only the org's
     * agency and the bureaus and supervisors over its region see the live 35,000.00; the others see what was
     * published (30,000.00), and an index without the live hash.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Who.class)
    void only_readers_of_drafts_see_the_live_figures(Who who) {
        boolean drafts = List.of(Who.FB_IN_SCOPE, Who.AGENCY_OWN_ORG, Who.SUPERVISOR_IN_SCOPE,
                Who.NATIONAL_SUPERVISOR).contains(who);
        JsonNode table = json(getAs(who.token(org), path(Endpoint.FINAL_ACCOUNTS_TABLE, org)));
        assertThat(total(table)).isEqualTo(drafts ? "35000.00" : "30000.00");
        assertThat(table.get("status").asString()).isEqualTo(drafts ? "live" : "published");
        JsonNode index = json(getAs(who.token(org), "/api/reports/final-accounts/" + org + "/" + YEAR));
        assertThat(index.get("view").asString()).isEqualTo(drafts ? "live" : "published");
        assertThat(index.get("liveContentHash").isNull()).isEqualTo(!drafts);
        assertThat(index.get("latestPublishedVersion").asInt()).isEqualTo(1);
        assertThat(index.get("noData").asBoolean()).isFalse();
        JsonNode narrative = json(getAs(who.token(org), path(Endpoint.FINAL_ACCOUNTS_NARRATIVE, org)));
        assertThat(narrative.at("/expenditure/total").asString()).isEqualTo(drafts ? "35000.00" : "30000.00");

        // an org with figures but nothing published: listed as such, its tables all without data for the public
        JsonNode other = json(getAs(who.token(unpublished), "/api/reports/final-accounts/" + unpublished + "/" + YEAR));
        assertThat(other.get("noData").asBoolean()).isFalse();
        assertThat(other.get("latestPublishedVersion").isNull()).isTrue();
        assertThat(other.at("/tables/2/number").asString()).isEqualTo("公开03");
        assertThat(other.at("/tables/2/noData").asBoolean()).isEqualTo(!drafts);
        if (!drafts) {
            assertThat(other.get("tables")).hasSize(10).allSatisfy(t -> assertThat(t.get("noData").asBoolean())
                    .isTrue());
        }
    }

    /** Without orgCode the lists and counts cover the caller's scope only. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Who.class, names = "ANONYMOUS", mode = EnumSource.Mode.EXCLUDE)
    void lists_of_self_evaluations_are_filtered_to_the_callers_scope(Who who) {
        boolean sees = List.of(Who.FB_IN_SCOPE, Who.AGENCY_OWN_ORG, Who.SUPERVISOR_IN_SCOPE,
                Who.NATIONAL_SUPERVISOR).contains(who);
        JsonNode all = json(getAs(who.token(org), "/api/reports/self-evaluations?fiscalYear=" + YEAR));
        List<String> ids = new ArrayList<>();
        all.get("evaluations").forEach(e -> ids.add(e.get("evaluationId").asString()));
        if (sees) {
            assertThat(ids).contains(evaluation.toString());
        } else {
            assertThat(ids).doesNotContain(evaluation.toString());
        }
        if (who == Who.AGENCY_OWN_ORG || who == Who.AGENCY_OTHER_ORG) {
            all.get("evaluations").forEach(e -> assertThat(e.get("orgCode").asString())
                    .isEqualTo(who == Who.AGENCY_OWN_ORG ? org : "MX-OTHER-ORG"));
        }
        // counted for those who see it (no other evaluation of 2023 lies in 北京 or belongs to the other org)
        JsonNode summary = json(getAs(who.token(org), "/api/reports/self-evaluations/summary?fiscalYear=" + YEAR
                + (sees ? "&orgCode=" + org : "")));
        assertThat(summary.get("total").asInt()).isEqualTo(sees ? 1 : 0);
    }

    @Test
    void bad_tokens_are_401_even_on_public_reads() {
        for (String token : List.of(TestTokens.expired("SUPERVISOR", "000000", null),
                TestTokens.wronglySigned("SUPERVISOR", "000000", null),
                TestTokens.unsigned("SUPERVISOR", "000000", null),
                TestTokens.hmacWithPublicKey("SUPERVISOR", "000000", null),
                TestTokens.withClaims(Map.of("sub", "x", "role", "GOD", "region", "000000")))) {
            for (Endpoint e : List.of(Endpoint.FUND_FLOW, Endpoint.FINAL_ACCOUNTS_TABLE, Endpoint.AUDIT_OWN_SCOPE,
                    Endpoint.SELF_EVALUATIONS_ALL)) {
                HttpResponse<byte[]> r = getAs(token, path(e, org));
                assertThat(r.statusCode()).as(e + " " + text(r)).isEqualTo(401);
            }
            HttpResponse<byte[]> r = publish(publisher, token, UUID.randomUUID().toString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
    }

    private String path(Endpoint e, String target) {
        String fa = "/api/reports/final-accounts/" + target + "/" + YEAR;
        String t03 = fa + "/" + URLEncoder.encode("公开03", StandardCharsets.UTF_8);
        return switch (e) {
            case EXECUTION_BY_REGION -> "/api/reports/execution/by-region?fiscalYear=" + YEAR + "&region=" + CITY;
            case EXECUTION_BY_FUND -> "/api/reports/execution/by-fund?fiscalYear=" + YEAR + "&region=" + CITY
                    + "&format=xlsx";
            case FUND_FLOW -> "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=" + YEAR;
            case FUND_FLOW_XLSX -> "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=" + YEAR
                    + "&format=xlsx";
            case FUND_FLOW_PROGRAMS -> "/api/reports/fund-flow/programs?fiscalYear=" + YEAR;
            case FINAL_ACCOUNTS_INDEX -> fa;
            case FINAL_ACCOUNTS_TABLE, FINAL_ACCOUNTS_TABLE_UNPUBLISHED -> t03;
            case FINAL_ACCOUNTS_TABLE_LIVE -> t03 + "?version=live";
            case FINAL_ACCOUNTS_TABLE_PUBLISHED -> t03 + "?version=1";
            case FINAL_ACCOUNTS_TABLE_CSV_PUBLISHED -> fa + "/expenditure?version=1&format=csv&unit=wan";
            case FINAL_ACCOUNTS_NARRATIVE -> fa + "/narrative";
            case FINAL_ACCOUNTS_NARRATIVE_LIVE -> fa + "/narrative?version=live";
            case FINAL_ACCOUNTS_PUBLICATIONS -> fa + "/publications";
            case FINAL_ACCOUNTS_PUBLICATION -> fa + "/publications/1";
            case PUBLISH -> fa + "/publications";
            case SELF_EVALUATION_FORM -> "/api/reports/self-evaluations/" + evaluation;
            case SELF_EVALUATION_FORM_XLSX -> "/api/reports/self-evaluations/" + evaluation + "?format=xlsx";
            case SELF_EVALUATIONS_OF_ORG -> "/api/reports/self-evaluations?orgCode=" + target;
            case SELF_EVALUATIONS_ALL -> "/api/reports/self-evaluations?fiscalYear=" + YEAR;
            case SELF_EVALUATION_SUMMARY_OF_ORG -> "/api/reports/self-evaluations/summary?fiscalYear=" + YEAR
                    + "&orgCode=" + target;
            case SELF_EVALUATION_SUMMARY_ALL -> "/api/reports/self-evaluations/summary?fiscalYear=" + YEAR;
            case AUDIT_OF_REGION -> "/api/audit?region=" + CITY;
            case AUDIT_OWN_SCOPE -> "/api/audit";
            case AUDIT_CSV -> "/api/audit?region=" + COUNTY + "&format=csv&size=5";
        };
    }

    private void awaitLiveTotal(String o, String total) {
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<byte[]> r = getAs(nationalSupervisor(), "/api/reports/final-accounts/" + o + "/" + YEAR
                    + "/" + URLEncoder.encode("公开03", StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(total(json(r))).isEqualTo(total);
        });
    }

    /** 公开03's 合计 of 本年支出合计. */
    private static String total(JsonNode table) {
        for (JsonNode block : table.get("blocks")) {
            for (JsonNode row : block.get("rows")) {
                if ("total".equals(row.get("key").asString())) {
                    return row.at("/values/total").asString();
                }
            }
        }
        throw new AssertionError("no total row in " + table.get("number"));
    }

    private HttpResponse<byte[]> publish(String o, String token, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/reports/final-accounts/" + o + "/" + YEAR + "/publications"))
                .timeout(Duration.ofSeconds(30)).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", TestTokens.bearer(token));
        }
        return send(b);
    }

    /** What a publication writes: its rows, the Idempotency-Key store, the outbox (reporting publishes nothing). */
    private Map<String, Long> writeCounts(String o) {
        return Map.of(
                "final_accounts_publication", jdbc.queryForObject("SELECT count(*) FROM final_accounts_publication "
                        + "WHERE org_code = ?", Long.class, o),
                "idempotency_key", jdbc.queryForObject("SELECT count(*) FROM idempotency_key", Long.class),
                "outbox", jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class));
    }
}
