package org.fundflow.selfevaluation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsObjectsArraysStringsExactNumbersAndLiterals() {
        Object v = Json.parse("""
                {"a": [1, 0.1, -2.50, 1e2], "s": "执行率 \\"100\\" \\u4e2d\\n", "t": true, "f": false, "n": null,
                 "o": {}}""");
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat((List<Object>) m.get("a")).containsExactly(new BigDecimal("1"), new BigDecimal("0.1"),
                new BigDecimal("-2.50"), new BigDecimal("1e2"));
        assertThat(m.get("s")).isEqualTo("执行率 \"100\" 中\n");
        assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(m.containsKey("n")).isTrue();
        assertThat(m.get("n")).isNull();
        assertThat((Map<?, ?>) m.get("o")).isEmpty();
        assertThat(Json.parse(" [ ] ")).isEqualTo(Arrays.asList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "\"open", "tru", "{\"a\": 1} x", "01.2.3",
            "{\"a\": 1, \"a\": 2}", "{a: 1}", ""})
    void malformedJsonIsAnErrorWithItsPosition(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON at line");
    }
}
