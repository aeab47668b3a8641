package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's phone number in {@link PhoneNumbers#normalise normal form}; unique per tenant. */
@Entity
@Table(name = "customer_phones")
public class CustomerPhoneEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant", nullable = false, length = 64)
    public String tenant;
    @Column(name = "customer_id", nullable = false)
    public long customerId;
    @Column(name = "phone_number", nullable = false, length = 32)
    public String number;
}
