package io.zuoxi.ami.connection;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Locale;

/**
 * asterisk-java's connection with two hooks Zuoxi needs.
 *
 * <p><b>Backlog / drop detection.</b> asterisk-java 3.41.0 reads on one thread and hands each
 * event to {@code AsyncEventPump}, a {@code LinkedBlockingQueue(20000)} drained by a second
 * thread that calls the listeners. When that queue is full, {@code dispatchEvent} logs
 * "Event queue is full, not processing ManagerEvent" and the event is LOST (no counter, no
 * callback). The pump calls {@link #dispatchEvent} with {@code requiredHandlingTime =
 * 500 / queue.size()} (integer division), so a value of 0 means more than 500 events are waiting:
 * the only way to reach the 20000 drop limit. We flag that as "events may have been lost" and
 * ask for a resync when the backlog has drained (the next event with a non-zero value).
 *
 * <p><b>Hand-off and fallback UserEvents.</b> asterisk-java drops any UserEvent without a registered
 * class, and derives the name from the class name; the event names are configurable, so the classes
 * are registered under those names on the reader's EventBuilderImpl (public method, private field).
 */
final class ZuoxiManagerConnection extends ManagerConnectionImpl {

    private static final Logger LOG = LoggerFactory.getLogger(ZuoxiManagerConnection.class);

    /** Called from asterisk-java's pump thread: must be trivial and must not block. */
    interface BacklogListener {
        void backlogStarted();

        void backlogDrained();
    }

    private final BacklogListener backlog;
    private volatile boolean inBacklog;

    ZuoxiManagerConnection(String host, int port, String username, String secret, String handoffEvent,
                           String fallbackEvent, BacklogListener backlog) {
        this.backlog = backlog;
        setHostname(host);
        setPort(port);
        setUsername(username);
        setPassword(secret);
        // Zuoxi owns reconnects (own back-off, fresh connection object, resync); the library's
        // fixed-interval reconnect thread is stopped with logoff() when a disconnect is seen.
        setKeepAliveAfterAuthenticationFailure(false);
        // creates the reader (and its EventBuilder) so the configured name can be added to it
        registerUserEventClass(HandoffUserEvent.class);
        registerUserEventName(handoffEvent, HandoffUserEvent.class);
        registerUserEventName(fallbackEvent, FallbackUserEvent.class);
    }

    /** Reflection: MCI.reader (private) -> ManagerReaderImpl.eventBuilder (private) -> registerEventClass(String, Class) (public). */
    private void registerUserEventName(String name, Class<? extends UserEvent> type) {
        try {
            Field readerField = ManagerConnectionImpl.class.getDeclaredField("reader");
            readerField.setAccessible(true);
            Object reader = readerField.get(this);
            Field f = ManagerReaderImpl.class.getDeclaredField("eventBuilder");
            f.setAccessible(true);
            Object builder = f.get(reader);
            java.lang.reflect.Method register = builder.getClass().getMethod("registerEventClass", String.class,
                    Class.class);
            register.setAccessible(true); // the class is package-private, the method public
            register.invoke(builder, "userevent" + name.toLowerCase(Locale.ENGLISH), type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.error("cannot register the UserEvent '{}' with asterisk-java; these events will be missed", name, e);
        }
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
        if (requiredHandlingTime != null) {
            if (requiredHandlingTime == 0) {
                if (!inBacklog) {
                    inBacklog = true;
                    backlog.backlogStarted();
                }
            } else if (inBacklog) {
                inBacklog = false;
                backlog.backlogDrained();
            }
        }
        super.dispatchEvent(event, requiredHandlingTime);
    }
}
