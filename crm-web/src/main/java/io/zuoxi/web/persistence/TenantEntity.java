package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 租户. */
@Entity
@Table(name = "tenants")
public class TenantEntity {
    @Id
    @Column(name = "id", length = 64)
    public String id;
    @Column(name = "name", nullable = false, length = 200)
    public String name;

    public TenantEntity() {
    }

    public TenantEntity(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
