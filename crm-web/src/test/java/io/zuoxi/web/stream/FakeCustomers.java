package io.zuoxi.web.stream;

import io.zuoxi.web.screenpop.CustomerDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Customers by tenant + number; numbers listed in {@code slow} answer only when the test completes them. */
public final class FakeCustomers implements CustomerDirectory {

    private final Map<String, Customer> byKey = new ConcurrentHashMap<>();
    public final Map<String, CompletableFuture<Optional<Customer>>> slow = new ConcurrentHashMap<>();
    public final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();

    public FakeCustomers add(String tenant, String phone, Customer customer) {
        byKey.put(tenant + "/" + phone, customer);
        return this;
    }

    public Optional<Customer> get(String tenant, String phone) {
        return Optional.ofNullable(byKey.get(tenant + "/" + phone));
    }

    @Override
    public CompletionStage<Optional<Customer>> findByPhone(String tenant, String phoneNumber) {
        RuntimeException failure = failing.get(phoneNumber);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<Optional<Customer>> pending = slow.get(phoneNumber);
        if (pending != null) {
            return pending;
        }
        return CompletableFuture.completedFuture(get(tenant, phoneNumber));
    }
}
