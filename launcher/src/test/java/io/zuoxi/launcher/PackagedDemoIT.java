package io.zuoxi.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command as a user runs it: {@code java -jar launcher/target/zuoxi.jar} in a fresh
 * directory, in its own process, from the shaded jar (class-path differences such as migrations read
 * from inside the jar only show here). Demo traffic is turned up so a call arrives within seconds.
 */
class PackagedDemoIT {

    private static final Pattern UP = Pattern.compile("Zuoxi is up: open http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterisk", "freeswitch"})
    void theDemoJarServesTheUiSeedsTheDemoAndRoutesDemoCallsToAReadyAgent(String kind) throws Exception {
        Path jar = Path.of("target", "zuoxi.jar").toAbsolutePath();
        assertThat(jar).as("mvn package builds it before the integration tests").exists();
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--set", "simulator.kind=" + kind,
                "--set", "web.http.port=0",
                "--set", "simulator.traffic.callsPerMinute=120",
                "--set", "simulator.traffic.patienceMinMs=60000",
                "--set", "simulator.traffic.seed=7")
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "zuoxi-output");
        reader.setDaemon(true);
        reader.start();

        try {
            exercise(kind);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- zuoxi output ---\n" + String.join("\n", output), e);
        }
    }

    private void exercise(String kind) {
        int port = Stack.eventually(() -> {
            assertThat(process.isAlive()).as("zuoxi exited").isTrue();
            return output.stream().map(UP::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)))
                    .findFirst().orElse(null);
        }, WITHIN, "zuoxi never said it was up");
        assertThat(Files.exists(workDir.resolve("data"))).as("H2 lives in ./data of the working directory").isTrue();

        WebClient http = WebClient.create(vertx);
        HttpResponse<Buffer> page = Stack.await(http.get(port, "127.0.0.1", "/").send());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("<html").contains("app.js");

        String token = Stack.await(http.post(port, "127.0.0.1", "/api/v1/session")
                .sendJsonObject(new JsonObject().put("username", "agent1").put("password", "demo")))
                .bodyAsJsonObject().getString("token");
        JsonObject me = Stack.await(http.get(port, "127.0.0.1", "/api/v1/me").bearerTokenAuthentication(token).send())
                .bodyAsJsonObject();
        String device = ("freeswitch".equals(kind) ? "user/" : "PJSIP/") + "1001";
        assertThat(me.getJsonObject("seat").getString("defaultEndpoint")).isEqualTo(device);

        // the panel's two buttons, with the suggested device
        for (String path : List.of("/api/v1/agents/me/login", "/api/v1/agents/me/ready")) {
            HttpResponse<Buffer> r = Stack.await(http.post(port, "127.0.0.1", path).bearerTokenAuthentication(token)
                    .sendJsonObject(new JsonObject()));
            assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
        }
        // a demo call is routed to the agent and the demo phone answers it
        Stack.eventually(() -> {
            JsonObject agent = Stack.await(http.get(port, "127.0.0.1", "/api/v1/me").bearerTokenAuthentication(token)
                    .send()).bodyAsJsonObject().getJsonObject("agent");
            return "ON_CALL".equals(agent.getString("state")) ? agent : null;
        }, WITHIN, "the agent never got a demo call");
        assertThat(output).noneMatch(l -> l.contains(" ERROR "));
    }
}
