package org.fundflow.evaluation.selfevaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.evaluation.EvaluationServiceTest;
import org.fundflow.evaluation.TestEvents;
import org.fundflow.testsupport.KafkaTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Self-evaluations against live figures (allocation and payment events consumed by this service), the events they
 * publish, refusals that write and publish nothing, Idempotency-Key replays and re-submissions.
 */
class SelfEvaluationApiTest extends EvaluationServiceTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LISHI = "141102";

    private final String org = "141102-YBJ-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * 离石 2022 省级财政医疗救助补助资金: 671万 to the department, 2,617,074.57 paid in three payments. Returns the
     * program code once this service has consumed it all.
     */
    private String provincialMedicalAid() {
        String program = uniqueProgram("lishi-sj");
        UUID allocation = UUID.randomUUID();
        issue(toOrg(allocation, null, program, 2022, Level.PROVINCIAL, LISHI, org, "吕梁市离石区医疗保障局", LISHI,
                "6710000.00", LocalDate.of(2022, 4, 1)));
        List<EventEnvelope<?>> payments = new ArrayList<>();
        int day = 1;
        for (String amount : List.of("1500000.00", "1000000.00", "117074.57")) {
            payments.add(TestEvents.paymentEnvelope(payment(allocation, org, LISHI, program, 2022, amount,
                    LocalDate.of(2022, 6, day++), "救助对象")));
        }
        TestEvents.sendAll(payments);
        List<UUID> ids = payments.stream().map(EventEnvelope::eventId).toList();
        eventually().until(() -> processedCount("evaluation.payment", ids) == ids.size()
                && execution("programCode", program).path("rows").size() == 1);
        return program;
    }

    /** The 离石 L6 form's indicator table, with no printed figures: the rows as the submitter judged them. */
    private static ArrayNode lishiIndicators() {
        ArrayNode rows = NODES.arrayNode();
        row(rows, "产出指标", "数量指标", "资助参保人次数", "≥99%", 20, 10);
        row(rows, "产出指标", "质量指标", "门诊医疗费用救助比例", "≥99%", 10, 5);
        row(rows, "产出指标", "时效指标", "一站式结算覆盖率", "不低于上年", 10, 5);
        row(rows, "效益指标", "社会效益指标", "医疗救助对象覆盖范围", "逐步拓展", 30, 10);
        row(rows, "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥85%", 30, 10);
        return rows;
    }

    private static void row(ArrayNode rows, String l1, String l2, String l3, String target, int weight, int score) {
        ObjectNode r = rows.addObject();
        r.put("level1", l1);
        r.put("level2", l2);
        r.put("level3", l3);
        r.put("target", target);
        r.put("weight", weight);
        r.put("printedScore", score);
    }

    private ObjectNode live(String program, String template) {
        ObjectNode body = NODES.objectNode();
        body.put("programCode", program);
        body.put("fiscalYear", 2022);
        body.put("orgCode", org);
        if (template != null) {
            body.put("template", template);
        }
        body.put("figuresFrom", "LIVE");
        body.set("indicators", lishiIndicators());
        return body;
    }

    private JsonNode created(Posted r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.body();
    }

    @Test
    void liveFiguresComeFromTheAllocationAndItsPayments() {
        String program = provincialMedicalAid();
        ObjectNode body = live(program, "lishi-2022");
        body.putObject("printed").put("executionRate", "40.49%").put("total", 40);
        Posted posted = post("/api/evaluations", UUID.randomUUID().toString(), body);
        JsonNode r = created(posted);
        assertThat(posted.headers().firstValue("Location")).hasValue("/api/evaluations/"
                + r.path("evaluationId").asString());
        assertThat(r.path("figuresFrom").asString()).isEqualTo("LIVE");
        assertThat(r.path("asOf").isNull()).isFalse(); // today, in the fiscal calendar's zone
        assertThat(r.path("budget").asString()).isEqualTo("6710000.00");
        assertThat(r.path("executed").asString()).isEqualTo("2617074.57");
        assertThat(r.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(r.path("executionPercent").asString()).isEqualTo("39.00%");
        assertThat(r.path("executionScore").asString()).isEqualTo("39.00"); // 离石: 100 × 0.39, outside the total
        assertThat(r.path("total").asString()).isEqualTo("40.00");
        assertThat(r.path("grade").asString()).isEqualTo("差");
        assertThat(SelfEvaluationFixtureApiTest.discrepancies(r)).singleElement()
                .satisfies(t -> assertThat(t.toList()).containsExactly("EXECUTION_RATE", "执行率", "40.49%", "39.00%"));
        assertThat(r.path("discrepancies").get(0).path("rule").asString()).contains("2617074.57 / 6710000.00");

        // the national template (the default) weighs the execution row 10 and counts it in the total
        JsonNode national = created(post("/api/evaluations", UUID.randomUUID().toString(), live(program, null)));
        assertThat(national.path("template").asString()).isEqualTo("national-2020");
        assertThat(national.path("executionScore").asString()).isEqualTo("3.90");

        // as of a date: only what was paid by then (1,500,000.00 on 1 June)
        ObjectNode early = live(program, "lishi-2022");
        early.put("asOf", "2022-06-01");
        JsonNode asOf = created(post("/api/evaluations", UUID.randomUUID().toString(), early));
        assertThat(asOf.path("asOf").asString()).isEqualTo("2022-06-01");
        assertThat(asOf.path("executed").asString()).isEqualTo("1500000.00");
        assertThat(asOf.path("executionRate").asString()).isEqualTo("0.2235");
        assertThat(asOf.path("executionScore").asString()).isEqualTo("22.35");
    }

    @Test
    void anOrgWithoutTheProgramHasNoLiveFigures() {
        ObjectNode body = live(uniqueProgram("none"), "lishi-2022");
        Posted r = post("/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("field").asString()).isEqualTo("programCode");
        assertThat(r.body().path("detail").asString()).contains("no allocation");

        ObjectNode department = NODES.objectNode().put("fiscalYear", 2022).put("orgCode", "NOBODY-" + UUID
                .randomUUID().toString().substring(0, 8)).put("figuresFrom", "LIVE");
        department.putArray("indicators");
        Posted d = post("/api/evaluations/department", UUID.randomUUID().toString(), department);
        assertThat(d.status()).isEqualTo(422);
        assertThat(d.body().path("field").asString()).isEqualTo("orgCode");
    }

    @Test
    void bothEventsArePublishedOnTheEvaluationTopicWithHeaders() {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.EVALUATION);
        String program = provincialMedicalAid();
        JsonNode r = created(post("/api/evaluations", UUID.randomUUID().toString(), live(program, "lishi-2022")));
        String key = "2022/" + org + "/" + program;
        List<ConsumerRecord<String, String>> records = topic.awaitKey(key, 2);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(rec -> KafkaTopic.header(rec, EventHeaders.EVENT_TYPE))
                .containsExactly(Events.SELF_EVALUATION_SUBMITTED, Events.SELF_EVALUATION_SCORED);
        for (ConsumerRecord<String, String> rec : records) {
            JsonNode envelope = TestEvents.JSON.readTree(rec.value());
            assertThat(KafkaTopic.header(rec, EventHeaders.EVENT_ID)).isEqualTo(envelope.path("eventId").asString());
            assertThat(KafkaTopic.header(rec, EventHeaders.CORRELATION_ID)).isNotBlank()
                    .isEqualTo(envelope.path("correlationId").asString());
            assertThat(envelope.path("aggregateType").asString()).isEqualTo(Topics.EVALUATION_AGGREGATE);
            assertThat(envelope.path("aggregateId").asString()).isEqualTo(key);
            assertThat(envelope.path("payload").path("evaluationId").asString())
                    .isEqualTo(r.path("evaluationId").asString());
        }
        Events.SelfEvaluationSubmitted submitted = TestEvents.JSON.treeToValue(
                TestEvents.JSON.readTree(records.get(0).value()).path("payload"), Events.SelfEvaluationSubmitted.class);
        assertThat(submitted.level()).isEqualTo(Events.EvaluationLevel.PROJECT);
        assertThat(submitted.figuresFrom()).isEqualTo(Events.FiguresFrom.LIVE);
        assertThat(submitted.template()).isEqualTo("lishi-2022");
        assertThat(submitted.budget().toString()).isEqualTo("6710000.00");
        assertThat(submitted.executed().toString()).isEqualTo("2617074.57");
        assertThat(submitted.indicators()).hasSize(5);
        assertThat(submitted.indicators().get(0).target()).isEqualTo("≥99%");
        assertThat(submitted.indicators().get(0).weight()).isEqualTo("20");
        assertThat(submitted.indicators().get(0).printedScore()).isEqualTo("10");
        assertThat(submitted.supersedes()).isNull();

        Events.SelfEvaluationScored scored = TestEvents.JSON.treeToValue(
                TestEvents.JSON.readTree(records.get(1).value()).path("payload"), Events.SelfEvaluationScored.class);
        assertThat(scored.executionRate()).isEqualTo("0.3900");
        assertThat(scored.executionScore()).isEqualTo("39.00");
        assertThat(scored.total()).isEqualTo("40.00");
        assertThat(scored.grade()).isEqualTo("差");
        assertThat(scored.indicatorScores()).hasSize(5);
        assertThat(scored.indicatorScores().get(0).score()).isEqualTo("10.00");
        assertThat(scored.indicatorScores().get(0).weight()).isEqualTo("20.00");
        assertThat(scored.indicatorScores().get(0).rule()).isNotBlank();
        assertThat(scored.indicatorScores().get(0).flags()).containsExactly("NOT_MEASURED");
        assertThat(scored.groupScores()).extracting(Events.SelfEvaluationScored.GroupScore::score)
                .containsExactly("20.00", "10.00", "10.00");
        assertThat(scored.projects()).isNull();
    }

    @Test
    void anUnreadableTargetIsRefusedByNameAndNothingIsWrittenOrPublished() {
        ObjectNode body = live(uniqueProgram("bad"), "lishi-2022");
        body.put("figuresFrom", "SUBMITTED").put("budget", "150000.00").put("executed", "54100.00");
        ((ObjectNode) body.path("indicators").get(1)).put("target", "约90%");
        String key = UUID.randomUUID().toString();
        long outboxBefore = outboxRows();
        Posted r = post("/api/evaluations", key, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("field").asString()).isEqualTo("indicators[1].target");
        assertThat(r.body().path("detail").asString()).contains("门诊医疗费用救助比例", "约90%");
        assertThat(evaluationsOf(org)).isZero();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = ?", Integer.class, key))
                .isZero();

        // the clerk corrects the target and retries with the same key: it runs afresh
        ((ObjectNode) body.path("indicators").get(1)).put("target", "≥90%");
        JsonNode ok = created(post("/api/evaluations", key, body));
        assertThat(ok.path("executionRate").asString()).isEqualTo("0.3607");
        assertThat(evaluationsOf(org)).isEqualTo(1);
    }

    @Test
    void aReplayedKeyGivesTheSameEvaluationAndAReSubmissionSupersedesIt() {
        ObjectNode body = live(uniqueProgram("replay"), "lishi-2022");
        body.put("figuresFrom", "SUBMITTED").put("budget", "6710000.00").put("executed", "2617100.00");
        String key = UUID.randomUUID().toString();
        JsonNode first = created(post("/api/evaluations", key, body));
        Posted replay = post("/api/evaluations", key, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body().path("evaluationId")).isEqualTo(first.path("evaluationId"));
        assertThat(evaluationsOf(org)).isEqualTo(1);
        String subject = "2022/" + org + "/" + body.path("programCode").asString();
        assertThat(outboxRowsOf(subject)).isEqualTo(2);

        // same key, another body: a conflict, nothing written
        ObjectNode other = body.deepCopy();
        other.put("executed", "2717100.00");
        assertThat(post("/api/evaluations", key, other).status()).isEqualTo(409);

        // a correction is a new evaluation that supersedes the first; the first stays, no longer current
        JsonNode second = created(post("/api/evaluations", UUID.randomUUID().toString(), other));
        assertThat(second.path("evaluationId")).isNotEqualTo(first.path("evaluationId"));
        assertThat(second.path("supersedes")).isEqualTo(first.path("evaluationId"));
        assertThat(second.path("executionRate").asString()).isEqualTo("0.4049");
        assertThat(evaluationsOf(org)).isEqualTo(2);
        assertThat(outboxRowsOf(subject)).isEqualTo(4);
        assertThat(get("/api/evaluations/" + first.path("evaluationId").asString(), Map.of()).body()
                .path("current").asBoolean()).isFalse();
        assertThat(get("/api/evaluations/" + second.path("evaluationId").asString(), Map.of()).body()
                .path("current").asBoolean()).isTrue();

        JsonNode all = get("/api/evaluations", Map.of("orgCode", org, "fiscalYear", "2022")).body();
        assertThat(all.path("evaluations")).extracting(e -> e.path("evaluationId").asString() + " "
                + e.path("current").asBoolean()).containsExactly(second.path("evaluationId").asString() + " true",
                        first.path("evaluationId").asString() + " false");
        JsonNode current = get("/api/evaluations", Map.of("orgCode", org, "programCode",
                body.path("programCode").asString(), "currentOnly", "true")).body();
        assertThat(current.path("evaluations")).hasSize(1);
        assertThat(current.path("evaluations").get(0).path("executionRate").asString()).isEqualTo("0.4049");
        assertThat(current.path("evaluations").get(0).path("discrepancies").asInt()).isZero();

        // rows are immutable
        assertThatThrownBy(() -> jdbc.update(
                "UPDATE self_evaluation SET total = 100 WHERE evaluation_id = ?::uuid",
                first.path("evaluationId").asString())).hasMessageContaining("immutable");
    }

    @Test
    void theDepartmentsLiveFiguresAreItsAllocationsOfTheYear() {
        String provincial = provincialMedicalAid();
        String central = uniqueProgram("lishi-zy");
        UUID allocation = UUID.randomUUID();
        issue(toOrg(allocation, null, central, 2022, Level.CENTRAL, LISHI, org, "吕梁市离石区医疗保障局", LISHI,
                "4200000.00", LocalDate.of(2022, 3, 1)));
        EventEnvelope<Events.PaymentRecorded> paid = TestEvents.pay(payment(allocation, org, LISHI, central, 2022,
                "4200000.00", LocalDate.of(2022, 7, 1), "城乡居民医保"));
        eventually().until(() -> processed("evaluation.payment", paid.eventId())
                && execution("programCode", central).path("rows").size() == 1);
        created(post("/api/evaluations", UUID.randomUUID().toString(), live(provincial, "lishi-2022")));
        created(post("/api/evaluations", UUID.randomUUID().toString(), live(central, "lishi-2022")));
        // scored with another template: listed, not counted
        created(post("/api/evaluations", UUID.randomUUID().toString(), live(central, null)));
        created(post("/api/evaluations", UUID.randomUUID().toString(), live(central, "lishi-2022")));

        ObjectNode body = NODES.objectNode().put("fiscalYear", 2022).put("orgCode", org).put("template", "lishi-2022");
        body.putArray("indicators");
        body.putObject("printed").put("executionRate", "58%").putObject("projectGrades").put("优", 1).put("良", 1);
        JsonNode r = created(post("/api/evaluations/department", UUID.randomUUID().toString(), body));
        assertThat(r.path("level").asString()).isEqualTo("DEPARTMENT");
        assertThat(r.path("figuresFrom").asString()).isEqualTo("LIVE");
        assertThat(r.path("budget").asString()).isEqualTo("10910000.00"); // 671万 + 420万
        assertThat(r.path("executed").asString()).isEqualTo("6817074.57");
        assertThat(r.path("executionRate").asString()).isEqualTo("0.6248");
        assertThat(r.path("executionPercent").asString()).isEqualTo("62.48%");
        JsonNode dept = r.path("department");
        assertThat(dept.path("projects")).hasSize(2);
        assertThat(dept.path("projectBudget").asString()).isEqualTo("10910000.00");
        assertThat(dept.path("projectExecuted").asString()).isEqualTo("6817074.57");
        // 671万: 40 → 差; 420万 with the same (judged) rows: 40 → 差
        assertThat(dept.path("projectGrades").path("差").asInt()).isEqualTo(2);
        assertThat(SelfEvaluationFixtureApiTest.discrepancies(r)).extracting(t -> t.toList().toString())
                .containsExactlyInAnyOrder("[EXECUTION_RATE, 执行率, 58%, 62.48%]",
                        "[PROJECT_GRADE_COUNT, 优, 1, 0]", "[PROJECT_GRADE_COUNT, 良, 1, 0]",
                        "[PROJECT_GRADE_COUNT, 差, 0, 2]");
        assertThat(r.path("reviewFlags")).noneMatch(f -> f.path("message").asString().contains("another template"));
    }

    @Test
    void aProjectScoredWithAnotherTemplateIsNamedNotCountedByTheDepartment() {
        String program = provincialMedicalAid();
        created(post("/api/evaluations", UUID.randomUUID().toString(), live(program, null))); // national
        ObjectNode body = NODES.objectNode().put("fiscalYear", 2022).put("orgCode", org).put("template", "lishi-2022");
        body.putArray("indicators");
        JsonNode r = created(post("/api/evaluations/department", UUID.randomUUID().toString(), body));
        assertThat(r.path("department").path("projects")).isEmpty();
        assertThat(r.path("reviewFlags")).anySatisfy(f -> {
            assertThat(f.path("kind").asString()).isEqualTo("UNVERIFIABLE");
            assertThat(f.path("subject").asString()).isEqualTo(program + " (national-2020)");
        });
    }

    @Test
    void anInlineTemplateScoresAsItSays() {
        ObjectNode body = live(uniqueProgram("inline"), null);
        body.put("figuresFrom", "SUBMITTED").put("budget", "100.00").put("executed", "50.00");
        ObjectNode template = body.putObject("template");
        template.put("name", "test-inline-20");
        template.putObject("execution").put("label", "预算执行率").put("weight", 20).put("inTotal", true);
        ArrayNode groups = template.putArray("groups");
        groups.addObject().put("name", "产出指标").putNull("weight");
        groups.addObject().put("name", "效益指标").putNull("weight");
        groups.addObject().put("name", "满意度指标").putNull("weight");
        // a measured row: 81 % against ≥90 % scores 10 × 81/90
        ObjectNode measured = ((ArrayNode) body.path("indicators")).addObject();
        measured.put("level1", "产出指标").put("level2", "质量指标").put("level3", "医保信息系统正常运行率")
                .put("target", "≥90%").put("actual", "81%").put("weight", 10);
        JsonNode r = created(post("/api/evaluations", UUID.randomUUID().toString(), body));
        assertThat(r.path("template").asString()).isEqualTo("test-inline-20");
        assertThat(r.path("executionScore").asString()).isEqualTo("10.00"); // 20 × 0.5
        JsonNode row = r.path("indicatorScores").get(5);
        assertThat(row.path("basis").asString()).isEqualTo("MEASURED");
        assertThat(row.path("achieved").asString()).isEqualTo("90.00");
        assertThat(row.path("score").asString()).isEqualTo("9.00");
        assertThat(row.path("rule").asString()).contains("achieved 90.00 %");
        assertThat(r.path("total").asString()).isEqualTo("59.00"); // 40 judged + 9 measured + 10 execution

        template.put("name", "national-2020");
        Posted shadow = post("/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(shadow.status()).isEqualTo(400);
        assertThat(shadow.body().path("field").asString()).isEqualTo("template.name");
        template.put("name", "x").put("colour", "red");
        Posted unknown = post("/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("field").asString()).isEqualTo("template");
        assertThat(unknown.body().path("detail").asString()).contains("colour");
    }

    @Test
    void badRequestsNameTheirField() {
        String program = uniqueProgram("bad");
        assertThat(post("/api/evaluations", null, live(program, "lishi-2022")).body().path("field").asString())
                .isEqualTo("Idempotency-Key");
        expect400(live(program, "lishi-2022").put("budget", "1.00"), "budget");
        expect400(live(program, "lishi-2022").put("figuresFrom", "SUBMITTED"), "budget");
        expect400(live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "1.00"), "executed");
        expect400(live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "1.001")
                .put("executed", "1.00"), "budget");
        expect400(live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "-1.00")
                .put("executed", "1.00"), "budget");
        expect400(live(program, "lishi-2022").put("figuresFrom", "MAYBE"), "figuresFrom");
        expect400(live(program, "lishi-2022").put("asOf", "2022-13-01"), "asOf");
        expect400(live(program, "lishi-2022").put("template", "shanxi-2099"), "template");
        expect400(live(program, "lishi-2022").put("fiscalYear", 1899), "fiscalYear");
        expect400(live(program, "lishi-2022").put("programCode", "a b"), "programCode");
        expect400(live(program, "lishi-2022").put("colour", "red"), "colour");
        ObjectNode tooLong = live(program, "lishi-2022");
        ((ObjectNode) tooLong.path("indicators").get(2)).put("target", "长".repeat(501));
        expect400(tooLong, "indicators[2].target");
        ObjectNode tooMany = live(program, "lishi-2022");
        ArrayNode rows = tooMany.putArray("indicators");
        for (int i = 0; i < 201; i++) {
            rows.add(lishiIndicators().get(0));
        }
        expect400(tooMany, "indicators");
        ObjectNode negative = live(program, "lishi-2022");
        ((ObjectNode) negative.path("indicators").get(0)).put("weight", -20);
        expect400(negative, "indicators[0].weight");
        ObjectNode tier = live(program, "lishi-2022");
        ((ObjectNode) tier.path("indicators").get(3)).put("tier", "大致达成");
        expect400(tier, "indicators[3].tier");
        ObjectNode grades = live(program, "lishi-2022");
        grades.putObject("printed").putObject("projectGrades").put("优", 1);
        expect400(grades, "printed.projectGrades");

        // a first-level name the template does not have is a rule of the template: 422
        ObjectNode group = live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "1.00")
                .put("executed", "1.00");
        ((ObjectNode) group.path("indicators").get(4)).put("level1", "投入");
        Posted g = post("/api/evaluations", UUID.randomUUID().toString(), group);
        assertThat(g.status()).isEqualTo(422);
        assertThat(g.body().path("field").asString()).isEqualTo("indicators[4].level1");
        // the execution row is computed, never keyed in as an indicator
        ObjectNode exec = live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "1.00")
                .put("executed", "1.00");
        ((ObjectNode) exec.path("indicators").get(0)).put("level3", "执行率");
        Posted e = post("/api/evaluations", UUID.randomUUID().toString(), exec);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.body().path("field").asString()).isEqualTo("indicators[0].level3");
        // a qualitative percentage outside its tier
        ObjectNode pct = live(program, "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "1.00")
                .put("executed", "1.00");
        ((ObjectNode) pct.path("indicators").get(3)).put("tier", "达成").put("percent", 50);
        Posted p = post("/api/evaluations", UUID.randomUUID().toString(), pct);
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.body().path("field").asString()).isEqualTo("indicators[3].percent");
        assertThat(p.body().path("detail").asString()).contains("医疗救助对象覆盖范围");

        assertThat(get("/api/evaluations/" + UUID.randomUUID(), Map.of()).status()).isEqualTo(404);
        assertThat(get("/api/evaluations/not-a-uuid", Map.of()).status()).isEqualTo(400);
        assertThat(get("/api/evaluations", Map.of("level", "REGION")).body().path("field").asString())
                .isEqualTo("level");
        assertThat(evaluationsOf(org)).isZero();
    }

    private void expect400(ObjectNode body, String field) {
        Posted r = post("/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("field").asString()).as("%s", r.body()).isEqualTo(field);
    }

    private int evaluationsOf(String orgCode) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM self_evaluation WHERE org_code = ?", Integer.class,
                orgCode);
        return n == null ? 0 : n;
    }

    private long outboxRows() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
        return n == null ? 0 : n;
    }

    private int outboxRowsOf(String aggregateId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregatetype = ? AND aggregateid = ?",
                Integer.class, Topics.EVALUATION_AGGREGATE, aggregateId);
        return n == null ? 0 : n;
    }
}
