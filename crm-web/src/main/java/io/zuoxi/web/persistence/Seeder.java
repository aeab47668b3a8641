package io.zuoxi.web.persistence;

import io.zuoxi.web.auth.PasswordHasher;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Demo data (only in demo mode) and the first admin account (never a default password). */
public final class Seeder {

    private static final Logger log = LoggerFactory.getLogger(Seeder.class);
    public static final String DEMO_TENANT = "demo";

    private Seeder() {
    }

    /** The demo seats (agent id, queues). */
    private static final String[][] SEATS = {{"1001", "support,sales"}, {"1002", "support,sales"}, {"1003", "support"},
            {"1004", "sales"}};

    /**
     * Seeds tenant "demo" once; returns false if it already existed. Either way the demo seats' default
     * PBX and device follow {@code pbx} / {@code devicePrefix}, so switching the demo between the simulated
     * Asterisk and FreeSWITCH keeps the suggested device right. Blocking: run on a worker.
     */
    public static boolean seedDemo(Session s, String pbx, String devicePrefix) {
        if (s.find(TenantEntity.class, DEMO_TENANT) != null) {
            for (String[] seat : SEATS) {
                AgentEntity a = s.find(AgentEntity.class, seat[0]);
                if (a != null && DEMO_TENANT.equals(a.tenant)) {
                    a.defaultPbx = pbx;
                    a.defaultEndpoint = devicePrefix + seat[0];
                }
            }
            return false;
        }
        s.persist(new TenantEntity(DEMO_TENANT, "Demo 演示"));
        queue(s, "support", "技术支持");
        queue(s, "sales", "销售");
        String[][] seats = SEATS;
        for (int i = 0; i < seats.length; i++) {
            AgentEntity a = new AgentEntity();
            a.agentId = seats[i][0];
            a.tenant = DEMO_TENANT;
            a.name = "坐席 " + seats[i][0];
            a.defaultPbx = pbx;
            a.defaultEndpoint = devicePrefix + seats[i][0];
            a.queues.addAll(List.of(seats[i][1].split(",")));
            s.persist(a);
            user(s, DEMO_TENANT, "agent" + (i + 1), "Agent " + (i + 1) + " 坐席" + (i + 1), "AGENT", seats[i][0], false, "demo");
        }
        user(s, DEMO_TENANT, "supervisor", "Supervisor 班长", "SUPERVISOR", null, true, "demo");
        user(s, DEMO_TENANT, "admin", "Admin 管理员", "ADMIN", null, true, "demo");
        customer(s, "张伟", null, true, "VIP customer", "13800138000");
        customer(s, "李娜", null, false, null, "13912345678");
        customer(s, "上海贸易有限公司 / Shanghai Trading Co.", "上海贸易有限公司", false, null, "02155550101");
        customer(s, "Customer One", null, false, null, "4930123456");
        log.info("demo data seeded (tenant demo, users agent1..agent4, supervisor, admin)");
        return true;
    }

    /** Creates "admin" with a random password, logged once at WARN, when no admin exists. */
    public static void ensureAdmin(Session s) {
        Long admins = s.createSelectionQuery("select count(u) from UserEntity u where u.role = 'ADMIN'", Long.class)
                .getSingleResult();
        if (admins > 0) {
            return;
        }
        List<TenantEntity> tenants = s.createSelectionQuery("from TenantEntity order by id", TenantEntity.class)
                .getResultList();
        String tenant;
        if (tenants.isEmpty()) {
            s.persist(new TenantEntity("default", "Default"));
            tenant = "default";
        } else {
            tenant = tenants.get(0).id;
        }
        String password = PasswordHasher.randomPassword();
        user(s, tenant, "admin", "Administrator", "ADMIN", null, true, password);
        log.warn("created user \"admin\" in tenant {} with the one-time password {} — change it; it is not shown again",
                tenant, password);
    }

    public static void queue(Session s, String name, String displayName) {
        QueueEntity q = new QueueEntity();
        q.name = name;
        q.tenant = DEMO_TENANT;
        q.displayName = displayName;
        q.ringTimeoutSeconds = 20;
        q.wrapUpSeconds = 10;
        q.serviceLevelSeconds = 20;
        q.strategy = "longest-idle";
        s.persist(q);
    }

    public static UserEntity user(Session s, String tenant, String username, String displayName, String role,
                                  String agentId, boolean reveal, String password) {
        PasswordHasher.Hash h = PasswordHasher.hash(password);
        UserEntity u = new UserEntity();
        u.tenant = tenant;
        u.username = username;
        u.displayName = displayName;
        u.role = role;
        u.agentId = agentId;
        u.revealNumbers = reveal;
        u.passwordHash = h.hash();
        u.passwordSalt = h.salt();
        u.passwordIterations = h.iterations();
        s.persist(u);
        return u;
    }

    private static void customer(Session s, String name, String company, boolean vip, String notes, String phone) {
        CustomerEntity c = new CustomerEntity();
        c.tenant = DEMO_TENANT;
        c.name = name;
        c.company = company;
        c.vip = vip;
        c.notes = notes;
        s.persist(c);
        s.flush();
        CustomerPhoneEntity p = new CustomerPhoneEntity();
        p.tenant = DEMO_TENANT;
        p.customerId = c.id;
        p.number = PhoneNumbers.normalise(phone);
        s.persist(p);
    }
}
