package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming CSV reader: RFC 4180 quoting, BOM, line numbers of multi-line records, blank rows, bad bytes. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private record Row(long line, List<String> cells, String error) {
    }

    private List<Row> read(byte[] content) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, content);
        List<Row> rows = new ArrayList<>();
        new CsvReader().read(file, (line, cells, error) -> rows.add(new Row(line, cells, error)));
        return rows;
    }

    private List<Row> read(String content) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedValuesMayHoldCommasQuotesAndLineBreaksAndLinesStayPhysical() throws IOException {
        List<Row> rows = read("\uFEFFa,b,c\r\n"
                + "1,\"榆次区总工会, 工会\",x\r\n"
                + "2,\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                + "\r\n"
                + ",,\n"
                + " 3 , , \"\" \n"
                + "4,last,row");
        assertThat(rows).extracting(Row::line).containsExactly(1L, 2L, 3L, 7L, 8L);
        assertThat(rows.get(0).cells()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).cells()).containsExactly("1", "榆次区总工会, 工会", "x");
        assertThat(rows.get(2).cells()).containsExactly("2", "say \"hi\"", "two\nlines");
        assertThat(rows.get(3).cells()).containsExactly("3", null, null);
        assertThat(rows.get(4).cells()).containsExactly("4", "last", "row");
        assertThat(rows).allSatisfy(r -> assertThat(r.error()).isNull());
    }

    @Test
    void aMalformedRowIsReportedAndTheNextRowsStillRead() throws IOException {
        List<Row> rows = read("a,b\n\"x\"y,1\nq\"uote,2\nok,3\n");
        assertThat(rows).extracting(Row::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.get(1).error()).contains("after the closing quote");
        assertThat(rows.get(2).error()).contains("quote inside an unquoted value");
        assertThat(rows.get(3).cells()).containsExactly("ok", "3");
        assertThat(rows.get(3).error()).isNull();
    }

    @Test
    void anUnclosedQuoteOrAHugeRowFailsTheFileWithItsLine() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"never closed\n4,5\n")).isInstanceOf(ImportFailed.class)
                .hasMessageContaining("line 3");
        char[] big = new char[CsvReader.MAX_RECORD_CHARS + 10];
        Arrays.fill(big, 'x');
        assertThatThrownBy(() -> read("a\n" + new String(big) + "\n")).isInstanceOf(ImportFailed.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aFileThatIsNotUtf8FailsWithAHint() {
        byte[] gbk = "allocationId,payee\n1,榆次区总工会\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> read(gbk)).isInstanceOf(ImportFailed.class).hasMessageContaining("not UTF-8")
                .hasMessageContaining("line 2");
    }

    @Test
    void countsTheDataRows() throws IOException {
        Path file = dir.resolve("count.csv");
        Files.writeString(file, "h1,h2\n1,2\n\n3,4\n\"5\n\",6\n");
        assertThat(new CsvReader().countRows(file)).isEqualTo(3);
    }
}
