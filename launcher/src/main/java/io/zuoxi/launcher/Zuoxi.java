package io.zuoxi.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.ami.AmiAdapterVerticle;
import io.zuoxi.ami.AmiConfig;
import io.zuoxi.core.bus.CoreConfig;
import io.zuoxi.core.bus.CtiCoreVerticle;
import io.zuoxi.esl.EslAdapterVerticle;
import io.zuoxi.esl.EslConfig;
import io.zuoxi.sim.DemoTraffic;
import io.zuoxi.sim.SimulatedPbx;
import io.zuoxi.sim.asterisk.SimulatedAsterisk;
import io.zuoxi.sim.asterisk.SimulatedAsteriskConfig;
import io.zuoxi.sim.freeswitch.SimulatedFreeswitch;
import io.zuoxi.sim.freeswitch.SimulatedFreeswitchConfig;
import io.zuoxi.web.WebConfig;
import io.zuoxi.web.WebVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A running Zuoxi: the simulated PBX (when enabled), the engines, one adapter per PBX and the web
 * tier, deployed in that order so that every part finds what it talks to. Used by {@link Main}
 * and by the end-to-end tests.
 */
public final class Zuoxi {

    private static final Logger LOG = LoggerFactory.getLogger(Zuoxi.class);

    private final Vertx vertx;
    private final List<String> deployments = new ArrayList<>();
    private SimulatedPbx simulator;
    private DemoTraffic traffic;
    private WebVerticle web;

    private Zuoxi(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Validates the config, then starts everything; fails (and undeploys what started) on the first error. */
    public static Future<Zuoxi> start(Vertx vertx, JsonObject rawConfig) {
        ZuoxiConfig config;
        try {
            config = ZuoxiConfig.from(rawConfig);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Zuoxi zuoxi = new Zuoxi(vertx);
        return zuoxi.deploy(config)
                .map(v -> zuoxi)
                .recover(err -> zuoxi.stop().transform(ignored -> Future.failedFuture(err)));
    }

    private Future<Void> deploy(ZuoxiConfig config) {
        List<ZuoxiConfig.Pbx> pbxs = new ArrayList<>(config.pbxs());
        Future<Void> chain = Future.succeededFuture();
        if (config.simulator() != null) {
            chain = startSimulator(config, pbxs);
        }
        JsonObject webSettings = config.web().copy();
        JsonArray pbxIds = new JsonArray();
        pbxs.forEach(p -> pbxIds.add(p.id()));
        webSettings.put("pbxIds", pbxIds);
        // The demo seats log in on the simulated PBX (else the first configured one) with its kind of device.
        ZuoxiConfig.Pbx demoPbx = config.simulator() != null
                ? pbxs.stream().filter(p -> p.id().equals(config.simulator().serves())).findFirst().orElseThrow()
                : pbxs.get(0);
        if (!webSettings.containsKey("demoPbx")) {
            webSettings.put("demoPbx", demoPbx.id());
        }
        if (!webSettings.containsKey("demoDevicePrefix")) {
            webSettings.put("demoDevicePrefix", demoPbx.kind().devicePrefix());
        }

        return chain
                .compose(v -> deployVerticle(new CtiCoreVerticle(CoreConfig.fromJson(config.core())), "cti-core"))
                .compose(v -> {
                    Future<Void> adapters = Future.succeededFuture();
                    for (ZuoxiConfig.Pbx pbx : pbxs) {
                        adapters = adapters.compose(x -> switch (pbx.kind()) {
                            case ASTERISK -> deployVerticle(new AmiAdapterVerticle(AmiConfig.fromJson(pbx.settings())),
                                    "ami-adapter " + pbx.id());
                            case FREESWITCH -> deployVerticle(new EslAdapterVerticle(EslConfig.fromJson(pbx.settings())),
                                    "esl-adapter " + pbx.id());
                        });
                    }
                    return adapters;
                })
                .compose(v -> {
                    web = new WebVerticle(WebConfig.fromJson(webSettings));
                    return deployVerticle(web, "crm-web");
                })
                .compose(v -> {
                    if (traffic != null) {
                        traffic.start();
                    }
                    return Future.<Void>succeededFuture();
                });
    }

    /**
     * Starts the simulated PBX with fresh random credentials and points the pbx entry it serves at
     * it: no password is ever shipped as a default, not even for the demo.
     */
    private Future<Void> startSimulator(ZuoxiConfig config, List<ZuoxiConfig.Pbx> pbxs) {
        ZuoxiConfig.Simulator sim = config.simulator();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        JsonObject simSettings = sim.settings().copy();
        int index = -1;
        for (int i = 0; i < pbxs.size(); i++) {
            if (pbxs.get(i).id().equals(sim.serves())) {
                index = i;
            }
        }
        ZuoxiConfig.Pbx served = pbxs.get(index);
        JsonObject adapter = served.settings().copy();
        if (sim.kind() == ZuoxiConfig.PbxKind.ASTERISK) {
            String user = adapter.getString("username", "zuoxi");
            simSettings.put("username", user).put("secret", secret);
            adapter.put("username", user).put("secret", secret);
            simulator = new SimulatedAsterisk(vertx, SimulatedAsteriskConfig.fromJson(simSettings));
        } else {
            simSettings.put("password", secret);
            adapter.put("password", secret);
            simulator = new SimulatedFreeswitch(vertx, SimulatedFreeswitchConfig.fromJson(simSettings));
        }
        int finalIndex = index;
        return simulator.start().map(port -> {
            adapter.put("host", "127.0.0.1").put("port", port);
            pbxs.set(finalIndex, new ZuoxiConfig.Pbx(served.id(), served.kind(), adapter));
            LOG.info("simulated {} for pbx '{}' listening on 127.0.0.1:{}", sim.kind().key(), served.id(), port);
            if (config.demoTrafficEnabled()) {
                traffic = new DemoTraffic(vertx, simulator, config.demoTraffic());
            }
            return null;
        });
    }

    private Future<Void> deployVerticle(io.vertx.core.Deployable verticle, String name) {
        return vertx.deployVerticle(verticle)
                .onSuccess(id -> {
                    deployments.add(id);
                    LOG.info("started {}", name);
                })
                .recover(err -> Future.failedFuture(new IllegalStateException(name + " failed to start: "
                        + err.getMessage(), err)))
                .mapEmpty();
    }

    /** The simulated PBX, or null when a real PBX is configured. */
    public SimulatedPbx simulator() {
        return simulator;
    }

    /** The port the web tier listens on. */
    public int webPort() {
        return web.actualPort();
    }

    public Future<Void> stop() {
        if (traffic != null) {
            traffic.stop();
        }
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> vertx.undeploy(id).recover(err -> Future.succeededFuture()));
        }
        deployments.clear();
        if (simulator != null) {
            SimulatedPbx sim = simulator;
            chain = chain.compose(v -> sim.stop().recover(err -> Future.succeededFuture()));
        }
        return chain;
    }
}
