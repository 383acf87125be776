package org.fundflow.local.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given explicitly, so Selenium
 * Manager never tries to download a driver or a browser (that fails on these machines, and tests must not fetch
 * browsers anyway). Missing packages are a failure naming the command that installs them, never a silent skip.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;

    Browser(Path downloads) throws IOException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError(p + " is missing: the dashboard's browser tests need Debian's Chromium. "
                        + "Install it with `apt-get install -y chromium chromium-driver` (.ci/run does this).");
            }
        }
        this.downloads = Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,900", "--lang=zh-CN",
                "--disable-search-engine-choice-screen", "--no-first-run");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", this.downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("intl.accept_languages", "zh-CN,zh");
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                this.downloads.toAbsolutePath().toString()));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The element, once it is there (and the view has finished rendering). */
    WebElement await(String css) {
        return waiting(Duration.ofSeconds(20)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    String text(String css) {
        return await(css).getText().strip();
    }

    /** A view has rendered (main carries the view name and is no longer busy). */
    void awaitView(String view) {
        waiting(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(
                "const m = document.getElementById('main');"
                        + "return m.dataset.view === arguments[0] && !m.hasAttribute('aria-busy');", view)));
    }

    /** A PNG of the whole page (not only the window), for the README, once its charts have finished drawing. */
    void screenshot(Path file) throws IOException {
        screenshot(file, 4000);
    }

    void screenshot(Path file, int maxHeight) throws IOException {
        waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js("return [...document.querySelectorAll("
                + "'.chart')].every(c => c.closest('[hidden]') || c.dataset.rendered === 'true')")));
        Number width = (Number) js("return document.documentElement.scrollWidth");
        Number height = (Number) js("return Math.min(document.documentElement.scrollHeight, arguments[0])",
                maxHeight);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height,
                        "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and returns the serious and critical violations,
     * one line each (rule, impact, the first offending elements).
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() throws IOException {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            try (var in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                if (in == null) {
                    throw new AssertionError("axe-core webjar not on the test classpath");
                }
                js(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3)"
                + ".map(n => n.target.join(' ')).join(' | '))), e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    void phoneWidth(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", true));
    }

    void desktopWidth() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
