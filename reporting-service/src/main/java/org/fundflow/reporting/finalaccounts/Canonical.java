package org.fundflow.reporting.finalaccounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a {@link FinalAccountsDocument}: object keys sorted (properties and maps alike), arrays in
 * their order, no whitespace, amounts as strings. The same figures give the same bytes, whatever the build or the
 * order facts arrived in, so its SHA-256 identifies a published version's content.
 */
final class Canonical {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Canonical() {
    }

    static String json(FinalAccountsDocument document) {
        return JSON.writeValueAsString(document);
    }

    static FinalAccountsDocument read(String json) {
        return JSON.readValue(json, FinalAccountsDocument.class);
    }

    static <T> T read(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Lower-case hex SHA-256 of the canonical JSON (UTF-8). */
    static String hash(String canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
