package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.issue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.junit.jupiter.api.Test;

/** The ledger as CSV for Excel: BOM, header, depth-first rows, RFC 4180 quoting, no formula injection. */
class FundFlowCsvTest extends ReportingServiceTestBase {

    @Test
    void the_ledger_exports_as_excel_safe_csv() {
        String program = uniqueProgram("CSV");
        Events.AllocationIssued root = issue(program, "城乡医疗救助", 2022).source(Level.CENTRAL)
                .from("000000", "中央").toRegion("140000", "山西省").amount("1000000.00")
                .doc("财社〔2022〕7号, \"急件\"", "2022-03-01").build();
        Events.AllocationIssued child = issue(program, "城乡医疗救助", 2022).source(Level.CENTRAL)
                .from("140000", "山西省").toRegion("141100", "吕梁市").under(root).amount("600000.00")
                .doc("@SUM(A1:A2)", "2022-03-20").build();
        Events.AllocationIssued org = issue(program, "城乡医疗救助", 2022).source(Level.CENTRAL)
                .from("141100", "吕梁市").toOrg("LL-YBJ", "吕梁市医疗保障局\n（测试）", "141100").under(child)
                .amount("600000.00").doc("=HYPERLINK(\"http://evil.example\",\"x\")", "2022-04-10").build();
        events().issued(root);
        events().adjusted(root.allocationId(), "-50000.00", "财社〔2022〕7号-调减", "2022-05-01");
        events().issued(child);
        events().issued(org);

        String query = "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=2022";
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            var ledger = json(get(query));
            assertThat(ledger.at("/roots/0/adjustments").asString()).isEqualTo("-50000.00");
            assertThat(ledger.at("/roots/0/children/0/children/0/allocationId").asString())
                    .isEqualTo(org.allocationId().toString());
        });

        HttpResponse<byte[]> response = get(query + "&format=csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v.toLowerCase().replace(" ", "")).isEqualTo("text/csv;charset=utf-8"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"fund-flow-" + program + "-2022.csv\"");
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);

        String a = root.allocationId().toString();
        String b = child.allocationId().toString();
        String c = org.allocationId().toString();
        String expected = "\uFEFF"
                + "depth,path,allocation_id,parent_allocation_id,level,source_level,from_region,to,doc_no,issued_on,"
                + "amount,adjustments,recovered,carried_over,budget,distributed,undistributed\r\n"
                + "1,中央>山西省," + a + ",,PROVINCIAL,CENTRAL,000000 中央,140000 山西省,"
                + "\"财社〔2022〕7号, \"\"急件\"\"\",2022-03-01,"
                + "1000000.00,-50000.00,0.00,0.00,950000.00,600000.00,350000.00\r\n"
                + "2,中央>山西省>吕梁市," + b + "," + a + ",CITY,CENTRAL,140000 山西省,141100 吕梁市,"
                + "'@SUM(A1:A2),2022-03-20,"
                + "600000.00,0.00,0.00,0.00,600000.00,600000.00,0.00\r\n"
                + "3,\"中央>山西省>吕梁市>吕梁市医疗保障局\n（测试）\"," + c + "," + b + ",CITY,CENTRAL,141100 吕梁市,"
                + "\"LL-YBJ 吕梁市医疗保障局\n（测试）\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
                + "2022-04-10,600000.00,0.00,0.00,0.00,600000.00,600000.00,0.00\r\n";
        assertThat(text(response)).isEqualTo(expected);

        HttpResponse<byte[]> byAccept = get(query, "Accept", "text/csv");
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/csv"));
        assertThat(text(byAccept)).isEqualTo(expected);

        HttpResponse<byte[]> explicitJson = get(query + "&format=json", "Accept", "text/csv");
        assertThat(explicitJson.statusCode()).isEqualTo(200);
        assertThat(json(explicitJson).get("programCode").asString()).isEqualTo(program);
    }

    @Test
    void an_empty_ledger_exports_the_header_only() {
        String program = uniqueProgram("CSV-EMPTY");
        HttpResponse<byte[]> response = get("/api/reports/fund-flow?programCode=" + program
                + "&fiscalYear=2022&format=CSV");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("\uFEFF" + String.join(",", FundFlowCsv.HEADER) + "\r\n");
    }
}
