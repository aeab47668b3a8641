package io.zuoxi.web.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 示忙原因, labelled in both UI languages. */
@Entity
@Table(name = "not_ready_reasons")
public class NotReadyReasonEntity {
    @Id
    @Column(name = "code", length = 64)
    public String code;
    @Column(name = "label_zh", nullable = false, length = 100)
    public String labelZh;
    @Column(name = "label_en", nullable = false, length = 100)
    public String labelEn;
}
