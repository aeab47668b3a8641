package io.zuoxi.sim.freeswitch;

import java.time.Duration;

/**
 * Settings of a {@link SimulatedFreeswitch}.
 *
 * @param host            listen address (default 127.0.0.1)
 * @param port            listen port; 0 = ephemeral (default)
 * @param password        event socket password clients must send with {@code auth}; required
 * @param handoffSubclass CUSTOM subclass of the hand-off event (default {@code zuoxi::call_waiting})
 * @param defaultRing     ring time of a device that has no {@code setPhone} behaviour; such devices
 *                        ({@code user/1001..user/1004} and any other {@code user/…}) answer after it
 */
public record SimulatedFreeswitchConfig(String host, int port, String password, String handoffSubclass,
                                        Duration defaultRing) {

    public SimulatedFreeswitchConfig {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        if (host == null || host.isBlank()) {
            host = "127.0.0.1";
        }
        if (handoffSubclass == null || handoffSubclass.isBlank()) {
            handoffSubclass = "zuoxi::call_waiting";
        }
        if (defaultRing == null) {
            defaultRing = Duration.ofMillis(500);
        }
    }

    /** 127.0.0.1, ephemeral port, zuoxi::call_waiting, devices answer after 500 ms. */
    public static SimulatedFreeswitchConfig defaults(String password) {
        return new SimulatedFreeswitchConfig("127.0.0.1", 0, password, "zuoxi::call_waiting", Duration.ofMillis(500));
    }

    @Override
    public String toString() {
        return "SimulatedFreeswitchConfig[" + host + ":" + port + ", password=***]";
    }
}
