package io.zuoxi.web.screenpop;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zuoxi.core.call.CallOffered;
import io.zuoxi.web.auth.NumberMasking;
import io.zuoxi.web.auth.Principal;
import io.zuoxi.web.screenpop.CustomerDirectory.Customer;
import io.zuoxi.web.screenpop.CustomerDirectory.Interaction;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link CallOffered} into the {@code screen.pop} payload (来电弹屏) for the agent whose phone
 * rings, and runs the customer lookup so that the pop never waits on the database for long: the pop
 * goes out with the customer if the directory answers within the grace period, otherwise at once
 * without it ({@code customerStatus: "pending"}) and a {@code screen.pop.update} follows.
 */
public final class ScreenPopBuilder {

    /** The customer record was found. */
    public static final String FOUND = "found";
    /** The directory knows no customer with this number (未知客户). */
    public static final String UNKNOWN = "unknown";
    /** The lookup is still running; a screen.pop.update follows. */
    public static final String PENDING = "pending";
    /** The lookup failed or timed out; the pop stays without customer. */
    public static final String UNAVAILABLE = "unavailable";

    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopBuilder.class);

    private final CustomerDirectory customers;

    public ScreenPopBuilder(CustomerDirectory customers) {
        this.customers = customers;
    }

    /**
     * The screen.pop payload as {@code viewer} may see it: numbers masked unless the viewer may reveal
     * them (one policy, {@link NumberMasking}).
     *
     * @param customer the customer, or {@code null} when unknown / not (yet) available
     * @param customerStatus one of {@link #FOUND}, {@link #UNKNOWN}, {@link #PENDING}, {@link #UNAVAILABLE}
     */
    public static JsonObject pop(Principal viewer, CallOffered offer, Customer customer, String customerStatus) {
        JsonObject attached = new JsonObject();
        // sorted so the panel shows attached data in a stable order
        new TreeMap<>(offer.attachedData()).forEach(attached::put);
        return new JsonObject()
                .put("callId", offer.callId())
                .put("agentId", offer.agentId())
                .put("queue", offer.queue())
                .put("callerNumber", NumberMasking.apply(viewer, offer.callerNumber()))
                .put("callerName", offer.callerName())
                .put("calledNumber", NumberMasking.apply(viewer, offer.calledNumber()))
                .put("waitSeconds", offer.waitSeconds())
                .put("attachedData", attached)
                .put("enqueuedAt", offer.enqueuedAt() == null ? null : offer.enqueuedAt().toString())
                .put("offeredAt", offer.offeredAt() == null ? null : offer.offeredAt().toString())
                .put("customer", customer == null ? null : customer(customer))
                .put("customerStatus", customerStatus);
    }

    /** The screen.pop.update payload sent when the customer lookup finishes after the pop went out. */
    public static JsonObject update(String callId, Customer customer, String customerStatus) {
        return new JsonObject()
                .put("callId", callId)
                .put("customer", customer == null ? null : customer(customer))
                .put("customerStatus", customerStatus);
    }

    public static JsonObject customer(Customer c) {
        JsonArray history = new JsonArray();
        for (Interaction i : c.history()) {
            history.add(new JsonObject()
                    .put("callId", i.callId())
                    .put("at", i.at() == null ? null : i.at().toString())
                    .put("queue", i.queue())
                    .put("agentId", i.agentId())
                    .put("outcome", i.outcome())
                    .put("talkSeconds", i.talkSeconds()));
        }
        return new JsonObject()
                .put("id", c.id())
                .put("name", c.name())
                .put("company", c.company())
                .put("vip", c.vip())
                .put("notes", c.notes())
                .put("history", history);
    }

    /** The outcome of a lookup, delivered on the caller's context. */
    public record Lookup(Customer customer, String status) {}

    /**
     * Looks the caller up, never on the event loop (the directory call itself runs on a worker, in
     * case an implementation blocks). {@code pop} is called exactly once: with the result if it comes
     * within {@code graceMillis}, else at the grace deadline with {@link #PENDING}; in that case
     * {@code update} is called once more with the final status (found/unknown, or unavailable after
     * {@code timeoutMillis}). Callbacks run on {@code context}.
     */
    public void lookup(Vertx vertx, Context context, String tenant, String number, long graceMillis, long timeoutMillis,
                       Consumer<Lookup> pop, Consumer<Lookup> update) {
        AtomicBoolean graceOver = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        if (number == null || number.isBlank()) {
            context.runOnContext(v -> pop.accept(new Lookup(null, UNKNOWN)));
            return;
        }
        Consumer<Lookup> finish = result -> context.runOnContext(v -> {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (graceOver.get()) {
                update.accept(result);
            } else {
                graceOver.set(true);
                pop.accept(result);
            }
        });
        context.runOnContext(v -> {
            vertx.setTimer(Math.max(1, graceMillis), t -> {
                if (!finished.get() && graceOver.compareAndSet(false, true)) {
                    pop.accept(new Lookup(null, PENDING));
                }
            });
            vertx.setTimer(Math.max(1, timeoutMillis), t -> {
                if (!finished.get()) {
                    LOG.warn("customer lookup for call pop timed out after {} ms", timeoutMillis);
                    finish.accept(new Lookup(null, UNAVAILABLE));
                }
            });
        });
        vertx.<CompletionStage<Optional<Customer>>>executeBlocking(() -> customers.findByPhone(tenant, number), false)
                .compose(stage -> io.vertx.core.Future.fromCompletionStage(stage))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        Optional<Customer> c = ar.result();
                        finish.accept(c != null && c.isPresent() ? new Lookup(c.get(), FOUND) : new Lookup(null, UNKNOWN));
                    } else {
                        LOG.warn("customer lookup failed: {}", ar.cause().toString());
                        finish.accept(new Lookup(null, UNAVAILABLE));
                    }
                });
    }
}
