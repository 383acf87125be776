package org.fundflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every interface string exists in Chinese and in English, and every key the scripts name is defined. */
class InterfaceTextsTest {
    static final Path ASSETS = Path.of("src/main/resources/dashboard-ui/assets");
    static final Pattern ENTRY = Pattern.compile("^\\s*'([^']+)':\\s*'", Pattern.MULTILINE);
    static final Pattern USE = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");
    static final Pattern STATIC_USE = Pattern.compile("data-i18n(?:-label)?=\"([a-zA-Z0-9_.]+)\"");

    static Set<String> keys(String block) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            assertThat(keys.add(m.group(1))).as("key %s defined twice", m.group(1)).isTrue();
        }
        return keys;
    }

    static String block(String source, String name) {
        int start = source.indexOf("const " + name + " = {");
        assertThat(start).as("dictionary %s", name).isNotNegative();
        return source.substring(start, source.indexOf("\n};", start));
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        String i18n = Files.readString(ASSETS.resolve("i18n.js"));
        Set<String> zh = keys(block(i18n, "zh"));
        Set<String> en = keys(block(i18n, "en"));
        assertThat(zh).hasSizeGreaterThan(150).contains("auth.signIn", "auth.needed", "auth.forbidden");
        assertThat(new TreeSet<>(en)).isEqualTo(new TreeSet<>(zh));
    }

    @Test
    void everyKeyTheScriptsAndThePageNameIsDefined() throws Exception {
        String i18n = Files.readString(ASSETS.resolve("i18n.js"));
        Set<String> zh = keys(block(i18n, "zh"));
        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ASSETS)) {
            files = walk.filter(p -> p.toString().endsWith(".js")).toList();
        }
        for (Path file : files) {
            Matcher m = USE.matcher(Files.readString(file));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Matcher m = STATIC_USE.matcher(Files.readString(ASSETS.resolveSibling("index.html")));
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("auth.signedInAs", "auth.heading", "auth.what.alerts");
        assertThat(zh).containsAll(used);
    }
}
