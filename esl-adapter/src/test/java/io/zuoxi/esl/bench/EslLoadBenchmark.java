package io.zuoxi.esl.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.zuoxi.core.bus.Addresses;
import io.zuoxi.core.bus.CoreConfig;
import io.zuoxi.core.bus.CtiCoreVerticle;
import io.zuoxi.esl.EslAdapterVerticle;
import io.zuoxi.esl.EslConfig;
import io.zuoxi.esl.codec.EslEvent;
import io.zuoxi.esl.codec.EslFrame;
import io.zuoxi.esl.codec.EslFrameDecoder;
import io.zuoxi.esl.codec.FixtureTranscripts;
import io.zuoxi.esl.translate.EslEventTranslator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness (not a unit test): replays the recorded mix of text/event-plain frames from the
 * FreeSWITCH 1.10 fixtures over loopback TCP, many times over.
 *
 * <ol>
 * <li>decoder: a Vert.x NetClient feeds every chunk to {@link EslFrameDecoder}; target ≥ 120,000
 *     events/s; then the same with every event's headers parsed too ({@link EslEvent#parse});</li>
 * <li>adapter: the real {@link EslAdapterVerticle} (auth handshake, subscription, resync,
 *     decode, translate, BusJson encode, event-bus publish) against a server that then blasts the
 *     same mix (fresh channel ids every pass); a bus consumer counts the PbxEvents; none may be lost
 *     (the PbxEvent count must equal the offline translation of the same bytes);</li>
 * <li>whole path: the same plus the real {@link CtiCoreVerticle} (call tracking, agents, queues)
 *     processing every PbxEvent; target ≥ 50,000 ESL events/s, none lost.</li>
 * </ol>
 * Each stage runs on the recorded mix ({@code event plain ALL} traffic) and on the subscribed event
 * types only.
 * Rerun: see docs/benchmarks.md (ESL section).
 */
public final class EslLoadBenchmark {

    private static final List<String> MIX = List.of("b_inbound_wait_uuid_bridge_agent_hangup",
            "c_callcenter_queue_support", "d_outbound_dialer_results", "e_eavesdrop_whisper_barge", "f_record_hold",
            "g_transfers_blind_attended", "h_dtmf_ivr");

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Buffer mix = Buffer.buffer();
        Buffer subscribed = Buffer.buffer();
        int eventsPerMix = 0;
        int subscribedPerMix = 0;
        EslEventTranslator filter = new EslEventTranslator("x", "zuoxi::call_waiting", "support", Clock.systemUTC());
        for (String name : MIX) {
            List<byte[]> frames = eventFrames(FixtureTranscripts.recv(name));
            for (byte[] f : frames) {
                mix.appendBytes(f);
                String event = new String(f, StandardCharsets.ISO_8859_1);
                int at = event.indexOf("\n\nEvent-Name: ") + 14;
                if (filter.handles(event.substring(at, event.indexOf('\n', at)))) {
                    subscribed.appendBytes(f);
                    subscribedPerMix++;
                }
            }
            eventsPerMix += frames.size();
        }
        long expectedEvents = (long) eventsPerMix * repeats;
        long expectedPbxEvents = offlinePbxEvents(mix.getBytes()) * repeats;
        System.out.printf("mix: %d plain events, %d bytes; %d repeats = %d events, %.1f MB%n", eventsPerMix,
                mix.length(), repeats, expectedEvents, mix.length() * (double) repeats / 1e6);

        // Every pass gets its own channel and call ids (same length, so every Content-Length stays right):
        // the call tracking sees new calls each pass, as in production, not the same 30 calls again.
        List<Buffer> mixPasses = uniqueIdsPerPass(mix, repeats);
        int subRepeats = repeats * 4;
        List<Buffer> subscribedPasses = uniqueIdsPerPass(subscribed, subRepeats);
        long subEvents = (long) subscribedPerMix * subRepeats;
        long subPbx = offlinePbxEvents(subscribed.getBytes()) * subRepeats;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zuoxi"))
                .setLevel(ch.qos.logback.classic.Level.WARN); // thousands of calls per second: see docs/benchmarks.md

        Vertx vertx = Vertx.vertx();
        try {
            for (int run = 1; run <= 3; run++) {
                decoderRun(vertx, List.of(mix), repeats, expectedEvents, run, false);
            }
            for (int run = 1; run <= 3; run++) {
                decoderRun(vertx, List.of(mix), repeats, expectedEvents, run, true);
            }
            for (int run = 1; run <= 3; run++) {
                adapterRun(vertx, mixPasses, expectedEvents, expectedPbxEvents, run, false);
            }
            for (int run = 1; run <= 3; run++) {
                adapterRun(vertx, mixPasses, expectedEvents, expectedPbxEvents, run, true);
            }
            // what Zuoxi really receives: only the subscribed event types, every one parsed and translated
            System.out.printf("subscribed-only mix: %d events, %d bytes; %d repeats = %d events%n", subscribedPerMix,
                    subscribed.length(), subRepeats, subEvents);
            for (int run = 4; run <= 6; run++) {
                adapterRun(vertx, subscribedPasses, subEvents, subPbx, run, false);
            }
            for (int run = 4; run <= 6; run++) {
                adapterRun(vertx, subscribedPasses, subEvents, subPbx, run, true);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void decoderRun(Vertx vertx, List<Buffer> passes, int repeats, long expected, int run, boolean parse)
            throws Exception {
        NetServer server = blaster(vertx, passes, repeats, false);
        int port = await(server.listen(0, "127.0.0.1")).actualPort();
        AtomicLong events = new AtomicLong();
        Promise<Long> done = Promise.promise();
        long[] start = new long[1];
        var client = vertx.createNetClient(); // referenced until the run ends: Vert.x 5 closes collected clients
        vertx.getOrCreateContext().runOnContext(v -> client.connect(port, "127.0.0.1").onSuccess(s -> {
            start[0] = System.nanoTime();
            EslFrameDecoder decoder = new EslFrameDecoder(64 * 1024, 8 << 20, f -> {
                if (parse && EslEvent.parse(f).name().isEmpty()) {
                    throw new IllegalStateException();
                }
                if (events.incrementAndGet() == expected) {
                    done.tryComplete(System.nanoTime() - start[0]);
                }
            });
            s.handler(decoder::feed);
        }));
        long nanos = await(done.future());
        await(client.close());
        report(parse ? "decoder + event parse" : "decoder (framing)", run, events.get(), expected, nanos, 0, 0);
        await(server.close());
    }

    /**
     * The adapter publishing on the bus; with {@code core}, also the real {@link CtiCoreVerticle} consuming
     * every PbxEvent (call tracking, agent and queue engines) and the run ends when the core has processed
     * them all.
     */
    private static void adapterRun(Vertx vertx, List<Buffer> passes, long expected, long expectedPbx, int run,
                                   boolean core) throws Exception {
        NetServer server = blaster(vertx, passes, passes.size(), true);
        int port = await(server.listen(0, "127.0.0.1")).actualPort();
        String coreDeployment = core ? await(vertx.deployVerticle(new CtiCoreVerticle(CoreConfig.defaults()))) : null;
        long processedBefore = core ? coreEventsProcessed(vertx) : 0;
        AtomicLong pbxEvents = new AtomicLong();
        Promise<Long> published = Promise.promise();
        long[] start = {0};
        String id = "bench-" + run + (core ? "-core" : "");
        var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.PBX_EVENTS, m -> {
            String type = m.body().getString("type");
            if (type.equals("PbxSynced")) {
                start[0] = System.nanoTime();
                return;
            }
            if (type.equals("PbxConnected")) {
                return;
            }
            if (pbxEvents.incrementAndGet() == expectedPbx) {
                published.tryComplete(System.nanoTime() - start[0]);
            }
        });
        await(consumer.completion());
        EslConfig config = EslConfig.fromJson(new JsonObject().put("id", id).put("port", port).put("password", "bench"));
        String deployment = await(vertx.deployVerticle(new EslAdapterVerticle(config)));
        long nanos = await(published.future(), 300);
        long processed = 0;
        if (core) {
            // PbxConnected + PbxSynced + the stream; the core runs on its own context and may trail the consumer
            long want = processedBefore + 2 + expectedPbx;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((processed = coreEventsProcessed(vertx)) < want && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            nanos = System.nanoTime() - start[0];
            processed -= processedBefore + 2;
        }
        report(core ? "adapter + cti-core call tracking" : "adapter (decode + translate + bus publish)", run,
                expected, expected, nanos, core ? processed : pbxEvents.get(), expectedPbx);
        await(vertx.undeploy(deployment));
        if (coreDeployment != null) {
            await(vertx.undeploy(coreDeployment));
        }
        await(consumer.unregister());
        await(server.close());
    }

    private static long coreEventsProcessed(Vertx vertx) throws Exception {
        JsonObject snapshot = await(vertx.eventBus().<JsonObject>request(Addresses.CORE_SNAPSHOT, new JsonObject())).body();
        return snapshot.getJsonObject("counters").getLong("eventsProcessed");
    }

    /** One copy of the mix per pass, each with its own UUIDs (fresh random ones, same length). */
    private static List<Buffer> uniqueIdsPerPass(Buffer mix, int passes) {
        String text = mix.toString(StandardCharsets.ISO_8859_1);
        Matcher m = UUID_PATTERN.matcher(text);
        List<int[]> spans = new ArrayList<>();
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        List<Integer> idOfSpan = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            idOfSpan.add(ids.computeIfAbsent(m.group(), k -> ids.size()));
        }
        byte[] template = mix.getBytes();
        List<Buffer> out = new ArrayList<>(passes);
        for (int p = 0; p < passes; p++) {
            byte[] copy = template.clone();
            byte[][] fresh = new byte[ids.size()][];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            }
            for (int i = 0; i < spans.size(); i++) {
                System.arraycopy(fresh[idOfSpan.get(i)], 0, copy, spans.get(i)[0], 36);
            }
            out.add(Buffer.buffer(copy));
        }
        return out;
    }

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * Server side: optionally the ESL handshake (auth, event, api replies with an empty channel
     * list), then the mix {@code repeats} times, written with back-pressure.
     */
    private static NetServer blaster(Vertx vertx, List<Buffer> passes, int repeats, boolean handshake) {
        return vertx.createNetServer().connectHandler(s -> {
            if (!handshake) {
                blast(s, passes, repeats);
                return;
            }
            StringBuilder in = new StringBuilder();
            s.handler(b -> {
                in.append(b.toString(StandardCharsets.UTF_8));
                int end;
                while ((end = in.indexOf("\n\n")) >= 0) {
                    String cmd = in.substring(0, end);
                    in.delete(0, end + 2);
                    if (cmd.startsWith("auth ") || cmd.startsWith("event ")) {
                        s.write("Content-Type: command/reply\nReply-Text: +OK\n\n");
                    } else if (cmd.startsWith("api show")) {
                        api(s, "{\"row_count\":0}\n");
                    } else if (cmd.startsWith("api version")) {
                        api(s, "FreeSWITCH Version bench\n");
                        // the resync follows the version; start the stream once it is answered
                        vertx.setTimer(200, t -> blast(s, passes, repeats));
                    } else {
                        api(s, "-ERR unexpected\n");
                    }
                }
            });
            s.write("Content-Type: auth/request\n\n");
        });
    }

    private static void api(NetSocket s, String body) {
        s.write("Content-Type: api/response\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n"
                + body);
    }

    /** Writes {@code repeats} passes (cycling through {@code passes}) with back-pressure. */
    private static void blast(NetSocket s, List<Buffer> passes, int repeats) {
        int[] left = {repeats};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (left[0] > 0 && !s.writeQueueFull()) {
                s.write(passes.get((repeats - left[0]) % passes.size()));
                left[0]--;
            }
            if (left[0] > 0) {
                s.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    private static List<byte[]> eventFrames(byte[] raw) {
        List<byte[]> out = new ArrayList<>();
        EslFrameDecoder d = new EslFrameDecoder(64 * 1024, 8 << 20, f -> {
            if (f.contentType().equals(EslFrame.EVENT_PLAIN)) {
                byte[] head = ("Content-Length: " + f.body().length + "\nContent-Type: text/event-plain\n\n")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] all = new byte[head.length + f.body().length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(f.body(), 0, all, head.length, f.body().length);
                out.add(all);
            }
        });
        d.feed(raw);
        return out;
    }

    private static long offlinePbxEvents(byte[] mix) {
        EslEventTranslator t = new EslEventTranslator("x", "zuoxi::call_waiting", "support", Clock.systemUTC());
        long[] n = {0};
        new EslFrameDecoder(64 * 1024, 8 << 20, f -> n[0] += t.translate(EslEvent.parse(f)).size()).feed(mix);
        return n[0];
    }

    private static void report(String what, int run, long events, long expected, long nanos, long pbx, long expectedPbx) {
        double secs = nanos / 1e9;
        System.out.printf("%-45s run %d: %,d events in %.3f s = %,.0f events/s%s%s%n", what, run, events, secs,
                events / secs, pbx > 0 ? String.format(", %,d PbxEvents (expected %,d)", pbx, expectedPbx) : "",
                events == expected && pbx == expectedPbx ? ", none lost" : ", LOST EVENTS");
    }

    private static <T> T await(Future<T> f) throws Exception {
        return await(f, 30);
    }

    private static <T> T await(Future<T> f, int seconds) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
