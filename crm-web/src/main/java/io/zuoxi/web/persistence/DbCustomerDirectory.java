package io.zuoxi.web.persistence;

import io.zuoxi.web.screenpop.CustomerDirectory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Customer lookup for the screen pop, by normalised phone number, with the latest 5 calls. */
public final class DbCustomerDirectory implements CustomerDirectory {

    private static final int HISTORY = 5;

    private final Database db;

    public DbCustomerDirectory(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Optional<Customer>> findByPhone(String tenant, String phoneNumber) {
        String number = PhoneNumbers.normalise(phoneNumber);
        return db.tx(s -> {
            if (number == null || number.isEmpty()) {
                return Optional.<Customer>empty();
            }
            List<CustomerPhoneEntity> phones = s.createSelectionQuery(
                            "from CustomerPhoneEntity where tenant = :t and number = :n", CustomerPhoneEntity.class)
                    .setParameter("t", tenant).setParameter("n", number).getResultList();
            if (phones.isEmpty()) {
                return Optional.<Customer>empty();
            }
            CustomerEntity c = s.find(CustomerEntity.class, phones.get(0).customerId);
            if (c == null) {
                return Optional.<Customer>empty();
            }
            List<Interaction> history = s.createSelectionQuery(
                            "from CallRecordEntity where tenant = :t and callerNumber in (:numbers) "
                                    + "order by startedAt desc, id desc", CallRecordEntity.class)
                    .setParameter("t", tenant)
                    .setParameterList("numbers", List.of(number, "+86" + number, "0086" + number, phoneNumber))
                    .setMaxResults(HISTORY).getResultList().stream()
                    .map(r -> new Interaction(r.callId, r.startedAt != null ? r.startedAt : r.endedAt, r.queue,
                            r.agentId, r.outcome, r.talkSeconds))
                    .toList();
            return Optional.of(new Customer(c.id, c.name, c.company, c.vip, c.notes, history));
        }).toCompletionStage();
    }
}
