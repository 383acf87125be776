package org.fundflow.disbursement.paymentimport;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an XLSX workbook, streamed with POI's event API (XSSFReader + SAX): the sheet's XML is parsed as
 * it is unzipped from the file on disk, one row at a time; no workbook object is ever built. (The shared-strings
 * table is held in memory, as POI's read-only table does; the 50 MB upload limit bounds it.)
 *
 * <p>Cells become the text the API would get: a number as its plain decimal ("150000", "0.57", never "1.5E5"), a
 * date-formatted number as an ISO date ("2020-10-05"), text as is. The line of a row is its row number in Excel.
 */
final class XlsxReader implements SheetReader {

    @Override
    public void read(Path file, RowConsumer consumer) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ImportFailed("the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(consumer),
                        new ApiTextFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (ConsumerFailure e) {
            throw e.failure(); // the rows' consumer failed (a database error, a shutdown...): not the file's fault
        } catch (ImportFailed | IOException e) {
            throw e;
        } catch (SAXException e) {
            if (e.getCause() instanceof ConsumerFailure f) {
                throw f.failure();
            }
            throw new ImportFailed("the workbook's first sheet cannot be read: " + e.getMessage(), e);
        } catch (Exception e) {
            // POI reports a file that is not an OOXML workbook with a variety of (mostly unchecked) exceptions
            throw new ImportFailed("not a readable XLSX workbook (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Collects one row's cells by column and hands the row on at its end. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowConsumer consumer;
        private final List<String> cells = new ArrayList<>();
        private int nextColumn;

        Rows(RowConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add(null);
            }
            String value = SheetReader.clean(formattedValue);
            if (column < cells.size()) {
                cells.set(column, value);
            } else {
                cells.add(value);
            }
            nextColumn = column + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(java.util.Objects::nonNull)) {
                try {
                    consumer.accept(rowNum + 1L, java.util.Collections.unmodifiableList(new ArrayList<>(cells)),
                            null);
                } catch (RuntimeException e) {
                    throw new ConsumerFailure(e);
                }
            }
        }
    }

    /** Carries a failure of the row consumer through the SAX parser, so it is not mistaken for a broken file. */
    private static final class ConsumerFailure extends RuntimeException {
        ConsumerFailure(RuntimeException failure) {
            super(failure);
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * Formats numbers as plain decimals and date-formatted numbers as ISO dates, whatever the cell's display format,
     * so a cell typed 150000 or formatted "#,##0.00" still reads "150000" and a date cell "2020-10-05".
     */
    static final class ApiTextFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return format(value, formatIndex, formatString);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                boolean use1904Windowing) {
            return format(value, formatIndex, formatString);
        }

        private static String format(double value, int formatIndex, String formatString) {
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString)
                    && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return String.valueOf(value);
            }
            // the shortest decimal that reads back as this double: what was typed, not its binary approximation
            BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
            return exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString();
        }
    }
}
