package io.zuoxi.sim.asterisk;

import java.util.ArrayList;
import java.util.List;

/** A basic two-party bridge made by the Bridge action. Owned by the simulator's context. */
final class SimBridge {

    final String uniqueid;
    final List<SimChannel> members = new ArrayList<>(2);

    SimBridge(String uniqueid) {
        this.uniqueid = uniqueid;
    }

    SimChannel other(SimChannel ch) {
        for (SimChannel m : members) {
            if (m != ch) {
                return m;
            }
        }
        return null;
    }
}
