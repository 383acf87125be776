package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Bad query parameters are a 400 problem naming the parameter, never a 500. */
class FundFlowRequestTest extends ReportingServiceTestBase {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/reports/fund-flow?fiscalYear=2022, programCode",
            "/api/reports/fund-flow?programCode=&fiscalYear=2022, programCode",
            "/api/reports/fund-flow?programCode=P1, fiscalYear",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=, fiscalYear",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=20x2, fiscalYear",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=2022.5, fiscalYear",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=99999, fiscalYear",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=2022&format=xml, format",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=2022&format=, format",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=2022&format=xls, format",
            "/api/reports/fund-flow?programCode=P1&fiscalYear=2022&format=xlsx%00, format",
            "/api/reports/fund-flow/programs, fiscalYear",
            "/api/reports/fund-flow/programs?fiscalYear=two, fiscalYear"
    })
    void bad_parameters_are_a_problem_naming_the_parameter(String path, String field) {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }
}
