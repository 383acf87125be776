package org.fundflow.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static String row(Csv.Cell... cells) {
        Csv csv = new Csv(Collections.nCopies(cells.length, "h"));
        csv.row(List.of(cells));
        String s = csv.toString();
        return s.substring(s.indexOf("\r\n") + 2);
    }

    @Test
    void starts_with_a_bom_and_the_header() {
        assertThat(new Csv(List.of("depth", "path")).toString()).isEqualTo("\uFEFFdepth,path\r\n");
    }

    @Test
    void quotes_commas_quotes_and_line_breaks() {
        assertThat(row(Csv.text("a,b"), Csv.text("say \"hi\""), Csv.text("x\ny"), Csv.text("r\rs"),
                Csv.text("plain")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"r\rs\",plain\r\n");
    }

    @Test
    void neutralises_formulas_in_text_cells() {
        assertThat(row(Csv.text("=1+2"), Csv.text("+SUM(A1)"), Csv.text("-2+3"), Csv.text("@cmd"),
                Csv.text("\tx"), Csv.text("=HYPERLINK(\"u\",\"x\")")))
                .isEqualTo("'=1+2,'+SUM(A1),'-2+3,'@cmd,'\tx,\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"\r\n");
    }

    @Test
    void leaves_values_the_service_formats_alone() {
        assertThat(row(Csv.value("-50000.00"), Csv.value(3), Csv.value(null), Csv.text(null), Csv.text("")))
                .isEqualTo("-50000.00,3,,,\r\n");
    }

    @Test
    void a_row_must_fill_every_column() {
        Csv csv = new Csv(List.of("a", "b"));
        assertThatThrownBy(() -> csv.row(List.of(Csv.text("x")))).isInstanceOf(IllegalArgumentException.class);
    }
}
