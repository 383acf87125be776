package org.fundflow.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.local.DemoData;
import org.fundflow.local.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium, through the gateway of the whole running system, on the seeds' demo
 * data: the figures on screen, a payment recorded through the API showing up without a reload, the region
 * drill-down, the fund flow with its payments, alerts, a download, the English switch and a phone-width screen.
 * Screenshots of the main views go to docs/screenshots/ (shown in the README).
 */
class DashboardBrowserIT {
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    static LocalSystem system;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        // checked first: without Chromium there is nothing to test, and the message says how to get it
        browser = new Browser(Path.of("target", "browser-downloads").toAbsolutePath());
        system = runningSystem();
        new DemoData(system.gateway()).load();
        // events are consumed asynchronously: wait until the services show what the page will be asked about
        await().atMost(Duration.ofSeconds(60)).until(() -> "1400000.00".equals(
                get("/api/execution?programCode=JZ-DBYLHZ&fiscalYear=2020").path("totals")
                        .path("executedInSubtree").asString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "2617074.57".equals(
                get("/api/execution/rollup?by=program&fiscalYear=2022&programCode=LS-PJ-YLJZ").path("totals")
                        .path("executed").asString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/reports/fund-flow/programs?fiscalYear=2022")
                .path("programs").size() >= 8);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/reports/execution/by-fund?fiscalYear=2020")
                .path("rows").size() >= 2);
        // the live feed listens (its Kafka partitions are assigned) before anything is expected from it
        HealthIndicator liveFeed = system.context("dashboard").getBean("liveFeedHealthIndicator",
                HealthIndicator.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> Status.UP.equals(liveFeed.health().getStatus()));
    }

    /** The system shared by every end-to-end test of this JVM. */
    static LocalSystem runningSystem() {
        return org.fundflow.local.RunningSystem.get();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Every test starts from a fresh page load, in Chinese (the default), at desktop width. */
    @BeforeEach
    void chineseAndDesktop() {
        browser.desktopWidth();
        open("/");
        browser.js("localStorage.clear()");
        // leave the page, so the next open() loads it afresh rather than only changing the fragment
        browser.driver.get("about:blank");
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(system.gateway().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static JsonNode post(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(system.gateway().resolve(path))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(201);
        return json.readTree(r.body());
    }

    /** Loads the page afresh at that address (through the gateway). */
    static void open(String pathAndFragment) {
        browser.driver.get(system.gateway().resolve(pathAndFragment).toString());
    }

    static String cell(String table, String rowKey, String column) {
        return browser.text("#" + table + " tr[data-key=\"" + rowKey + "\"] [data-col=\"" + column + "\"]");
    }

    @Test
    void fundsOfAYearShowTheirFiguresAgainstTheTimeSchedule() throws Exception {
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        // seed 001: 市财政 → 市总工会 140万, paid to 11 recipients → executed 140万, 100 %
        assertThat(cell("funds-table", "JZ-DBYLHZ", "program")).contains("大病医疗互助");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "budget")).isEqualTo("1,400,000.00");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "executed")).isEqualTo("1,400,000.00");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "executionRate")).isEqualTo("100.00%");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "scheduleRate")).isEqualTo("100.00%");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "status")).contains("正常");
        // seed 000: 325万 budget = issued = spent
        assertThat(cell("funds-table", "JZ-CXYLJZ", "budget")).isEqualTo("3,250,000.00");
        assertThat(cell("funds-table", "JZ-CXYLJZ", "executionRate")).isEqualTo("100.00%");
        assertThat(browser.text("#funds-table tfoot [data-col=\"budget\"]")).isEqualTo("4,650,000.00");
        browser.screenshot(SCREENSHOTS.resolve("funds-2020.png"));

        // seed 002: 离石 2022, the provincial 671万 executed 39.00 % at year end: lagging, said in words
        open("/#/funds?year=2022");
        browser.awaitView("funds");
        assertThat(cell("funds-table", "LS-PJ-YLJZ", "budget")).isEqualTo("6,710,000.00");
        assertThat(cell("funds-table", "LS-PJ-YLJZ", "executed")).isEqualTo("2,617,074.57");
        assertThat(cell("funds-table", "LS-PJ-YLJZ", "executionRate")).isEqualTo("39.00%");
        assertThat(cell("funds-table", "LS-PJ-YLJZ", "status")).contains("滞后");
        assertThat(browser.await("#funds-table tr[data-key=\"LS-PJ-YLJZ\"]").getAttribute("class"))
                .contains("lagging");
        assertThat(cell("funds-table", "LS-ZY-YLJZ-420", "executionRate")).isEqualTo("100.00%");
        assertThat(cell("funds-table", "LS-ZY-YLJZ-420", "status")).contains("正常");
        browser.await("#funds-chart canvas");
        browser.screenshot(SCREENSHOTS.resolve("funds.png"));
    }

    @Test
    void aPaymentRecordedThroughTheApiUpdatesThePageWithinTwoSecondsWithoutAReload() throws Exception {
        // a fund of its own (in a year the demo data does not use), so no other test's figures move
        String program = "DASH-LIVE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        post("/api/programs", Map.of("code", program, "name", "看板实时更新测试资金", "fiscalYear", 2021,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        Map<String, Object> allocation = new LinkedHashMap<>();
        allocation.putAll(Map.of("programCode", program, "fiscalYear", 2021, "sourceLevel", "CITY",
                "fromRegion", "140700", "toOrg", "140700-208", "amount", "100000.00", "docNo", "晋中财社〔2021〕7号",
                "issuedOn", "2021-03-01", "functionCode", "2101301"));
        String allocationId = post("/api/allocations", allocation).path("allocationId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/execution?fiscalYear=2021&programCode="
                + program).path("rows").size() == 1);

        open("/#/funds?year=2021");
        browser.awaitView("funds");
        assertThat(cell("funds-table", program, "executed")).isEqualTo("0.00");
        assertThat(cell("funds-table", program, "executionRate")).isEqualTo("0.00%");
        browser.waiting(Duration.ofSeconds(10)).until(d -> "on".equals(
                browser.await("#live-status").getAttribute("data-state")));
        // a marker that a reload would wipe out
        browser.js("window.__notReloaded = 'still here'");
        Object loadedAt = browser.js("return window.fundflowDashboard.loadedAt");

        long start = System.nanoTime();
        post("/api/payments", Map.of("allocationId", allocationId, "payerOrg", "140700-208", "amount", "2500.00",
                "paidOn", "2021-06-01", "functionCode", "2101301", "economicCode", "30307",
                "expenditureKind", "PROJECT", "payee", "榆次区职工大病医疗互助补偿", "voucherNo", program + "-1"));
        browser.waiting(Duration.ofSeconds(2)).until(d -> "2,500.00".equals(cell("funds-table", program,
                "executed")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("dashboard: payment on screen " + millis + " ms after the API call");

        assertThat(millis).isLessThan(2000);
        assertThat(cell("funds-table", program, "executionRate")).isEqualTo("2.50%");
        assertThat(browser.js("return window.__notReloaded")).isEqualTo("still here");
        assertThat(browser.js("return window.fundflowDashboard.loadedAt")).isEqualTo(loadedAt);
        assertThat(((Number) browser.js("return window.fundflowDashboard.refreshes")).intValue()).isPositive();
        assertThat(browser.await("#announcer").getAttribute("textContent")).contains("新的支付");
    }

    @Test
    void drillsDownFromTheCountryToACounty() throws Exception {
        open("/#/regions?year=2020");
        browser.awaitView("regions");
        assertThat(browser.text("nav.breadcrumb")).isEqualTo("全国");
        browser.await("#regions-table a[data-region=\"140000\"]").click();
        awaitHeading("山西省");
        assertThat(breadcrumb()).containsExactly("全国", "山西省");

        // by keyboard: the region links are ordinary links, reached with Tab and followed with Enter
        WebElement jinzhong = browser.await("#regions-table a[data-region=\"140700\"]");
        jinzhong.sendKeys(Keys.ENTER);
        awaitHeading("晋中市");
        assertThat(breadcrumb()).containsExactly("全国", "山西省", "晋中市");
        // the city's own agencies: 城乡医疗救助 325万 + 大病医疗互助 140万, all spent
        assertThat(cell("regions-table", "140700", "region")).contains("晋中市本级");
        assertThat(cell("regions-table", "140700", "budget")).isEqualTo("4,650,000.00");
        assertThat(cell("regions-table", "140700", "executed")).isEqualTo("4,650,000.00");
        assertThat(cell("regions-table", "140700", "executionRate")).isEqualTo("100.00%");
        assertThat(cell("region-programs", "JZ-DBYLHZ", "executed")).isEqualTo("1,400,000.00");
        browser.screenshot(SCREENSHOTS.resolve("regions.png"));

        // 榆次区 had no allocation in 2020: it is still listed, and can be opened
        browser.await("a[data-region=\"140702\"]").click();
        awaitHeading("榆次区");
        assertThat(breadcrumb()).containsExactly("全国", "山西省", "晋中市", "榆次区");
        assertThat(browser.await("nav.breadcrumb [aria-current=\"page\"]").getText()).isEqualTo("榆次区");

        // a county with money: 离石区 2022 (全国 → 山西省 → 吕梁市 → 离石区)
        open("/#/regions?year=2022&region=141100");
        awaitHeading("吕梁市");
        browser.await("#regions-table a[data-region=\"141102\"]").click();
        awaitHeading("离石区");
        assertThat(breadcrumb()).containsExactly("全国", "山西省", "吕梁市", "离石区");
        assertThat(cell("region-programs", "LS-PJ-YLJZ", "executionRate")).isEqualTo("39.00%");
        assertThat(cell("region-programs", "LS-PJ-YLJZ", "status")).contains("滞后");
    }

    @Test
    void theFundFlowLeadsFromTheSourceToTheRecipientsAndTheirPayments() throws Exception {
        open("/#/flow?year=2020&program=JZ-DBYLHZ");
        browser.awaitView("flow");
        WebElement node = browser.await("#flow-tree li.flow-node");
        assertThat(node.getText()).contains("晋中市", "晋中市总工会", "1,400,000.00");
        browser.await("#flow-tree button[data-allocation]").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#payments-table tbody tr"))
                .size() == 11);
        assertThat(browser.text("#payments-table")).contains("榆次区职工大病医疗互助补偿", "150,000.00");
        // the picture runs on to the final recipients: the eleven payees
        browser.await("#flow-chart canvas");
        browser.screenshot(SCREENSHOTS.resolve("fund-flow.png"));

        // four levels: 中央 → 山西省 → 吕梁市 → 离石区 → 离石区医疗保障局, with its two payments
        open("/#/flow?year=2022&program=LS-ZY-YLJZ-420");
        browser.awaitView("flow");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#flow-tree li.flow-node"))
                .size() == 4);
        assertThat(browser.text("#flow-tree")).contains("中央", "山西省", "吕梁市", "离石区", "4,200,000.00");
        List<WebElement> buttons = browser.driver.findElements(By.cssSelector("#flow-tree button[data-allocation]"));
        buttons.get(buttons.size() - 1).click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#payments-table tbody tr"))
                .size() == 2);
        assertThat(browser.text("#payments-table")).contains("3,084,800.00", "1,115,200.00");
        assertThat(browser.await("#flow-csv").getAttribute("href")).contains("format=csv");
        browser.await("#flow-chart canvas");
    }

    @Test
    void alertsNameLaggingExecution() throws Exception {
        open("/#/alerts?year=2022");
        browser.awaitView("alerts");
        String table = browser.text("#alerts-table");
        assertThat(table).contains("执行滞后", "2022年省级财政医疗救助补助资金");
        assertThat(browser.text("#grades-body")).isNotEmpty();
        browser.screenshot(SCREENSHOTS.resolve("alerts.png"));
    }

    @Test
    void aPublishedTableDownloads() throws Exception {
        open("/#/tables?year=2020");
        browser.awaitView("tables");
        Path file = browser.downloads.resolve("execution-by-fund-2020.csv");
        Files.deleteIfExists(file);
        WebElement link = browser.await("a[data-download=\"by-fund-csv\"]");
        assertThat(link.getAttribute("href")).contains("/api/reports/execution/by-fund", "fiscalYear=2020",
                "format=csv");
        link.click();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && Files.size(file) > 0
                && !Files.exists(browser.downloads.resolve("execution-by-fund-2020.csv.crdownload")));
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).contains("大病医疗互助", "1400000.00", "合计");

        // the ledger of a fund's flow, from its link
        String flowHref = browser.await("a[data-download=\"fund-flow-JZ-DBYLHZ\"]").getAttribute("href");
        HttpResponse<String> ledger = http.send(HttpRequest.newBuilder(URI.create(flowHref)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(ledger.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(ledger.body()).contains("晋中市总工会", "1400000.00");
        assertThat(browser.text("#table-by-fund")).contains("1,400,000.00");
        browser.screenshot(SCREENSHOTS.resolve("tables.png"));

        // 部门决算公开: an agency with figures is listed (with links once published); without the API, a clear note
        open("/#/tables?year=2022");
        browser.awaitView("tables");
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(system.gateway().resolve(
                "/api/reports/final-accounts/141102-YBJ/2022")).build(), HttpResponse.BodyHandlers.ofString());
        if (index.statusCode() == 200 && !json.readTree(index.body()).path("noData").asBoolean()) {
            assertThat(browser.text("#final-accounts [data-org=\"141102-YBJ\"]")).contains("离石区医疗保障局");
        } else {
            assertThat(browser.await("#final-accounts [data-state]").getText()).isNotBlank();
        }
    }

    @Test
    void switchesToEnglishAndRemembersIt() {
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        assertThat(browser.text("h1")).isEqualTo("财政资金执行看板");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");

        browser.await("#lang").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("main h2").equals("Fund execution, 2020"));
        assertThat(browser.text("h1")).isEqualTo("Fund execution dashboard");
        assertThat(browser.text("nav.tabs")).contains("Funds", "Regions", "Fund flow", "Alerts", "Tables");
        assertThat(browser.text("#funds-table thead")).contains("Budget", "Executed", "Execution rate",
                "Time schedule");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");

        browser.driver.navigate().refresh();
        browser.awaitView("funds");
        assertThat(browser.text("h1")).isEqualTo("Fund execution dashboard");

        browser.await("#lang").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("h1").equals("财政资金执行看板"));
    }

    @Test
    void aPhoneWidthScreenNeedsNoSidewaysScrolling() throws Exception {
        browser.phoneWidth(375, 812);
        try {
            open("/#/funds?year=2022");
            browser.awaitView("funds");
            browser.await("#funds-table tr[data-key=\"LS-PJ-YLJZ\"]");
            assertThat(((Number) browser.js("return window.innerWidth")).intValue()).isEqualTo(375);
            Number pageOverflow = (Number) browser.js(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(pageOverflow.intValue()).as("page wider than the screen by").isLessThanOrEqualTo(0);
            Number tableOverflow = (Number) browser.js(
                    "const w = document.getElementById('funds-table'); return w.scrollWidth - w.clientWidth");
            assertThat(tableOverflow.intValue()).as("table container scrolls sideways by").isLessThanOrEqualTo(0);
            // each row is a card with its labels
            assertThat(cell("funds-table", "LS-PJ-YLJZ", "status")).contains("滞后");
            browser.screenshot(SCREENSHOTS.resolve("phone.png"), 1600);
        } finally {
            browser.desktopWidth();
        }
    }

    @Test
    void everyViewPassesTheAutomatedAccessibilityRules() throws Exception {
        Map<String, String> views = new LinkedHashMap<>();
        views.put("funds", "/#/funds?year=2022");
        views.put("regions", "/#/regions?year=2020&region=140700");
        views.put("flow", "/#/flow?year=2020&program=JZ-DBYLHZ");
        views.put("alerts", "/#/alerts?year=2022");
        views.put("tables", "/#/tables?year=2020");
        for (var view : views.entrySet()) {
            open(view.getValue());
            browser.awaitView(view.getKey());
            if (view.getKey().equals("flow")) {
                browser.await("#flow-tree button[data-allocation]").click();
                browser.await("#payments-table");
            }
            browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.js("return [...document"
                    + ".querySelectorAll('.chart')].every(c => c.closest('[hidden]') || c.dataset.rendered === 'true')")));
            assertThat(browser.accessibilityViolations()).as("axe-core WCAG 2.1 AA on %s", view.getValue()).isEmpty();
        }
        // and in English, and at phone width
        browser.await("#lang").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("h1").equals("Fund execution dashboard"));
        assertThat(browser.accessibilityViolations()).as("axe-core in English").isEmpty();
        browser.phoneWidth(375, 812);
        try {
            open("/#/funds?year=2022");
            browser.awaitView("funds");
            assertThat(browser.accessibilityViolations()).as("axe-core at 375 px").isEmpty();
        } finally {
            browser.desktopWidth();
        }
    }

    void awaitHeading(String region) {
        browser.waiting(Duration.ofSeconds(20)).until(d -> {
            String h = browser.text("main h2");
            return h.contains(region) && !d.findElements(By.cssSelector("#regions-body .figures")).isEmpty();
        });
    }

    static List<String> breadcrumb() {
        return browser.driver.findElements(By.cssSelector("nav.breadcrumb li")).stream()
                .map(e -> e.getText().replace("›", "").strip()).toList();
    }
}
