package io.zuoxi.web.screenpop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks up the customer behind a phone number for the screen pop. Implemented over the database
 * (runs off the event loop; the stage completes on a worker thread).
 */
public interface CustomerDirectory {

    CompletionStage<Optional<Customer>> findByPhone(String tenant, String phoneNumber);

    /** A known customer with the latest interactions (newest first, at most a handful). */
    record Customer(long id, String name, String company, boolean vip, String notes, List<Interaction> history) {
        public Customer {
            history = List.copyOf(history);
        }
    }

    record Interaction(String callId, Instant at, String queue, String agentId, String outcome, long talkSeconds) {}
}
