package io.zuoxi.sim;

import io.vertx.core.Vertx;
import io.zuoxi.sim.SimulatedPbx.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo call traffic for any {@link SimulatedPbx}: callers arrive at random (Poisson, {@code callsPerMinute}),
 * spread over queues by weight, some of them demo customers, with attached data (order number, language,
 * IVR menu choice); callers not bridged within their patience hang up; the demo agent phones answer after
 * a short ring and hang up after a random talk time.
 *
 * <pre>{@code
 * DemoTraffic traffic = new DemoTraffic(vertx, pbx, DemoTrafficConfig.fromJson(json));
 * traffic.start();   // after pbx.start() has completed
 * ...
 * traffic.stop();    // stops new arrivals; calls in progress run to their end
 * }</pre>
 *
 * <p>Timers run on Vert.x; the simulator's methods are thread-safe, so no context is shared with it.
 */
public final class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    /** The demo customers of the brief; the screen pop finds them in the demo CRM data. */
    record Customer(String number, String name, boolean vip) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("13800138000", "张伟", true),
            new Customer("13912345678", "李娜", false),
            new Customer("02155550101", "上海贸易有限公司", false),
            new Customer("4930123456", "Customer One", false));

    private final Vertx vertx;
    private final SimulatedPbx pbx;
    private final DemoTrafficConfig config;
    private final Random random;
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private volatile boolean running;
    private volatile long arrivalTimer = -1;

    public DemoTraffic(Vertx vertx, SimulatedPbx pbx, DemoTrafficConfig config) {
        this.vertx = vertx;
        this.pbx = pbx;
        this.config = config;
        this.random = config.seed() == 0 ? new Random() : new Random(config.seed());
    }

    /** Starts arrivals and sets the demo phones' behaviour. Idempotent. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        refreshPhones();
        scheduleNext();
        log.info("demo traffic started: {} calls/min over {}", config.callsPerMinute(), config.queueWeights());
    }

    /** Stops new arrivals; calls in progress run to their end. */
    public synchronized void stop() {
        running = false;
        if (arrivalTimer != -1) {
            vertx.cancelTimer(arrivalTimer);
            arrivalTimer = -1;
        }
    }

    public boolean running() {
        return running;
    }

    /** Calls placed since start. */
    public long callsPlaced() {
        return placed.get();
    }

    /** Callers who gave up before being bridged. */
    public long callsAbandoned() {
        return abandoned.get();
    }

    /** Places one call now (also used by the demo's "place a call" button and by tests); returns the leg id. */
    public synchronized String placeOne() {
        InboundCall call = nextCall(random, config);
        String leg = pbx.placeInboundCall(call);
        placed.incrementAndGet();
        long patience = between(random, config.patienceMin(), config.patienceMax());
        vertx.setTimer(Math.max(1, patience), t -> {
            if (pbx.liveLegs().contains(leg) && pbx.bridgedWith(leg) == null && pbx.hangup(leg)) {
                abandoned.incrementAndGet();
            }
        });
        refreshPhones();
        return leg;
    }

    private synchronized void scheduleNext() {
        if (!running || config.callsPerMinute() <= 0) {
            return;
        }
        arrivalTimer = vertx.setTimer(Math.max(1, nextGapMs(random, config.callsPerMinute())), t -> {
            synchronized (this) {
                if (!running) {
                    return;
                }
                try {
                    placeOne();
                } catch (RuntimeException e) {
                    log.warn("demo call not placed: {}", e.toString());
                }
                scheduleNext();
            }
        });
    }

    /** Phones have one behaviour each; drawing new ring and talk times per arrival keeps calls varied. */
    private void refreshPhones() {
        for (String ep : config.agentEndpoints()) {
            pbx.setPhone(ep, PhoneBehaviour.answerAndHangUp(
                    Duration.ofMillis(between(random, config.answerMin(), config.answerMax())),
                    Duration.ofMillis(between(random, config.talkMin(), config.talkMax()))));
        }
    }

    // ---------------------------------------------------------------------------------------- pure parts

    /** Exponential gap of a Poisson arrival process with the given rate. */
    static long nextGapMs(Random random, double callsPerMinute) {
        double meanMs = 60_000.0 / callsPerMinute;
        return Math.round(-meanMs * Math.log(1.0 - random.nextDouble()));
    }

    static long between(Random random, Duration min, Duration max) {
        long lo = min.toMillis();
        long hi = max.toMillis();
        return hi <= lo ? lo : lo + (long) (random.nextDouble() * (hi - lo + 1));
    }

    static String pickQueue(Random random, Map<String, Integer> weights) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("weights changed");
    }

    static InboundCall nextCall(Random random, DemoTrafficConfig config) {
        String number;
        String name;
        int priority = 0;
        if (random.nextDouble() < config.knownCallerShare()) {
            Customer c = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            number = c.number();
            name = c.name();
            priority = c.vip() ? 10 : 0;
        } else {
            number = random.nextBoolean()
                    ? "1" + (30 + random.nextInt(70)) + String.format("%08d", random.nextInt(100_000_000))
                    : "0" + (10 + random.nextInt(90)) + String.format("%08d", random.nextInt(100_000_000));
            name = "";
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("lang", random.nextDouble() < 0.7 ? "zh" : "en");
        data.put("ivr", Integer.toString(1 + random.nextInt(4)));
        if (random.nextDouble() < 0.6) {
            data.put("order", "ORD" + String.format("%06d", random.nextInt(1_000_000)));
        }
        return new InboundCall(number, name, config.dialedNumber(), pickQueue(random, config.queueWeights()),
                priority, data);
    }
}
