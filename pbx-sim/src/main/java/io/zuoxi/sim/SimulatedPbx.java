package io.zuoxi.sim;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * A simulated PBX that speaks a real PBX's protocol over real TCP (AMI for Asterisk, ESL for
 * FreeSWITCH), with frames shaped like the recorded transcripts. It backs the embedded demo and
 * the integration tests, and integrators can run it in their own CI.
 *
 * <p>Model: callers arrive in the hand-off context (as the dialplan include in
 * {@code ivr-dialplans} would put them) and wait on music; agent devices are simulated phones
 * that react to an originate as their {@link PhoneBehaviour} says. All methods are safe to call
 * from any thread.
 */
public interface SimulatedPbx {

    /** Starts listening on the configured host/port; completes with the bound port. */
    Future<Integer> start();

    Future<Void> stop();

    /** The bound port (after {@link #start()}). */
    int port();

    /**
     * A caller dials in and is handed to Zuoxi: the PBX emits the channel events and the hand-off
     * event with queue, priority and attached data. Returns the caller leg id (Asterisk Uniqueid,
     * FreeSWITCH Unique-ID) of the leg Zuoxi should bridge.
     */
    String placeInboundCall(InboundCall call);

    /** Hangs a live leg up from the PBX side (caller gives up, phone hangs up). False if unknown. */
    boolean hangup(String legId);

    /**
     * The caller's maximum wait is over: the hand-off dialplan takes it back for its fallback and says
     * so (Asterisk UserEvent {@code ZuoxiCallFallback}, FreeSWITCH CUSTOM {@code zuoxi::call_fallback},
     * reason {@code timeout}); the caller stays on the line (voicemail, goodbye message) until
     * {@link #hangup}. False if the leg is unknown.
     */
    boolean fallBack(String legId);

    /** How the simulated device at {@code endpoint} (e.g. {@code PJSIP/1001}) reacts to being rung. */
    void setPhone(String endpoint, PhoneBehaviour behaviour);

    /** Ids of the live legs. */
    List<String> liveLegs();

    /** Id of the leg the given leg is bridged with, or null. */
    String bridgedWith(String legId);

    /** Abruptly closes every client connection (the PBX restarted or the network dropped); live calls go on. */
    void dropConnections();

    /** Writes raw bytes to every logged-in client, for malformed-input tests. */
    void injectRaw(String data);

    /** Number of client connections currently logged in. */
    int loggedInClients();

    /** A caller that dials in. {@code priority}: larger first, 0 normal. */
    record InboundCall(String callerNumber, String callerName, String dialedNumber, String queue, int priority,
                       Map<String, String> attachedData) {
        public InboundCall {
            attachedData = Map.copyOf(attachedData);
        }
    }
}
