package io.zuoxi.launcher;

import io.zuoxi.sim.PhoneBehaviour;
import io.zuoxi.sim.SimulatedPbx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as a person uses it, end to end: headless chromium on the real panel, the real web tier and
 * database, the engines and the adapter over real TCP to the simulated PBX. An agent signs in, logs in
 * with the device the panel suggests, goes ready; a known customer calls; the pop shows while the phone
 * rings, the call is answered and ends, and it appears under recent calls. Runs with
 * {@code -Dzuoxi.browser.tests=true} (Debian {@code chromium} + {@code chromium-driver}); screenshots
 * land in {@code target/screenshots/}.
 */
class DemoPanelBrowserIT {

    private static WebDriver driver;
    private static Path profile;

    @TempDir
    Path data;

    @BeforeAll
    static void browser() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("zuoxi.browser.tests"),
                "browser tests run with -Dzuoxi.browser.tests=true (needs chromium + chromium-driver)");
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        profile = Files.createTempDirectory("zuoxi-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + profile);
        driver = new ChromeDriver(options);
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.Kind.class)
    void agentGoesReadyAndTheCustomersCallPopsIsAnsweredAndListed(Stack.Kind kind) throws Exception {
        try (Stack stack = Stack.start(kind, data, 10)) {
            SimulatedPbx pbx = stack.pbx();
            pbx.setPhone(stack.device(1001), PhoneBehaviour.answerAndHangUp(Duration.ofSeconds(2), Duration.ofSeconds(2)));
            driver.manage().deleteAllCookies();
            driver.get("http://127.0.0.1:" + stack.zuoxi.webPort() + "/");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("localStorage.clear()");
            driver.get("http://127.0.0.1:" + stack.zuoxi.webPort() + "/");

            waitFor(() -> visible("login-view"));
            driver.findElement(By.id("username")).sendKeys("agent1");
            driver.findElement(By.id("password")).sendKeys("demo");
            driver.findElement(By.id("login-submit")).click();
            waitFor(() -> visible("seat-login"));
            WebElement endpoint = driver.findElement(By.id("endpoint"));
            waitFor(() -> !endpoint.getAttribute("value").isEmpty());
            assertThat(endpoint.getAttribute("value")).as("the seat's device on this PBX").isEqualTo(stack.device(1001));
            driver.findElement(By.id("seat-login-btn")).click();
            waitFor(() -> text("state-badge").equals("示忙"));
            waitFor(() -> driver.findElement(By.id("btn-ready")).isEnabled());
            driver.findElement(By.id("btn-ready")).click();
            waitFor(() -> text("state-badge").equals("示闲"));
            waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));

            pbx.placeInboundCall(new SimulatedPbx.InboundCall("13800138000", "ZHANG WEI", "4008001000", "support", 0,
                    Map.of("订单号", "SO-2026-0042")));
            // the pop is on screen while the phone rings (it answers after 2 s)
            waitFor(() -> text("state-badge").equals("振铃") && text("pop-name").equals("张伟"));
            assertThat(text("pop-number")).isEqualTo("138****8000");
            assertThat(text("pop-queue")).isEqualTo("support");
            assertThat(text("pop-attached")).contains("订单号").contains("SO-2026-0042");
            assertThat(visible("pop-vip")).isTrue();
            assertThat(driver.getPageSource()).doesNotContain("13800138000");
            screenshot("demo-" + kind.kind + "-ringing.png");

            waitFor(() -> text("state-badge").equals("通话中"));
            // the demo phone hangs up after 2 s of talk; the queue's wrap-up is 0 s in Stack
            waitFor(() -> text("recent").contains("138****8000"));
            assertThat(text("recent")).contains("support");
            screenshot("demo-" + kind.kind + "-after-call.png");
        }
    }

    private static boolean visible(String id) {
        List<WebElement> els = driver.findElements(By.id(id));
        return !els.isEmpty() && els.get(0).isDisplayed();
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private static void waitFor(BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
