package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Bad query parameters are a 400 problem naming the parameter, never a 500. */
class ExecutionRequestTest extends ExecutionTestSupport {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/reports/execution/by-fund, fiscalYear",
            "/api/reports/execution/by-fund?fiscalYear=20x2, fiscalYear",
            "/api/reports/execution/by-fund?fiscalYear=1800, fiscalYear",
            "/api/reports/execution/by-fund?fiscalYear=2022&region=1407, region",
            "/api/reports/execution/by-fund?fiscalYear=2022&region=14070%25, region",
            "/api/reports/execution/by-fund?fiscalYear=2022&region=, region",
            "/api/reports/execution/by-fund?fiscalYear=2022&asOf=2022-13-01, asOf",
            "/api/reports/execution/by-fund?fiscalYear=2022&asOf=yesterday, asOf",
            "/api/reports/execution/by-fund?fiscalYear=2022&format=pdf, format",
            "/api/reports/execution/by-fund?fiscalYear=2022&unit=yi, unit",
            "/api/reports/execution/by-region?region=140700, fiscalYear",
            "/api/reports/execution/by-region?fiscalYear=2022&region=abcdef, region",
            "/api/reports/execution/by-function?fiscalYear=2022&depth=4, depth",
            "/api/reports/execution/by-function?fiscalYear=2022&depth=seven, depth",
            "/api/reports/execution/by-function?fiscalYear=2022&format=, format"
    })
    void bad_parameters_are_a_problem_naming_the_parameter(String path, String field) {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }
}
