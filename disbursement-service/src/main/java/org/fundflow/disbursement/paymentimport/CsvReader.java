package org.fundflow.disbursement.paymentimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 (a leading BOM is skipped): comma separated, fields optionally in double quotes, a quote inside
 * a quoted field doubled, line breaks inside quoted fields allowed. Streams from disk one character at a time through a
 * buffer. A record's line is the physical line it starts on (the header is line 1).
 */
final class CsvReader implements SheetReader {
    /** Far beyond any real row; what stops an unclosed quote from swallowing the whole file into memory. */
    static final int MAX_RECORD_CHARS = 64 * 1024;
    private static final int EOF = -1;

    @Override
    public void read(Path file, RowConsumer consumer) throws IOException {
        parse(file, consumer);
    }

    /** How many non-blank records follow the header: a quick first pass, for the job's totalRows. */
    long countRows(Path file) throws IOException {
        long[] count = {0};
        parse(file, (line, cells, error) -> count[0]++);
        return Math.max(0, count[0] - 1);
    }

    private static void parse(Path file, RowConsumer consumer) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Parser parser = new Parser(consumer);
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            parser.run(in);
        } catch (CharacterCodingException e) {
            throw new ImportFailed("the file is not UTF-8 text (the first bad byte is on line " + firstBadLine(file)
                    + "): save it as \"CSV UTF-8\" (Excel: 另存为 → CSV UTF-8) or upload the XLSX itself");
        }
    }

    /** The line of the first byte that is not UTF-8 (the reader decodes ahead, so it cannot tell exactly). */
    private static long firstBadLine(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
        try (var in = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = in.read(bytes) < 0;
                bytes.flip();
                java.nio.charset.CoderResult result = decoder.decode(bytes, chars, end);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return line;
                }
                bytes.compact();
            }
        }
        return line;
    }

    private static final class Parser {
        private final RowConsumer consumer;
        private long line = 1;
        private long recordLine = 1;
        private int recordChars;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean quoted;      // inside a quoted field
        private boolean wasQuoted;   // the current field was quoted (so "" is an empty value, not a blank line)
        private boolean afterQuote;  // just after a field's closing quote
        private String error;
        private int pushedBack = EOF;

        Parser(RowConsumer consumer) {
            this.consumer = consumer;
        }

        private int next(Reader in) throws IOException {
            if (pushedBack != EOF) {
                int c = pushedBack;
                pushedBack = EOF;
                return c;
            }
            return in.read();
        }

        void run(Reader in) throws IOException {
            int c = next(in);
            if (c == '\uFEFF') {
                c = next(in);
            }
            for (; c != EOF; c = next(in)) {
                if (++recordChars > MAX_RECORD_CHARS) {
                    throw new ImportFailed("line " + recordLine + ": a row longer than " + MAX_RECORD_CHARS
                            + " characters (an unclosed quote?)");
                }
                if (quoted) {
                    if (c == '"') {
                        int d = next(in);
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            pushedBack = d;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && peekNotNewline(in))) {
                            line++;
                        }
                        field.append((char) c);
                    }
                    continue;
                }
                switch (c) {
                    case ',' -> endField();
                    case '\r' -> {
                        int d = next(in);
                        if (d != '\n') {
                            pushedBack = d;
                        }
                        endRecord();
                    }
                    case '\n' -> endRecord();
                    case '"' -> {
                        if (!afterQuote && !wasQuoted && field.toString().isBlank()) {
                            field.setLength(0); // blanks before an opening quote are not part of the value
                            quoted = true;
                            wasQuoted = true;
                        } else if (error == null) {
                            error = "a quote inside an unquoted value (quote the whole value and double the quote)";
                        }
                    }
                    default -> {
                        if (afterQuote) {
                            if (error == null && !Character.isWhitespace(c)) {
                                error = "text after the closing quote of a value";
                            }
                        } else {
                            field.append((char) c);
                        }
                    }
                }
            }
            if (quoted) {
                throw new ImportFailed("line " + recordLine + ": a quoted value is never closed");
            }
            if (field.length() > 0 || wasQuoted || !fields.isEmpty()) {
                endRecordAtEof();
            }
        }

        /** A CR inside quotes ends a line unless it is the CR of a CRLF (counted at its LF). */
        private boolean peekNotNewline(Reader in) throws IOException {
            int d = next(in);
            pushedBack = d;
            return d != '\n';
        }

        private void endField() {
            fields.add(SheetReader.clean(field.toString()));
            field.setLength(0);
            wasQuoted = false;
            afterQuote = false;
        }

        private void endRecord() {
            emit();
            line++;
            recordLine = line;
        }

        private void endRecordAtEof() {
            emit();
        }

        private void emit() {
            endField();
            // A blank line, or a row of empty cells (spreadsheets export trailing ",,,,"), is not a row.
            if (fields.stream().anyMatch(java.util.Objects::nonNull) || error != null) {
                consumer.accept(recordLine, java.util.Collections.unmodifiableList(new ArrayList<>(fields)), error);
            }
            fields.clear();
            error = null;
            recordChars = 0;
        }
    }
}
