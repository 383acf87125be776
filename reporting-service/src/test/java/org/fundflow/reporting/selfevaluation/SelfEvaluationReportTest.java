package org.fundflow.reporting.selfevaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Events.SelfEvaluationScored;
import org.fundflow.contracts.Events.SelfEvaluationSubmitted;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 项目支出绩效自评表 from SelfEvaluationSubmitted + SelfEvaluationScored produced to fundflow.evaluation: the 离石 2022
 * 省级财政医疗救助补助资金 form (671万 budget, 261.71万 executed, printed 执行率 40.49 % against 39.00 %, 总分 40, 差) as
 * JSON, CSV and XLSX; re-submission moving "current"; counts by grade; a score arriving before its submission.
 */
class SelfEvaluationReportTest extends ReportingServiceTestBase {
    /** Self-evaluations are not public: read as a national supervisor (scopes: ReportingAccessMatrixTest). */
    @Override
    protected String reader() {
        return nationalSupervisor();
    }

    private static final String PROJECT = "2022年省级财政医疗救助补助资金";
    private static final String ORG_NAME = "吕梁市离石区医疗保障局";

    private static final String[][] LISHI_ROWS = {
            {"产出指标", "数量指标", "资助参保人次数", "≥99%", "0", "20", "10"},
            {"产出指标", "质量指标", "门诊医疗费用救助比例", "≥99%", "0", "10", "5"},
            {"产出指标", "时效指标", "一站式结算覆盖率", "不低于上年", "0", "10", "5"},
            {"效益指标", "社会效益指标", "医疗救助对象覆盖范围", "逐步拓展", "0", "30", "10"},
            {"满意度指标", "服务对象满意度指标", "救助对象满意度", "≥85%", "0", "30", "10"}};

    private static String newOrg() {
        return "141102-SE-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SelfEvaluationSubmitted lishiSubmitted(UUID id, String program, String org, UUID supersedes) {
        List<SelfEvaluationSubmitted.Indicator> indicators = new ArrayList<>();
        for (String[] r : LISHI_ROWS) {
            indicators.add(new SelfEvaluationSubmitted.Indicator(r[0], r[1], r[2], r[3], r[4], r[5], null, null,
                    null, false, r[6]));
        }
        return new SelfEvaluationSubmitted(id, program, 2022, org, EvaluationLevel.PROJECT, "lishi-2022",
                FiguresFrom.SUBMITTED, null, Money.parse("6710000.00"), Money.parse("2617100.00"), indicators,
                new SelfEvaluationSubmitted.Printed("40.49%", "40", Map.of(), "40", null, null), supersedes);
    }

    private static SelfEvaluationScored lishiScored(UUID id, String program, String org) {
        List<SelfEvaluationScored.IndicatorScore> scores = new ArrayList<>();
        for (String[] r : LISHI_ROWS) {
            scores.add(new SelfEvaluationScored.IndicatorScore(r[0], r[1], r[2], r[0], r[5] + ".00", r[6] + ".00",
                    "JUDGED", null, null, "judged: the submitter's score " + r[6], List.of("NOT_MEASURED")));
        }
        return new SelfEvaluationScored(id, program, 2022, org, EvaluationLevel.PROJECT, "lishi-2022",
                Money.parse("6710000.00"), Money.parse("2617100.00"), "0.3900", "39.00", scores,
                List.of(new SelfEvaluationScored.GroupScore("产出指标", "40.00", "20.00"),
                        new SelfEvaluationScored.GroupScore("效益指标", "30.00", "10.00"),
                        new SelfEvaluationScored.GroupScore("满意度指标", "30.00", "10.00")),
                "40.00", "差",
                List.of(new SelfEvaluationScored.Discrepancy("EXECUTION_RATE", "执行率", "40.49%", "39.00%",
                        "全年执行数 / 全年预算数 = 2617100.00 / 6710000.00")),
                List.of(), null);
    }

    /** A small scored project evaluation with one indicator (for the counts). */
    private static SelfEvaluationScored scored(UUID id, String program, String org, String total, String grade) {
        return new SelfEvaluationScored(id, program, 2022, org, EvaluationLevel.PROJECT, "national-2020",
                Money.parse("100000.00"), Money.parse("100000.00"), "1.0000", "10.00",
                List.of(new SelfEvaluationScored.IndicatorScore("产出指标", "数量指标", "救助人次", "产出指标", "90.00",
                        total, "MEASURED", "100.00", null, "met", List.of())),
                List.of(), total, grade, List.of(), List.of(), null);
    }

    private static SelfEvaluationSubmitted submitted(UUID id, String program, String org, UUID supersedes) {
        return new SelfEvaluationSubmitted(id, program, 2022, org, EvaluationLevel.PROJECT, "national-2020",
                FiguresFrom.SUBMITTED, null, Money.parse("100000.00"), Money.parse("100000.00"),
                List.of(new SelfEvaluationSubmitted.Indicator("产出指标", "数量指标", "救助人次", "100人", "100人", "90",
                        null, null, null, false, null)), null, supersedes);
    }

    private JsonNode awaitForm(UUID id) {
        String path = "/api/reports/self-evaluations/" + id;
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode form = json(r);
            assertThat(form.path("scored").asBoolean()).isTrue();
            assertThat(form.path("indicators").get(0).path("target").isNull()).isFalse();
        });
        return json(get(path));
    }

    @Test
    void lishi_provincial_form_as_json_csv_and_xlsx() throws Exception {
        String program = uniqueProgram("LS-SJYLJZ");
        String org = newOrg();
        events().registered(new Events.ProgramRegistered(program, PROJECT, 2022, "2101301", "GENERAL_BUDGET"));
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, ORG_NAME, "141102", "离石区"));
        UUID id = UUID.randomUUID();
        events().submitted(lishiSubmitted(id, program, org, null));
        events().scored(lishiScored(id, program, org));
        awaitForm(id);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(json(get("/api/reports/self-evaluations/" + id))
                .path("header").path("projectName").asString()).isEqualTo(PROJECT));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(json(get("/api/reports/self-evaluations/" + id))
                .path("header").path("implementingOrg").asString()).isEqualTo(ORG_NAME));

        JsonNode form = json(get("/api/reports/self-evaluations/" + id + "?format=json"));
        assertThat(form.path("title").asString()).isEqualTo("2022年度项目支出绩效自评表");
        assertThat(form.path("unit").asString()).isEqualTo("万元");
        JsonNode h = form.path("header");
        assertThat(h.path("competentDepartment").asString()).isEqualTo(ORG_NAME);
        assertThat(h.path("budget").asString()).isEqualTo("671.00");
        assertThat(h.path("executed").asString()).isEqualTo("261.71");
        assertThat(h.path("budgetYuan").asString()).isEqualTo("6710000.00");
        assertThat(h.path("executedYuan").asString()).isEqualTo("2617100.00");
        assertThat(h.path("executionWeight").asString()).isEqualTo("100.00");
        assertThat(h.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(h.path("executionPercent").asString()).isEqualTo("39.00%");
        assertThat(h.path("executionScore").asString()).isEqualTo("39.00");
        assertThat(h.path("initialBudget").isNull()).isTrue();
        assertThat(form.path("indicators")).hasSize(5);
        JsonNode first = form.path("indicators").get(0);
        assertThat(List.of(first.path("level1").asString(), first.path("level2").asString(),
                first.path("level3").asString(), first.path("target").asString(), first.path("actual").asString(),
                first.path("weight").asString(), first.path("score").asString(), first.path("remarks").asString()))
                .containsExactly("产出指标", "数量指标", "资助参保人次数", "≥99%", "0", "20.00", "10.00", "NOT_MEASURED");
        assertThat(form.path("weightTotal").asString()).isEqualTo("100.00");
        assertThat(form.path("total").asString()).isEqualTo("40.00");
        assertThat(form.path("grade").asString()).isEqualTo("差");
        assertThat(form.path("current").asBoolean()).isTrue();
        assertThat(form.path("explanations")).hasSize(1);
        assertThat(form.path("explanations").get(0).asString()).isEqualTo(
                "执行率：printed 40.49%, recomputed 39.00% (全年执行数 / 全年预算数 = 2617100.00 / 6710000.00)");
        assertThat(form.path("note").asString()).isEqualTo(
                "注：金额单位为万元，本表金额单位转换时可能存在尾数误差（全年预算数 6710000.00 元，全年执行数 2617100.00 元）");

        // CSV: BOM, CRLF, the form's rows; JSON "rows" carries exactly the same cells
        HttpResponse<byte[]> csv = get("/api/reports/self-evaluations/" + id + "?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v.toLowerCase().replace(" ", "")).isEqualTo("text/csv;charset=utf-8"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment;").contains(".csv"));
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String expected = "\uFEFF2022年度项目支出绩效自评表,,,,,,,\r\n"
                + ",,,,,,,金额单位：万元\r\n"
                + "项目名称," + PROJECT + ",,,,,,\r\n"
                + "主管部门," + ORG_NAME + ",,,实施单位," + ORG_NAME + ",,\r\n"
                + "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分\r\n"
                + ",年度资金总额,,671.00,261.71,100.00,39.00%,39.00\r\n"
                + "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\r\n"
                + "产出指标,数量指标,资助参保人次数,≥99%,0,20.00,10.00,NOT_MEASURED\r\n"
                + "产出指标,质量指标,门诊医疗费用救助比例,≥99%,0,10.00,5.00,NOT_MEASURED\r\n"
                + "产出指标,时效指标,一站式结算覆盖率,不低于上年,0,10.00,5.00,NOT_MEASURED\r\n"
                + "效益指标,社会效益指标,医疗救助对象覆盖范围,逐步拓展,0,30.00,10.00,NOT_MEASURED\r\n"
                + "满意度指标,服务对象满意度指标,救助对象满意度,≥85%,0,30.00,10.00,NOT_MEASURED\r\n"
                + "总分,,,,,100.00,40.00,\r\n"
                + "评价等级,,,,,差,,\r\n"
                + "说明：,,,,,,,\r\n"
                + "\"1. 执行率：printed 40.49%, recomputed 39.00% (全年执行数 / 全年预算数 = 2617100.00 / 6710000.00)\""
                + ",,,,,,,\r\n"
                + "注：金额单位为万元，本表金额单位转换时可能存在尾数误差（全年预算数 6710000.00 元，全年执行数 2617100.00 元）"
                + ",,,,,,,\r\n";
        assertThat(text(csv)).isEqualTo(expected);
        List<String> jsonRows = new ArrayList<>();
        form.path("rows").forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asString()));
            jsonRows.add(String.join("|", cells));
        });
        assertThat(jsonRows).hasSize(17);
        assertThat(jsonRows.get(5)).isEqualTo("|年度资金总额||671.00|261.71|100.00|39.00%|39.00");
        assertThat(jsonRows.get(12)).isEqualTo("总分|||||100.00|40.00|");

        // XLSX opened with POI
        HttpResponse<byte[]> xlsx = get("/api/reports/self-evaluations/" + id + "?format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2022年度项目支出绩效自评表");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 7));
            assertThat(sheet.getRow(4).getCell(3).getStringCellValue()).isEqualTo("全年预算数");
            assertThat(sheet.getRow(5).getCell(3).getNumericCellValue()).isEqualTo(671.00);
            assertThat(sheet.getRow(5).getCell(4).getNumericCellValue()).isEqualTo(261.71);
            assertThat(sheet.getRow(5).getCell(6).getStringCellValue()).isEqualTo("39.00%");
            Row indicator = sheet.getRow(7);
            assertThat(indicator.getCell(2).getStringCellValue()).isEqualTo("资助参保人次数");
            assertThat(indicator.getCell(3).getStringCellValue()).isEqualTo("≥99%");
            assertThat(indicator.getCell(5).getNumericCellValue()).isEqualTo(20.0);
            assertThat(indicator.getCell(6).getNumericCellValue()).isEqualTo(10.0);
            Row total = sheet.getRow(12);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("总分");
            assertThat(total.getCell(6).getNumericCellValue()).isEqualTo(40.0);
            Row grade = sheet.getRow(13);
            assertThat(grade.getCell(0).getStringCellValue()).isEqualTo("评价等级");
            assertThat(grade.getCell(5).getStringCellValue()).isEqualTo("差");
            assertThat(sheet.getRow(15).getCell(0).getStringCellValue()).contains("printed 40.49%, recomputed 39.00%");
        }

        // bad format → 400 naming format
        HttpResponse<byte[]> bad = get("/api/reports/self-evaluations/" + id + "?format=pdf");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("field").asString()).isEqualTo("format");
    }

    @Test
    void resubmission_supersedes_and_is_counted_once() {
        String program = uniqueProgram("LS-RESUB");
        String org = newOrg();
        UUID first = UUID.randomUUID();
        events().submitted(lishiSubmitted(first, program, org, null));
        events().scored(lishiScored(first, program, org));
        awaitForm(first);
        assertThat(json(get("/api/reports/self-evaluations/" + first)).path("current").asBoolean()).isTrue();

        UUID second = UUID.randomUUID();
        events().submitted(submitted(second, program, org, first));
        events().scored(scored(second, program, org, "95.00", "优"));
        awaitForm(second);

        JsonNode f1 = json(get("/api/reports/self-evaluations/" + first));
        JsonNode f2 = json(get("/api/reports/self-evaluations/" + second));
        assertThat(f1.path("current").asBoolean()).isFalse();
        assertThat(f2.path("current").asBoolean()).isTrue();
        assertThat(f2.path("supersedes").asString()).isEqualTo(first.toString());

        JsonNode all = json(get("/api/reports/self-evaluations?orgCode=" + org + "&fiscalYear=2022"));
        assertThat(all.path("evaluations")).hasSize(2);
        JsonNode newest = all.path("evaluations").get(0);
        assertThat(newest.path("evaluationId").asString()).isEqualTo(second.toString());
        assertThat(newest.path("current").asBoolean()).isTrue();
        assertThat(newest.path("grade").asString()).isEqualTo("优");
        assertThat(newest.path("total").asString()).isEqualTo("95.00");
        assertThat(newest.path("discrepancyCount").asInt()).isZero();
        JsonNode older = all.path("evaluations").get(1);
        assertThat(older.path("current").asBoolean()).isFalse();
        assertThat(older.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(older.path("discrepancyCount").asInt()).isEqualTo(1);
        assertThat(older.path("template").asString()).isEqualTo("lishi-2022");
        assertThat(older.path("level").asString()).isEqualTo("PROJECT");
        assertThat(older.path("programCode").asString()).isEqualTo(program);

        JsonNode current = json(get("/api/reports/self-evaluations?orgCode=" + org
                + "&fiscalYear=2022&currentOnly=true"));
        assertThat(current.path("evaluations")).hasSize(1);
        assertThat(current.path("evaluations").get(0).path("evaluationId").asString()).isEqualTo(second.toString());

        JsonNode summary = json(get("/api/reports/self-evaluations/summary?orgCode=" + org + "&fiscalYear=2022"));
        assertThat(summary.path("total").asInt()).isEqualTo(1);
        assertThat(summary.path("grades").path("优").asInt()).isEqualTo(1);
        assertThat(summary.path("grades").path("差").asInt()).isZero();
    }

    @Test
    void summary_counts_current_project_evaluations_by_grade() {
        String org = newOrg();
        String p1 = uniqueProgram("SE-A");
        String p2 = uniqueProgram("SE-B");
        String p3 = uniqueProgram("SE-C");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        events().submitted(lishiSubmitted(a, p1, org, null));
        events().scored(lishiScored(a, p1, org));
        events().submitted(submitted(b, p2, org, null));
        events().scored(scored(b, p2, org, "36.00", "差"));
        events().submitted(submitted(c, p3, org, null));
        events().scored(scored(c, p3, org, "100.00", "优"));

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode s = json(get("/api/reports/self-evaluations/summary?orgCode=" + org + "&fiscalYear=2022"));
            assertThat(s.path("total").asInt()).isEqualTo(3);
            assertThat(s.path("ungraded").asInt()).isZero();
            assertThat(s.path("grades").path("优").asInt()).isEqualTo(1);
            assertThat(s.path("grades").path("良").asInt()).isZero();
            assertThat(s.path("grades").path("中").asInt()).isZero();
            assertThat(s.path("grades").path("差").asInt()).isEqualTo(2);
        });
        // every org of the year: at least these three
        JsonNode all = json(get("/api/reports/self-evaluations/summary?fiscalYear=2022"));
        assertThat(all.path("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(all.path("grades").path("差").asInt()).isGreaterThanOrEqualTo(2);
        // another year of the same org: nothing
        JsonNode other = json(get("/api/reports/self-evaluations/summary?orgCode=" + org + "&fiscalYear=2023"));
        assertThat(other.path("total").asInt()).isZero();

        HttpResponse<byte[]> missingYear = get("/api/reports/self-evaluations/summary?orgCode=" + org);
        assertThat(missingYear.statusCode()).isEqualTo(400);
        assertThat(json(missingYear).path("field").asString()).isEqualTo("fiscalYear");
    }

    @Test
    void scored_before_submitted_still_gives_the_complete_form() {
        String program = uniqueProgram("LS-ORDER");
        String org = newOrg();
        UUID id = UUID.randomUUID();
        events().scored(lishiScored(id, program, org));
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<byte[]> r = get("/api/reports/self-evaluations/" + id);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode form = json(r);
            assertThat(form.path("grade").asString()).isEqualTo("差");
            // scored only: no targets yet, and the form says so
            assertThat(form.path("indicators").get(0).path("target").isNull()).isTrue();
            assertThat(form.path("explanations").toString()).contains("SelfEvaluationSubmitted");
        });
        events().submitted(lishiSubmitted(id, program, org, null));
        JsonNode form = awaitForm(id);
        assertThat(form.path("header").path("budget").asString()).isEqualTo("671.00");
        assertThat(form.path("header").path("executed").asString()).isEqualTo("261.71");
        assertThat(form.path("header").path("executionPercent").asString()).isEqualTo("39.00%");
        assertThat(form.path("indicators")).hasSize(5);
        assertThat(form.path("indicators").get(4).path("target").asString()).isEqualTo("≥85%");
        assertThat(form.path("indicators").get(4).path("score").asString()).isEqualTo("10.00");
        assertThat(form.path("total").asString()).isEqualTo("40.00");
        assertThat(form.path("grade").asString()).isEqualTo("差");
        assertThat(form.path("explanations")).hasSize(1);
        assertThat(form.path("template").asString()).isEqualTo("lishi-2022");
        assertThat(form.path("current").asBoolean()).isTrue();
    }

    @Test
    void unknown_evaluation_is_404_and_bad_id_is_400() {
        HttpResponse<byte[]> missing = get("/api/reports/self-evaluations/" + UUID.randomUUID() + "?format=xlsx");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(missing).path("field").asString()).isEqualTo("evaluationId");

        HttpResponse<byte[]> badId = get("/api/reports/self-evaluations/not-a-uuid");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json(badId).path("field").asString()).isEqualTo("evaluationId");

        HttpResponse<byte[]> badFlag = get("/api/reports/self-evaluations?currentOnly=maybe");
        assertThat(badFlag.statusCode()).isEqualTo(400);
        assertThat(json(badFlag).path("field").asString()).isEqualTo("currentOnly");
    }
}
