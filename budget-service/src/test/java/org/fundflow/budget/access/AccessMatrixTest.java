package org.fundflow.budget.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.KafkaTopic;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of budget-service × every kind of caller, in and out of scope, with the exact status. The fixture
 * is one allocation A of 晋中 (140700) to an org of 榆次 (140702), a district of 晋中: "in scope" for a write means
 * the bureau of exactly 140700; 山西 (140000) is above it and 榆次 below it, and neither may write it; 湖南
 * (430000) is out of scope altogether. A refused write leaves every table, the Idempotency-Key store and the outbox
 * as they were; a refused filter is 403, and a list is cut to what the caller may read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends BudgetServiceIntegrationTest {
    private static final String CITY = "140700"; // 晋中市
    private static final String PROVINCE = "140000"; // 山西省
    private static final String DISTRICT = "140702"; // 榆次区
    private static final String ELSEWHERE = "430000"; // 湖南省

    /** Who calls. */
    enum Who {
        ANONYMOUS, FB_IN_SCOPE, FB_ABOVE, FB_BELOW, FB_OUT_OF_SCOPE, AGENCY_OWN_ORG, AGENCY_OTHER_ORG,
        SUPERVISOR_IN_SCOPE, SUPERVISOR_OUT_OF_SCOPE, NATIONAL_SUPERVISOR
    }

    /** What is called; {@code call} makes the request as the given token (null: none). */
    enum Endpoint {
        REGISTER_PROGRAM(true, (t, token) -> t.as(token).post("/api/programs", t.program(unique("P"), 2024))),
        PUT_ORG(true, (t, token) -> t.as(token).put("/api/orgs/" + unique("O"),
                Map.of("name", "榆次区民政局", "regionCode", DISTRICT))),
        ISSUE_ALLOCATION(true, (t, token) -> t.as(token).post("/api/allocations", t.toOwnOrg("1.00"))),
        ADJUST(true, (t, token) -> t.as(token).post("/api/allocations/" + t.allocation + "/adjustments",
                Map.of("delta", "1.00", "docNo", "市财社〔2024〕7号", "effectiveOn", "2024-05-01", "reason", "追加"))),
        RECOVER(true, (t, token) -> t.as(token).post("/api/allocations/" + t.allocation + "/recoveries",
                Map.of("amount", "1.00", "recoveredOn", "2024-06-01", "reason", "结余收回"))),
        CARRY_OVER(true, (t, token) -> t.as(token).post("/api/allocations/" + t.allocation + "/carry-overs",
                Map.of("amount", "1.00", "toFiscalYear", 2025, "carriedOn", "2024-12-31"))),
        READ_ALLOCATION(false, (t, token) -> t.as(token).get("/api/allocations/" + t.allocation)),
        LIST_ALLOCATIONS(false, (t, token) -> t.as(token).get("/api/allocations?programCode=" + t.program)),
        LIST_FROM_CITY(false, (t, token) -> t.as(token).get("/api/allocations?programCode=" + t.program
                + "&fromRegion=" + CITY)),
        LIST_TO_OWN_ORG(false, (t, token) -> t.as(token).get("/api/allocations?programCode=" + t.program
                + "&toOrg=" + t.ownOrg)),
        PUBLIC_REGION(false, (t, token) -> t.as(token).get("/api/regions/" + CITY)),
        PUBLIC_REGIONS(false, (t, token) -> t.as(token).get("/api/regions?parent=" + PROVINCE)),
        PUBLIC_ORG(false, (t, token) -> t.as(token).get("/api/orgs/" + t.ownOrg)),
        PUBLIC_ORGS(false, (t, token) -> t.as(token).get("/api/orgs?region=" + CITY)),
        PUBLIC_PROGRAM(false, (t, token) -> t.as(token).get("/api/programs/2024/" + t.program)),
        PUBLIC_PROGRAMS(false, (t, token) -> t.as(token).get("/api/programs?fiscalYear=2024"));

        final boolean write;
        final BiFunction<AccessMatrixTest, String, Response> call;

        Endpoint(boolean write, BiFunction<AccessMatrixTest, String, Response> call) {
            this.write = write;
            this.call = call;
        }
    }

    /** The expected status of each endpoint for each caller, in {@link Who} order. */
    private static final Map<Endpoint, int[]> EXPECTED = new EnumMap<>(Endpoint.class);

    static {
        //                   anon  FB in above below out  ag.own other sup.in sup.out national
        expect(Endpoint.REGISTER_PROGRAM, 401, 201, 201, 201, 201, 403, 403, 403, 403, 403);
        expect(Endpoint.PUT_ORG, 401, 201, 201, 201, 403, 403, 403, 403, 403, 403);
        for (Endpoint e : List.of(Endpoint.ISSUE_ALLOCATION, Endpoint.ADJUST, Endpoint.RECOVER,
                Endpoint.CARRY_OVER)) {
            expect(e, 401, 201, 403, 403, 403, 403, 403, 403, 403, 403);
        }
        expect(Endpoint.READ_ALLOCATION, 401, 200, 200, 200, 403, 200, 403, 200, 403, 200);
        expect(Endpoint.LIST_ALLOCATIONS, 401, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        // a region filter outside the caller's subtree is refused; an agency's filters only narrow its own org
        expect(Endpoint.LIST_FROM_CITY, 401, 200, 200, 403, 403, 200, 200, 200, 403, 200);
        expect(Endpoint.LIST_TO_OWN_ORG, 401, 200, 200, 200, 200, 200, 403, 200, 200, 200);
        for (Endpoint e : List.of(Endpoint.PUBLIC_REGION, Endpoint.PUBLIC_REGIONS, Endpoint.PUBLIC_ORG,
                Endpoint.PUBLIC_ORGS, Endpoint.PUBLIC_PROGRAM, Endpoint.PUBLIC_PROGRAMS)) {
            expect(e, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        }
    }

    private static void expect(Endpoint endpoint, int... statuses) {
        assertThat(statuses).hasSize(Who.values().length);
        EXPECTED.put(endpoint, statuses);
    }

    /** Callers who may read allocation A, and so see it in a list. */
    private static final List<Who> READERS_OF_A = List.of(Who.FB_IN_SCOPE, Who.FB_ABOVE, Who.FB_BELOW,
            Who.AGENCY_OWN_ORG, Who.SUPERVISOR_IN_SCOPE, Who.NATIONAL_SUPERVISOR);

    private String program;
    private String ownOrg;
    private String otherOrg;
    private String allocation;
    private String provincial;
    private final Map<Who, String> tokens = new EnumMap<>(Who.class);

    @BeforeAll
    void fixture() {
        program = newProgram("城乡医疗救助", 2024);
        ownOrg = newOrg("榆次区医疗保障局", DISTRICT);
        otherOrg = newOrg("榆次区总工会", DISTRICT);
        // 山西 → 晋中, and 晋中's own money to an org of 榆次 (A): enough for every accepted movement
        provincial = issue(allocation(program, 2024, PROVINCE, CITY, null, "500000", "2024-01-10"))
                .path("allocationId").asString();
        allocation = issue(toOwnOrg("1000000")).path("allocationId").asString();

        tokens.put(Who.FB_IN_SCOPE, TestTokens.financeBureau(CITY));
        tokens.put(Who.FB_ABOVE, TestTokens.financeBureau(PROVINCE));
        tokens.put(Who.FB_BELOW, TestTokens.financeBureau(DISTRICT));
        tokens.put(Who.FB_OUT_OF_SCOPE, TestTokens.financeBureau(ELSEWHERE));
        tokens.put(Who.AGENCY_OWN_ORG, TestTokens.agency(ownOrg));
        tokens.put(Who.AGENCY_OTHER_ORG, TestTokens.agency(otherOrg));
        tokens.put(Who.SUPERVISOR_IN_SCOPE, TestTokens.supervisor(CITY));
        tokens.put(Who.SUPERVISOR_OUT_OF_SCOPE, TestTokens.supervisor(ELSEWHERE));
        tokens.put(Who.NATIONAL_SUPERVISOR, TestTokens.nationalSupervisor());
    }

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(e, who, EXPECTED.get(e)[who.ordinal()]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void everyEndpointForEveryCaller(Endpoint endpoint, Who who, int expected) {
        Map<String, Long> before = writtenRows();
        Response r = endpoint.call.apply(this, tokens.get(who));

        assertThat(r.status()).as("%s as %s: %s", endpoint, who, r.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body().path("status").asInt()).isEqualTo(expected);
            assertThat(r.detail()).isNotBlank();
            if (expected == 401) {
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            }
            assertThat(writtenRows()).as("nothing written by a refused %s", endpoint).isEqualTo(before);
        } else if (endpoint.write) {
            Map<String, Long> after = writtenRows();
            assertThat(after.get("outbox")).as("one event").isEqualTo(before.get("outbox") + 1);
            assertThat(after.get("idempotency_key")).isEqualTo(before.get("idempotency_key") + 1);
        }
        if (endpoint == Endpoint.READ_ALLOCATION && expected == 200) {
            assertThat(r.text("allocationId")).isEqualTo(allocation);
        }
        boolean list = endpoint == Endpoint.LIST_ALLOCATIONS || endpoint == Endpoint.LIST_FROM_CITY
                || endpoint == Endpoint.LIST_TO_OWN_ORG;
        if (list && expected == 200) {
            if (READERS_OF_A.contains(who)) {
                assertThat(ids(r.body())).as("what %s sees", who).contains(allocation);
            } else {
                assertThat(ids(r.body())).as("what %s sees", who).doesNotContain(allocation);
            }
        }
    }

    @Test
    void listsAreCutToTheCallersScope() {
        // 山西 → 晋中 (P) touches the province and the city, not 榆次; A (晋中 → an org of 榆次) touches all three
        assertThat(listed(Who.FB_ABOVE)).contains(provincial, allocation);
        assertThat(listed(Who.FB_IN_SCOPE)).contains(provincial, allocation);
        assertThat(listed(Who.SUPERVISOR_IN_SCOPE)).contains(provincial, allocation);
        assertThat(listed(Who.FB_BELOW)).contains(allocation).doesNotContain(provincial);
        assertThat(listed(Who.AGENCY_OWN_ORG)).contains(allocation).doesNotContain(provincial);
        assertThat(listed(Who.AGENCY_OTHER_ORG)).isEmpty();
        assertThat(listed(Who.FB_OUT_OF_SCOPE)).isEmpty();
        assertThat(listed(Who.SUPERVISOR_OUT_OF_SCOPE)).isEmpty();
        assertThat(listed(Who.NATIONAL_SUPERVISOR)).contains(provincial, allocation);

        // the province reads the city's allocations it did not issue; the district cannot read the province's
        assertThat(as(tokens.get(Who.FB_BELOW)).get("/api/allocations/" + provincial).status()).isEqualTo(403);
        assertThat(as(tokens.get(Who.FB_IN_SCOPE)).get("/api/allocations/" + provincial).status()).isEqualTo(200);

        // refused filters name the field
        Response toRegion = as(tokens.get(Who.FB_BELOW)).get("/api/allocations?toRegion=" + CITY);
        assertThat(toRegion.status()).isEqualTo(403);
        assertThat(toRegion.field()).isEqualTo("toRegion");
        Response otherOrgs = as(tokens.get(Who.AGENCY_OWN_ORG)).get("/api/allocations?toOrg=" + otherOrg);
        assertThat(otherOrgs.status()).isEqualTo(403);
        assertThat(otherOrgs.field()).isEqualTo("toOrg");
        Response outside = as(tokens.get(Who.SUPERVISOR_OUT_OF_SCOPE)).get("/api/allocations?fromRegion=" + CITY);
        assertThat(outside.field()).isEqualTo("fromRegion");
    }

    @Test
    void refusalsNameTheFieldOutOfScope() {
        Response province = as(tokens.get(Who.FB_ABOVE)).post("/api/allocations", toOwnOrg("1.00"));
        assertThat(province.status()).isEqualTo(403);
        assertThat(province.field()).isEqualTo("fromRegion");
        assertThat(province.detail()).contains(CITY).contains("region " + PROVINCE);
        Response agency = as(tokens.get(Who.AGENCY_OWN_ORG)).post("/api/allocations", toOwnOrg("1.00"));
        assertThat(agency.status()).isEqualTo(403);
        assertThat(agency.detail()).contains("FINANCE_BUREAU");
        Response movement = as(tokens.get(Who.FB_BELOW)).post("/api/allocations/" + allocation + "/recoveries",
                Map.of("amount", "1.00", "recoveredOn", "2024-06-01", "reason", "收回"));
        assertThat(movement.field()).isEqualTo("fromRegion");
        Response read = as(tokens.get(Who.AGENCY_OTHER_ORG)).get("/api/allocations/" + allocation);
        assertThat(read.field()).isEqualTo("toOrg");
        assertThat(read.detail()).contains(ownOrg);
    }

    @Test
    void anUnknownAllocationIs404BeforeAnyScopeCheckAndAnOutOfScopeOneIs403() {
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> recovery = Map.of("amount", "1.00", "recoveredOn", "2024-06-01", "reason", "收回");
        for (Who who : List.of(Who.FB_IN_SCOPE, Who.FB_OUT_OF_SCOPE)) {
            Response r = as(tokens.get(who)).post("/api/allocations/" + unknown + "/recoveries", recovery);
            assertThat(r.status()).as("%s", who).isEqualTo(404);
            assertThat(r.field()).isEqualTo("allocationId");
        }
        // a role that never writes allocations is refused before anything is looked up
        assertThat(as(tokens.get(Who.NATIONAL_SUPERVISOR)).post("/api/allocations/" + unknown + "/recoveries",
                recovery).status()).isEqualTo(403);
        assertThat(as(tokens.get(Who.FB_OUT_OF_SCOPE)).post("/api/allocations/" + allocation + "/recoveries",
                recovery).status()).isEqualTo(403);
    }

    @Test
    void anOutOfScopeRetryWithTheRightfulKeyReplaysNothingAndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = toOwnOrg("2.00");
        Response first = as(tokens.get(Who.FB_IN_SCOPE)).post("/api/allocations", key, body);
        assertThat(first.status()).isEqualTo(201);
        // someone else presenting the same key and body gets no replay of the stored response
        Response stranger = as(tokens.get(Who.FB_OUT_OF_SCOPE)).post("/api/allocations", key, body);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.header("Idempotent-Replayed")).isNull();
        assertThat(stranger.body().path("allocationId").isMissingNode()).isTrue();
    }

    @Test
    void movingAnOrgNeedsABureauOverBothItsOldAndItsNewRegion() {
        String org = newOrg("榆次区卫生健康局", DISTRICT);
        Map<String, Object> toChangsha = Map.of("name", "长沙市卫生健康委", "regionCode", "430100");
        Map<String, Long> before = writtenRows();

        Response newRegionOnly = as(TestTokens.financeBureau(ELSEWHERE)).put("/api/orgs/" + org, toChangsha);
        assertThat(newRegionOnly.status()).isEqualTo(403);
        assertThat(newRegionOnly.field()).isEqualTo("orgCode");
        assertThat(newRegionOnly.detail()).contains(DISTRICT);
        Response oldRegionOnly = as(tokens.get(Who.FB_IN_SCOPE)).put("/api/orgs/" + org, toChangsha);
        assertThat(oldRegionOnly.status()).isEqualTo(403);
        assertThat(oldRegionOnly.field()).isEqualTo("regionCode");
        Response renameFromOutside = as(TestTokens.financeBureau(ELSEWHERE)).put("/api/orgs/" + org,
                Map.of("name", "改名", "regionCode", DISTRICT));
        assertThat(renameFromOutside.status()).isEqualTo(403);
        assertThat(writtenRows()).isEqualTo(before);

        Response national = as(TestTokens.financeBureau("000000")).put("/api/orgs/" + org, toChangsha);
        assertThat(national.status()).isEqualTo(200);
        assertThat(national.text("regionCode")).isEqualTo("430100");
        JsonNode history = get("/api/orgs/" + org).body().path("history");
        assertThat(history.get(1).path("recordedBy").asString()).isEqualTo("finance-000000");
        // now 榆次's bureau no longer holds it
        assertThat(as(TestTokens.financeBureau(DISTRICT)).put("/api/orgs/" + org,
                Map.of("name", "榆次区卫生健康局", "regionCode", DISTRICT)).status()).isEqualTo(403);
    }

    @Test
    void refusedWritesPublishNothing() {
        KafkaTopic allocations = KafkaTopic.fromNow(Topics.ALLOCATION);
        KafkaTopic orgs = KafkaTopic.fromNow(Topics.ORG);
        KafkaTopic programs = KafkaTopic.fromNow(Topics.PROGRAM);
        awaitRelayCaughtUp(allocations, "allocation");
        awaitRelayCaughtUp(orgs, "org");
        awaitRelayCaughtUp(programs, "program");
        long[] sizes = {allocations.size(), orgs.size(), programs.size()};

        int refused = 0;
        for (Endpoint e : Endpoint.values()) {
            if (!e.write) {
                continue;
            }
            for (Who who : Who.values()) {
                if (EXPECTED.get(e)[who.ordinal()] >= 400) {
                    assertThat(e.call.apply(this, tokens.get(who)).status()).isIn(401, 403);
                    refused++;
                }
            }
        }
        assertThat(refused).as("4 allocation writes × 9, programs × 6, orgs × 7").isEqualTo(4 * 9 + 6 + 7);

        // sentinels: one accepted write per topic, then exactly one more record on each
        String a = issue(toOwnOrg("1.00")).path("allocationId").asString();
        String o = newOrg("榆次区教育局", DISTRICT);
        String p = newProgram("义务教育补助", 2024);
        allocations.awaitKey(a, 1);
        orgs.awaitKey(o, 1);
        programs.awaitKey("2024/" + p, 1);
        assertThat(new long[] {allocations.size(), orgs.size(), programs.size()})
                .containsExactly(sizes[0] + 1, sizes[1] + 1, sizes[2] + 1);
    }

    private List<String> listed(Who who) {
        Response r = as(tokens.get(who)).get("/api/allocations?programCode=" + program);
        assertThat(r.status()).isEqualTo(200);
        return ids(r.body());
    }

    private static List<String> ids(JsonNode views) {
        return views.valueStream().map(v -> v.path("allocationId").asString()).toList();
    }

    Map<String, Object> toOwnOrg(String amount) {
        Map<String, Object> body = allocation(program, 2024, CITY, null, null, amount, "2024-02-01");
        body.put("toOrg", ownOrg);
        return body;
    }

    Map<String, Object> program(String code, int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "义务教育补助");
        body.put("fiscalYear", year);
        body.put("functionCode", "2050202");
        body.put("fundType", "GENERAL_BUDGET");
        return body;
    }
}
