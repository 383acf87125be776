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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.local.DemoData;
import org.fundflow.local.DevTokens;
import org.fundflow.local.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium, through the gateway of the whole running system, on the seeds' demo
 * data: the figures on screen, a payment recorded through the API showing up without a reload, the region
 * drill-down, the fund flow with its payments, alerts, a download, the English switch and a phone-width screen;
 * what an anonymous visitor sees (the public figures, a sign-in note instead of alerts and payments) and what a user
 * signed in through the page sees (the local gateway's dev token issuer). Screenshots of the main views go to
 * docs/screenshots/ (shown in the README).
 */
class DashboardBrowserIT {
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    static LocalSystem system;
    static Browser browser;
    /** The rightful users of what the tests write and read, signed by the local gateway's dev issuer. */
    static DevTokens tokens;

    @BeforeAll
    static void start() throws Exception {
        // checked first: without Chromium there is nothing to test, and the message says how to get it
        browser = new Browser(Path.of("target", "browser-downloads").toAbsolutePath());
        system = runningSystem();
        tokens = new DevTokens(system.gateway(), "browser-it");
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

    /** Every test starts from a fresh page load, in Chinese (the default), at desktop width, signed out. */
    @BeforeEach
    void chineseAndDesktopAndSignedOut() {
        browser.desktopWidth();
        onTheDashboardsOrigin();
        browser.js("localStorage.clear(); sessionStorage.clear()");
        // leave the page, so the next open() loads it afresh rather than only changing the fragment
        browser.driver.get("about:blank");
    }

    /** A document of the dashboard's origin (the stylesheet: no API calls), where its storage can be set. */
    static void onTheDashboardsOrigin() {
        browser.driver.get(system.gateway().resolve("/assets/dashboard.css").toString());
    }

    /** Signed in for the next page load, as the page itself keeps a token (sessionStorage, this tab only). */
    static void signedInAs(String token) {
        onTheDashboardsOrigin();
        browser.js("sessionStorage.setItem('fundflow.token', arguments[0])", token);
        browser.driver.get("about:blank");
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(system.gateway().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static JsonNode post(String path, String token, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(system.gateway().resolve(path))
                .header("Authorization", "Bearer " + token)
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
        // written by their rightful users: 晋中市财政 registers the fund and issues it, 晋中市总工会 pays
        String cityFinance = tokens.financeBureau("140700");
        post("/api/programs", cityFinance, Map.of("code", program, "name", "看板实时更新测试资金",
                "fiscalYear", 2021, "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        Map<String, Object> allocation = new LinkedHashMap<>();
        allocation.putAll(Map.of("programCode", program, "fiscalYear", 2021, "sourceLevel", "CITY",
                "fromRegion", "140700", "toOrg", "140700-208", "amount", "100000.00", "docNo", "晋中财社〔2021〕7号",
                "issuedOn", "2021-03-01", "functionCode", "2101301"));
        String allocationId = post("/api/allocations", cityFinance, allocation).path("allocationId").asString();
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
        post("/api/payments", tokens.agency("140700-208"), Map.of("allocationId", allocationId,
                "payerOrg", "140700-208", "amount", "2500.00", "paidOn", "2021-06-01", "functionCode", "2101301",
                "economicCode", "30307", "expenditureKind", "PROJECT", "payee", "榆次区职工大病医疗互助补偿", "voucherNo", program + "-1"));
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
        // a visitor sees the ledger (public), and where the payments would be, a note: they need a signed-in user
        open("/#/flow?year=2020&program=JZ-DBYLHZ");
        browser.awaitView("flow");
        assertThat(browser.await("#flow-tree li.flow-node").getText()).contains("晋中市", "晋中市总工会",
                "1,400,000.00");
        browser.await("#flow-tree button[data-allocation]").click();
        assertThat(browser.text("#flow-detail [data-state=\"sign-in\"]")).contains("登录后可查看支付记录");
        assertThat(browser.driver.findElements(By.cssSelector("#payments-table"))).isEmpty();
        browser.await("#flow-detail button[data-record]").click();
        assertThat(browser.text("#flow-detail .record-state [data-state=\"sign-in\"]"))
                .contains("登录后可查看指标原始数据");

        // 晋中市总工会 (the agency the money went to) sees its own payments, and downloads the allocation record
        signedInAs(tokens.agency("140700-208"));
        open("/#/flow?year=2020&program=JZ-DBYLHZ");
        browser.awaitView("flow");
        WebElement node = browser.await("#flow-tree li.flow-node");
        assertThat(node.getText()).contains("晋中市", "晋中市总工会", "1,400,000.00");
        WebElement details = browser.await("#flow-tree button[data-allocation]");
        String allocationId = details.getAttribute("data-allocation");
        details.click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#payments-table tbody tr"))
                .size() == 11);
        assertThat(browser.text("#payments-table")).contains("榆次区职工大病医疗互助补偿", "150,000.00");
        Path record = browser.downloads.resolve("allocation-" + allocationId + ".json");
        Files.deleteIfExists(record);
        browser.await("#flow-detail button[data-record]").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(record) && Files.size(record) > 0
                && !Files.exists(browser.downloads.resolve(record.getFileName() + ".crdownload")));
        JsonNode saved = json.readTree(Files.readString(record, StandardCharsets.UTF_8));
        assertThat(saved.path("allocationId").asString()).isEqualTo(allocationId);
        assertThat(saved.path("toOrg").asString()).isEqualTo("140700-208");
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
        // …which are not 晋中市总工会's to see
        assertThat(browser.text("#flow-detail [data-state=\"out-of-scope\"]")).contains("超出您的权限范围", "支付记录");
        assertThat(browser.driver.findElements(By.cssSelector("#payments-table"))).isEmpty();

        // a national supervisor sees them
        signedInAs(tokens.supervisor("000000"));
        open("/#/flow?year=2022&program=LS-ZY-YLJZ-420");
        browser.awaitView("flow");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#flow-tree li.flow-node"))
                .size() == 4);
        buttons = browser.driver.findElements(By.cssSelector("#flow-tree button[data-allocation]"));
        buttons.get(buttons.size() - 1).click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#payments-table tbody tr"))
                .size() == 2);
        assertThat(browser.text("#payments-table")).contains("3,084,800.00", "1,115,200.00");
        assertThat(browser.await("#flow-csv").getAttribute("href")).contains("format=csv");
        browser.await("#flow-chart canvas");
    }

    @Test
    void alertsNameLaggingExecution() throws Exception {
        signedInAs(tokens.supervisor("000000"));
        open("/#/alerts?year=2022");
        browser.awaitView("alerts");
        String table = browser.text("#alerts-table");
        assertThat(table).contains("执行滞后", "2022年省级财政医疗救助补助资金");
        assertThat(browser.text("#grades-body")).isNotEmpty();
        browser.screenshot(SCREENSHOTS.resolve("alerts.png"));
    }

    @Test
    void anAnonymousVisitorSeesThePublicFiguresButNoAlerts() throws Exception {
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        assertThat(browser.await("#auth").getAttribute("data-state")).isEqualTo("signed-out");
        assertThat(browser.text("#auth-status")).isEqualTo("未登录：仅显示公开数据");
        assertThat(browser.await("#signin-open").isDisplayed()).isTrue();
        assertThat(browser.await("#signout").isDisplayed()).isFalse();
        assertThat(cell("funds-table", "JZ-DBYLHZ", "budget")).isEqualTo("1,400,000.00");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "executed")).isEqualTo("1,400,000.00");
        assertThat(browser.text("#funds-table tfoot [data-col=\"budget\"]")).isEqualTo("4,650,000.00");

        open("/#/alerts?year=2022");
        browser.awaitView("alerts");
        assertThat(browser.text("#alerts-body [data-state=\"sign-in\"]")).contains("登录后可查看预警");
        assertThat(browser.text("#grades-body [data-state=\"sign-in\"]")).contains("登录后可查看绩效自评等级");
        // nothing of the alerts reaches the page: no table, no counts, no filter to pick from
        assertThat(browser.driver.findElements(By.cssSelector("#alerts-table, #grades-table, #alerts-body .figures")))
                .isEmpty();
        assertThat(browser.await("#alert-type").isDisplayed()).isFalse();
        assertThat(browser.text("main")).doesNotContain("2022年省级财政医疗救助补助资金", "执行滞后");
        // …because the gateway gives them to nobody without a token
        HttpResponse<String> alerts = http.send(HttpRequest.newBuilder(system.gateway().resolve(
                "/api/alerts?fiscalYear=2022")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alerts.statusCode()).isEqualTo(401);
        assertThat(alerts.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(browser.accessibilityViolations()).as("axe-core on the signed-out alerts view").isEmpty();
    }

    @Test
    void aNationalSupervisorSignsInThroughThePageSeesTheAlertsAndSignsOut() throws Exception {
        open("/#/alerts?year=2022");
        browser.awaitView("alerts");
        // the note's own button opens the sign-in panel; the local gateway offers the dev sign-in
        browser.await("#alerts-body [data-action=\"sign-in\"]").click();
        WebElement role = browser.await("#signin-role");
        browser.waiting(Duration.ofSeconds(5)).until(d -> "signin-role".equals(activeId()));
        assertThat(browser.await("#signin-open").getAttribute("aria-expanded")).isEqualTo("true");
        new Select(role).selectByValue("SUPERVISOR");
        WebElement region = browser.await("#signin-region");
        region.clear();
        region.sendKeys("000000");
        browser.await("#signin-subject").sendKeys("browser-it-national");
        assertThat(browser.accessibilityViolations()).as("axe-core with the sign-in panel open").isEmpty();
        browser.await("#signin-dev-submit").click();

        browser.waiting(Duration.ofSeconds(10)).until(d -> "signed-in".equals(
                browser.await("#auth").getAttribute("data-state")));
        assertThat(browser.text("#auth-status")).isEqualTo("已登录：browser-it-national · 监督/审计 · 全国");
        assertThat(browser.await("#signin-panel").isDisplayed()).isFalse();
        assertThat(activeId()).isEqualTo("signout");
        String token = (String) browser.js("return sessionStorage.getItem('fundflow.token')");
        assertThat(token).isNotBlank();
        browser.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#alerts-table")).isEmpty());
        assertThat(browser.text("#alerts-table")).contains("执行滞后", "2022年省级财政医疗救助补助资金");
        assertThat(browser.driver.findElements(By.cssSelector("#grades-body [data-state=\"sign-in\"]"))).isEmpty();
        assertThat(browser.await("#alert-type").isDisplayed()).isTrue();
        // the page's token is the gateway's: the API answers it as a national supervisor
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(system.gateway().resolve(
                "/api/alerts?fiscalYear=2022")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(browser.accessibilityViolations()).as("axe-core signed in").isEmpty();

        // a new page load in the same tab is still signed in
        browser.driver.navigate().refresh();
        browser.awaitView("alerts");
        assertThat(browser.await("#auth").getAttribute("data-state")).isEqualTo("signed-in");
        browser.await("#alerts-table");

        browser.await("#signout").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> "signed-out".equals(
                browser.await("#auth").getAttribute("data-state")));
        assertThat(browser.js("return sessionStorage.getItem('fundflow.token')")).isNull();
        assertThat(activeId()).isEqualTo("signin-open");
        assertThat(browser.text("#auth-status")).isEqualTo("未登录：仅显示公开数据");
        browser.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(
                "#alerts-body [data-state=\"sign-in\"]")).isEmpty());
        assertThat(browser.driver.findElements(By.cssSelector("#alerts-table"))).isEmpty();
        assertThat(browser.text("main")).doesNotContain("2022年省级财政医疗救助补助资金");
        browser.waiting(Duration.ofSeconds(5)).until(d -> browser.await("#announcer").getAttribute("textContent")
                .contains("已退出登录"));
    }

    @Test
    void theSignInPanelWorksByKeyboardAndSaysWhatIsWrong() throws Exception {
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        WebElement opener = browser.await("#signin-open");
        opener.sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(5)).until(d -> "signin-role".equals(activeId()));
        // Escape closes it and gives the keyboard back to the button
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waiting(Duration.ofSeconds(5)).until(d -> !browser.await("#signin-panel").isDisplayed());
        assertThat(activeId()).isEqualTo("signin-open");
        assertThat(opener.getAttribute("aria-expanded")).isEqualTo("false");

        // a finance bureau needs a 6-digit region: said next to the field, which takes the focus
        opener.sendKeys(Keys.ENTER);
        new Select(browser.await("#signin-role")).selectByValue("FINANCE_BUREAU");
        WebElement region = browser.await("#signin-region");
        region.clear();
        region.sendKeys("14");
        browser.await("#signin-dev-submit").click();
        assertThat(browser.text("#signin-error")).contains("6 位地区代码");
        assertThat(region.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(activeId()).isEqualTo("signin-region");

        // an agency names its org
        new Select(browser.await("#signin-role")).selectByValue("AGENCY");
        assertThat(browser.await("#signin-region").isDisplayed()).isFalse();
        browser.await("#signin-org").sendKeys("140700-208");
        browser.await("#signin-dev-submit").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> "signed-in".equals(
                browser.await("#auth").getAttribute("data-state")));
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("#auth-status").equals(
                "已登录：dev-agency-140700-208 · 预算单位 · 晋中市总工会（140700-208）"));
        browser.await("#signout").sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(10)).until(d -> "signed-out".equals(
                browser.await("#auth").getAttribute("data-state")));

        // a pasted token: not a JWT at all, then one the gateway refuses (wrongly signed)
        browser.await("#signin-open").click();
        browser.await("details.signin-more summary").click();
        WebElement paste = browser.await("#signin-token");
        paste.sendKeys("not a token");
        browser.await("#signin-paste-submit").click();
        assertThat(browser.text("#signin-error")).contains("不是可读取的令牌");
        paste.clear();
        paste.sendKeys(forgedToken("SUPERVISOR", "000000", System.currentTimeMillis() / 1000 + 3600));
        browser.await("#signin-paste-submit").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("#signin-error").contains("网关拒绝了此令牌"));
        assertThat(browser.await("#auth").getAttribute("data-state")).isEqualTo("signed-out");
        // and a good one, from the dev issuer
        paste.clear();
        paste.sendKeys(tokens.financeBureau("140700"));
        browser.await("#signin-paste-submit").click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> "signed-in".equals(
                browser.await("#auth").getAttribute("data-state")));
        browser.waiting(Duration.ofSeconds(10)).until(d -> browser.text("#auth-status").equals(
                "已登录：browser-it-finance-140700 · 财政部门 · 晋中市（140700）"));
    }

    @Test
    void anExpiredOrRefusedTokenCountsAsSignedOut() throws Exception {
        // expired: forgotten when the page loads, which then shows the public figures
        signedInAs(forgedToken("SUPERVISOR", "000000", System.currentTimeMillis() / 1000 - 60));
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        assertThat(browser.await("#auth").getAttribute("data-state")).isEqualTo("signed-out");
        assertThat(browser.js("return sessionStorage.getItem('fundflow.token')")).isNull();
        assertThat(cell("funds-table", "JZ-DBYLHZ", "budget")).isEqualTo("1,400,000.00");

        // unexpired but refused by the gateway (401): dropped at the first call, the public views still work
        signedInAs(forgedToken("SUPERVISOR", "000000", System.currentTimeMillis() / 1000 + 3600));
        open("/#/alerts?year=2022");
        browser.awaitView("alerts");
        assertThat(browser.await("#auth").getAttribute("data-state")).isEqualTo("signed-out");
        assertThat(browser.js("return sessionStorage.getItem('fundflow.token')")).isNull();
        assertThat(browser.text("#alerts-body [data-state=\"sign-in\"]")).contains("登录后可查看预警");
        browser.waiting(Duration.ofSeconds(5)).until(d -> browser.await("#announcer").getAttribute("textContent")
                .contains("登录已失效"));
        open("/#/funds?year=2020");
        browser.awaitView("funds");
        assertThat(cell("funds-table", "JZ-DBYLHZ", "executed")).isEqualTo("1,400,000.00");
    }

    /** A JWT with fundflow's claims that no issuer signed (the signature is junk): the gateway must refuse it. */
    static String forgedToken(String role, String region, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"forged\",\"role\":\"" + role + "\",\"region\":\"" + region
                + "\",\"exp\":" + exp + ",\"iss\":\"fundflow-local-dev\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(new byte[256]);
    }

    static String activeId() {
        return (String) browser.js("return document.activeElement && document.activeElement.id");
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
        String flowXlsx = browser.await("a[data-download=\"fund-flow-xlsx-JZ-DBYLHZ\"]").getAttribute("href");
        HttpResponse<byte[]> workbook = http.send(HttpRequest.newBuilder(URI.create(flowXlsx)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(new String(workbook.body(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PK");
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
        // signed in, so the alerts and the payments are there to be checked (signed out: see the tests above)
        signedInAs(tokens.supervisor("000000"));
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
