package io.zuoxi.web.persistence;

import java.util.List;

/** The entity classes Hibernate manages; each maps one table of {@code db/<dialect>/V*__*.sql}. */
public final class Entities {

    private Entities() {
    }

    public static final List<Class<?>> ALL = List.of(TenantEntity.class, UserEntity.class, AgentEntity.class,
            QueueEntity.class, NotReadyReasonEntity.class, CustomerEntity.class, CustomerPhoneEntity.class,
            CallRecordEntity.class, CallLegEntity.class, AgentStateHistoryEntity.class);
}
