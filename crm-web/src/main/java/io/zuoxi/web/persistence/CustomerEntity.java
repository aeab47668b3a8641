package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 客户. */
@Entity
@Table(name = "customers")
public class CustomerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant", nullable = false, length = 64)
    public String tenant;
    @Column(name = "name", nullable = false, length = 200)
    public String name;
    @Column(name = "company", length = 200)
    public String company;
    @Column(name = "vip", nullable = false)
    public boolean vip;
    @Column(name = "notes", length = 4000)
    public String notes;
}
