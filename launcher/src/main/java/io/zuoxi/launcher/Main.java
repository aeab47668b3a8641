package io.zuoxi.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar zuoxi.jar [--config zuoxi.yaml] [--set key.path=value]...}. Without a config file Zuoxi runs the embedded
 * default: H2 in ./data, a simulated Asterisk generating demo calls, and the web UI on
 * http://127.0.0.1:8080.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path configFile = null;
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file name");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--set" -> {
                    if (i + 1 >= args.length) {
                        usage("--set needs key.path=value");
                    }
                    assignments.add(args[++i]);
                }
                case "--help", "-h" -> usage(null);
                default -> usage("unknown argument " + args[i]);
            }
        }
        JsonObject config;
        try {
            config = ConfigFile.load(configFile, assignments);
            ZuoxiConfig.from(config);
        } catch (IllegalArgumentException e) {
            System.err.println("zuoxi: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }

        Vertx vertx = Vertx.vertx();
        CountDownLatch started = new CountDownLatch(1);
        Zuoxi[] running = new Zuoxi[1];
        Zuoxi.start(vertx, config).onComplete(ar -> {
            if (ar.succeeded()) {
                running[0] = ar.result();
                LOG.info("Zuoxi is up: open http://127.0.0.1:{}/", ar.result().webPort());
            } else {
                LOG.error("Zuoxi failed to start: {}", ar.cause().getMessage(), ar.cause());
            }
            started.countDown();
        });
        started.await();
        if (running[0] == null) {
            vertx.close();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping Zuoxi");
            CountDownLatch stopped = new CountDownLatch(1);
            running[0].stop().eventually(vertx::close).onComplete(ar -> stopped.countDown());
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zuoxi-shutdown"));
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("zuoxi: " + problem);
        }
        System.err.println("usage: java -jar zuoxi.jar [--config zuoxi.yaml] [--set key.path=value]...");
        System.err.println("  without --config: the embedded demo (H2 + simulated Asterisk + web UI on :8080)");
        System.err.println("  --set simulator.kind=freeswitch   the demo on the simulated FreeSWITCH instead");
        System.err.println("  --set web.http.port=9090          any key of docs/configuration.md, applied last");
        System.exit(problem == null ? 0 : 2);
    }
}
