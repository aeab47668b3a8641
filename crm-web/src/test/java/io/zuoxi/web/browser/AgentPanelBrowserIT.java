package io.zuoxi.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.zuoxi.core.agent.AgentState;
import io.zuoxi.core.agent.AgentStateChanged;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.BusJson;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.core.queue.QueueSnapshot;
import io.zuoxi.web.auth.NumberMasking;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.auth.Role;
import io.zuoxi.web.screenpop.CustomerDirectory.Customer;
import io.zuoxi.web.screenpop.CustomerDirectory.Interaction;
import io.zuoxi.web.stream.EventHub;
import io.zuoxi.web.stream.EventHubConfig;
import io.zuoxi.web.stream.FakeAuthenticator;
import io.zuoxi.web.stream.FakeCustomers;
import io.zuoxi.web.stream.FakeScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the real agent panel in Debian's headless chromium against the real EventHub, a minimal fake
 * of the REST endpoints the page calls and a fake core on the event bus. Runs only with
 * {@code -Dzuoxi.browser.tests=true} (needs {@code apt-get install chromium chromium-driver}).
 * Screenshots land in {@code target/screenshots/}.
 */
class AgentPanelBrowserIT {

    static final Principal AGENT1 = new Principal(11, "demo", "agent1", "王芳", Role.AGENT, "1001", false);
    static final Principal SUPERVISOR = new Principal(20, "demo", "supervisor", "李班长", Role.SUPERVISOR, null, false);

    static Vertx vertx;
    static EventHub hub;
    static HttpServer server;
    static WebDriver driver;
    static Path profile;
    static String base;
    static Router restartableRouter;
    static final FakeAuthenticator AUTH = new FakeAuthenticator();
    static final Map<String, AgentStateChanged> AGENTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("zuoxi.browser.tests"),
                "browser tests run with -Dzuoxi.browser.tests=true (needs chromium + chromium-driver)");
        vertx = Vertx.vertx();
        FakeCustomers customers = new FakeCustomers().add("demo", "13800138000",
                new Customer(1, "张伟", "张伟", true, "老客户，偏好上午回电 / prefers morning callbacks",
                        List.of(new Interaction("c-old-1", Instant.now().minus(Duration.ofDays(2)), "support", "1002", "ANSWERED", 184),
                                new Interaction("c-old-2", Instant.now().minus(Duration.ofDays(9)), "sales", "1003", "ABANDONED", 0))));
        FakeScope scope = new FakeScope().agent("1001", "demo").agent("1002", "demo").agent("1003", "demo")
                .queue("support", "demo").queue("sales", "demo");
        hub = new EventHub(vertx, AUTH, customers, scope, EventHubConfig.defaults());
        await(hub.start());
        Router router = Router.router(vertx);
        hub.mount(router);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024));
        fakeRest(router);
        router.route().handler(StaticHandler.create("webroot"));
        restartableRouter = router;
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        base = "http://127.0.0.1:" + server.actualPort() + "/";

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
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void freshPage() {
        // every test starts with all seats logged out, in the fake core and in the hub's picture
        for (String agentId : List.of("1001", "1002", "1003")) {
            AgentStateChanged cur = AGENTS.get(agentId);
            agentState(agentId, cur == null ? AgentState.LOGGED_OUT : cur.to(), AgentState.LOGGED_OUT, null);
        }
        driver.manage().deleteAllCookies();
        driver.get(base);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.get(base);
    }

    @Test
    void agentLogsInGoesReadyAndSeesTheScreenPopWhileThePhoneRings() throws Exception {
        signIn("agent1");
        waitFor(() -> visible("seat-login"));
        WebElement endpoint = driver.findElement(By.id("endpoint"));
        assertThat(endpoint.getAttribute("value")).isEqualTo("PJSIP/1001");
        driver.findElement(By.id("seat-login-btn")).click();
        waitFor(() -> text("state-badge").equals("示忙"));
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));

        // a refused command shows the server's message
        waitFor(() -> driver.findElement(By.id("btn-ready")).isEnabled());
        driver.findElement(By.id("btn-ready")).click();
        waitFor(() -> text("state-badge").equals("示闲"));
        new Select(driver.findElement(By.id("reason"))).selectByValue("training");
        driver.findElement(By.id("btn-notready")).click();
        waitFor(() -> visible("toast") && text("toast").contains("培训示忙需班长批准"));
        assertThat(text("state-badge")).isEqualTo("示闲");

        // the core offers a call: the pop must be on screen while the phone rings
        long t0 = System.nanoTime();
        agentState("1001", AgentState.READY, AgentState.RESERVED, "call-42");
        vertx.eventBus().publish(Addresses.CALL_OFFERED, BusJson.encode(new CallOffered("call-42", "1001", "support",
                "13800138000", "ZHANG WEI", "4008001234", 37, Map.of("订单号", "SO-2026-0042", "IVR", "账单查询"),
                Instant.now().minusSeconds(37), Instant.now())));
        waitFor(() -> text("pop-name").equals("张伟"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(millis).as("pop latency").isLessThan(3000);
        assertThat(text("pop-number")).isEqualTo("138****8000").isEqualTo(NumberMasking.mask("13800138000"));
        assertThat(visible("pop-vip")).isTrue();
        assertThat(text("pop-queue")).isEqualTo("support");
        assertThat(text("pop-attached")).contains("订单号").contains("SO-2026-0042");
        assertThat(text("pop-history")).contains("sales");
        assertThat(text("state-badge")).isEqualTo("振铃");
        assertThat(driver.getPageSource()).doesNotContain("13800138000");
        screenshot("agent-panel-zh.png");

        driver.findElement(By.id("lang-toggle")).click();
        waitFor(() -> text("pop-title").equals("Screen pop"));
        assertThat(text("state-badge")).isEqualTo("Ringing");
        screenshot("agent-panel-en.png");

        // the choice is remembered
        driver.navigate().refresh();
        waitFor(() -> visible("pop-body") && text("pop-title").equals("Screen pop"));
        assertThat(text("pop-name")).isEqualTo("张伟");
    }

    @Test
    void unknownCallerPopsAsUnknown() throws Exception {
        signIn("agent1");
        waitFor(() -> visible("state-bar") || visible("seat-login"));
        if (visible("seat-login")) {
            driver.findElement(By.id("seat-login-btn")).click();
        }
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));
        agentState("1001", AgentState.READY, AgentState.RESERVED, "call-77");
        vertx.eventBus().publish(Addresses.CALL_OFFERED, BusJson.encode(new CallOffered("call-77", "1001", "sales",
                "17712345678", null, "4008001234", 5, Map.of(), Instant.now().minusSeconds(5), Instant.now())));
        waitFor(() -> text("pop-number").equals("177****5678"));
        waitFor(() -> text("pop-name").equals("未知客户"));
        assertThat(visible("pop-vip")).isFalse();
        screenshot("agent-panel-unknown-zh.png");
    }

    @Test
    void supervisorSeesQueuesAndAgentsLive() throws Exception {
        waitFor(() -> visible("login-view"));
        screenshot("login-zh.png");
        signIn("supervisor");
        waitFor(() -> visible("sup-view"));
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));
        agentState("1002", AgentState.LOGGED_OUT, AgentState.READY, null);
        agentState("1003", AgentState.READY, AgentState.ON_CALL, "c9");
        vertx.eventBus().publish(Addresses.QUEUE_UPDATED, BusJson.encode(new QueueSnapshot("support", Instant.now(),
                List.of(new QueueSnapshot.WaitingCall("w1", "13912345678", "LI NA", 0, Instant.now().minusSeconds(65), null)),
                65, 1, 1, 2, 12, 1, 0)));
        waitFor(() -> text("sup-queues").contains("support"));
        waitFor(() -> text("sup-agents").contains("1003"));
        assertThat(text("sup-agents")).contains("通话中").contains("示闲");
        assertThat(text("sup-queues")).contains("01:0");
        assertThat(visible("agent-panel")).isFalse();
        screenshot("supervisor-zh.png");
        driver.findElement(By.id("lang-toggle")).click();
        waitFor(() -> text("sup-title").equals("Live view"));
        screenshot("supervisor-en.png");
    }

    @Test
    void panelReconnectsAndResumesWhatItMissed() throws Exception {
        signIn("agent1");
        waitFor(() -> visible("seat-login"));
        driver.findElement(By.id("seat-login-btn")).click();
        waitFor(() -> text("state-badge").equals("示忙"));
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));

        // the web server goes away (restart of a node, network cut): the page shows it is reconnecting
        Router router = restartableRouter;
        int port = server.actualPort();
        await(server.close());
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-retry"));
        assertThat(text("conn")).isEqualTo("重连中…");
        // while it is away the agent's state changes twice; the hub keeps them for the resume
        agentState("1001", AgentState.NOT_READY, AgentState.READY, null);
        agentState("1001", AgentState.READY, AgentState.WRAP_UP, null);
        server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        waitFor(() -> driver.findElement(By.id("conn")).getAttribute("class").contains("conn-live"));
        waitFor(() -> text("state-badge").equals("话后"));
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-resumed")).isEqualTo("true");
        assertThat(driver.findElement(By.id("btn-wrapup")).isEnabled()).isTrue();
        JsonObject debug = await(hub.debugState());
        assertThat(debug.getInteger("links")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    void signIn(String username) {
        waitFor(() -> visible("login-view"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
        waitFor(() -> visible("app-view"));
    }

    boolean visible(String id) {
        List<WebElement> els = driver.findElements(By.id(id));
        return !els.isEmpty() && els.get(0).isDisplayed();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void agentState(String agentId, AgentState from, AgentState to, String callId) {
        AgentStateChanged e = new AgentStateChanged(agentId, from, to, null, callId,
                AGENTS.containsKey(agentId) ? AGENTS.get(agentId).endpoint() : "PJSIP/" + agentId, Instant.now());
        AGENTS.put(agentId, e);
        vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(e));
    }

    /** Just enough of the REST API for the page; the fake core answers agent commands by publishing state changes. */
    static void fakeRest(Router router) {
        Map<String, Principal> users = Map.of("agent1", AGENT1, "supervisor", SUPERVISOR);
        router.post("/api/v1/session").handler(rc -> {
            JsonObject body = rc.body().asJsonObject();
            Principal p = body == null ? null : users.get(body.getString("username"));
            if (p == null || !"demo".equals(body.getString("password"))) {
                error(rc, 401, "bad-credentials", "用户名或密码错误");
                return;
            }
            String token = "tok-" + p.username() + "-" + System.nanoTime();
            AUTH.add(token, p);
            rc.response().addCookie(Cookie.cookie(EventHub.SESSION_COOKIE, token).setHttpOnly(true).setPath("/")
                    .setSameSite(CookieSameSite.STRICT));
            json(rc, new JsonObject().put("user", userJson(p)));
        });
        router.delete("/api/v1/session").handler(rc -> json(rc, new JsonObject().put("ok", true)));
        router.get("/api/v1/me").handler(rc -> {
            Principal p = principal(rc);
            if (p == null) {
                error(rc, 401, "unauthenticated", "not signed in");
                return;
            }
            AgentStateChanged a = p.agentId() == null ? null : AGENTS.get(p.agentId());
            JsonObject agent = p.agentId() == null ? null : new JsonObject().put("agentId", p.agentId())
                    .put("state", a == null ? "LOGGED_OUT" : a.to().name()).put("since", a == null ? null : a.at().toString())
                    .put("reason", a == null ? null : a.reason()).put("endpoint", a == null ? null : a.endpoint())
                    .put("queues", new JsonArray().add("support").add("sales"));
            json(rc, new JsonObject().put("user", userJson(p)).put("agent", agent));
        });
        router.get("/api/v1/not-ready-reasons").handler(rc -> json(rc, new JsonObject().put("reasons", new JsonArray()
                .add(new JsonObject().put("code", "break").put("labelZh", "小休").put("labelEn", "Break"))
                .add(new JsonObject().put("code", "lunch").put("labelZh", "用餐").put("labelEn", "Lunch"))
                .add(new JsonObject().put("code", "training").put("labelZh", "培训").put("labelEn", "Training")))));
        router.get("/api/v1/call-records").handler(rc -> json(rc, new JsonObject().put("callRecords", new JsonArray()
                .add(new JsonObject().put("callId", "c-old-1").put("callerNumber", "139****5678").put("queue", "support")
                        .put("outcome", "ANSWERED").put("startedAt", Instant.now().minusSeconds(3600).toString()).put("talkSeconds", 184))
                .add(new JsonObject().put("callId", "c-old-3").put("callerNumber", "021****0101").put("queue", "sales")
                        .put("outcome", "ABANDONED").put("startedAt", Instant.now().minusSeconds(7200).toString()).put("talkSeconds", 0)))));
        router.post("/api/v1/agents/me/:command").handler(rc -> agentCommand(rc, rc.pathParam("command")));
        router.post("/api/v1/agents/me/wrap-up/end").handler(rc -> agentCommand(rc, "wrap-up-end"));
    }

    static void agentCommand(RoutingContext rc, String command) {
        Principal p = principal(rc);
        if (p == null || p.agentId() == null) {
            error(rc, 401, "unauthenticated", "not signed in");
            return;
        }
        AgentStateChanged cur = AGENTS.get(p.agentId());
        AgentState from = cur == null ? AgentState.LOGGED_OUT : cur.to();
        JsonObject body = rc.body().asJsonObject();
        AgentState to;
        String reason = null;
        String endpoint = cur == null ? null : cur.endpoint();
        switch (command) {
            case "login" -> {
                to = AgentState.NOT_READY;
                reason = "login";
                endpoint = body.getString("endpoint");
            }
            case "ready" -> to = AgentState.READY;
            case "not-ready" -> {
                reason = body.getString("reason");
                if ("training".equals(reason)) {
                    error(rc, 409, "reason-not-allowed", "培训示忙需班长批准");
                    return;
                }
                to = AgentState.NOT_READY;
            }
            case "wrap-up-end" -> to = AgentState.READY;
            case "logout" -> to = AgentState.LOGGED_OUT;
            default -> {
                error(rc, 404, "no-such-command", command);
                return;
            }
        }
        AgentStateChanged e = new AgentStateChanged(p.agentId(), from, to, reason, null, endpoint, Instant.now());
        AGENTS.put(p.agentId(), e);
        vertx.eventBus().publish(Addresses.AGENT_STATE, BusJson.encode(e));
        json(rc, new JsonObject().put("state", to.name()));
    }

    static Principal principal(RoutingContext rc) {
        Cookie c = rc.request().getCookie(EventHub.SESSION_COOKIE);
        return c == null ? null : AUTH.authenticate(c.getValue()).orElse(null);
    }

    static JsonObject userJson(Principal p) {
        return new JsonObject().put("username", p.username()).put("displayName", p.displayName())
                .put("role", p.role().name()).put("agentId", p.agentId()).put("tenant", p.tenant())
                .put("revealNumbers", p.revealNumbers());
    }

    static void json(RoutingContext rc, Object body) {
        rc.response().putHeader("content-type", "application/json; charset=utf-8")
                .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
    }

    static void error(RoutingContext rc, int status, String id, String message) {
        rc.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", id).put("message", message).encode());
    }
}
