package org.fundflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page, its scripts and ECharts are served from the jar, under the paths the gateway routes here. */
class PagesTest extends DashboardTest {
    static final HttpClient http = HttpClient.newHttpClient();
    static final Path STATIC = Path.of("src/main/resources/dashboard-ui");

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardIsServedAtTheRootAndUnderDashboard() throws Exception {
        for (String path : List.of("/", "/dashboard", "/dashboard/")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("<html lang=\"zh-CN\">", "/assets/app.js", "aria-live=\"polite\"");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'", "frame-ancestors 'none'");
        }
    }

    @Test
    void echartsComesFromItsWebjarWithoutAVersionInThePath() throws Exception {
        HttpResponse<String> lib = get("/assets/webjars/echarts/echarts.esm.min.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(lib.body()).hasSizeGreaterThan(500_000).contains("export");
    }

    /** Every module the page imports (relative or absolute) is there and is served as JavaScript. */
    @Test
    void everyImportedModuleIsServed() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(STATIC.resolve("assets"))) {
            scripts = files.filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        Pattern imports = Pattern.compile("(?:from|import\\()\\s*'([^']+\\.js)'");
        List<String> checked = new ArrayList<>();
        for (Path script : scripts) {
            String web = "/" + STATIC.relativize(script).toString().replace('\\', '/');
            HttpResponse<String> self = get(web);
            assertThat(self.statusCode()).as(web).isEqualTo(200);
            assertThat(self.headers().firstValue("Content-Type").orElse("")).as(web).contains("javascript");
            Matcher m = imports.matcher(Files.readString(script));
            while (m.find()) {
                String target = m.group(1).startsWith("/") ? m.group(1)
                        : java.net.URI.create(web).resolve(m.group(1)).getPath();
                assertThat(get(target).statusCode()).as("%s imports %s", web, target).isEqualTo(200);
                checked.add(target);
            }
        }
        assertThat(checked).contains("/assets/api.js", "/assets/views/funds.js",
                "/assets/webjars/echarts/echarts.esm.min.js");
    }

    @Test
    void theStylesheetIsServed() throws Exception {
        HttpResponse<String> css = get("/assets/dashboard.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.body()).contains("@media (max-width: 720px)");
    }
}
