package org.switchboard.messaging;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transceiver bind to the SMSC, kept up: bound in the background, checked with {@code enquire_link} while
 * quiet, bound again after it drops with a back-off from 1 s doubling to a minute. Thread-safe.
 */
final class SmscLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscLink.class);
    private static final long BIND_TIMEOUT_MS = 10_000;
    private static final long RESPONSE_TIMEOUT_MS = 10_000;
    private static final long FIRST_BACK_OFF_MS = 1_000;
    private static final long LAST_BACK_OFF_MS = 60_000;

    /** What became of one {@code submit_sm}. */
    sealed interface Submit {
        record Accepted(String messageId) implements Submit {}

        /** Refused: {@code temporary} when trying again later may succeed (throttled, queue full, link down). */
        record Refused(boolean temporary, String reason) implements Submit {}
    }

    private final SmsSettings settings;
    private final MessageReceiverListener inbound;
    private final Runnable onBound;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread keeper;
    private @Nullable SMPPSession session;
    private String state = "not bound yet";
    private volatile boolean closed;

    SmscLink(SmsSettings settings, MessageReceiverListener inbound, Runnable onBound) {
        this.settings = settings;
        this.inbound = inbound;
        this.onBound = onBound;
        this.keeper =
                Thread.ofPlatform().name("switchboard-smpp-link").daemon(true).unstarted(this::keepBound);
    }

    void start() {
        keeper.start();
    }

    private void keepBound() {
        long backOffMs = FIRST_BACK_OFF_MS;
        while (!closed) {
            if (awaitUnbound()) {
                return;
            }
            SMPPSession fresh = newSession();
            try {
                fresh.connectAndBind(
                        settings.host(),
                        settings.port(),
                        new BindParameter(
                                BindType.BIND_TRX,
                                settings.systemId(),
                                settings.password(),
                                "",
                                TypeOfNumber.UNKNOWN,
                                NumberingPlanIndicator.UNKNOWN,
                                null),
                        BIND_TIMEOUT_MS);
                changeTo(fresh, "bound to " + settings.host() + ":" + settings.port());
                LOG.info(
                        "SMS: bound to the SMSC at {}:{} as {}", settings.host(), settings.port(), settings.systemId());
                backOffMs = FIRST_BACK_OFF_MS;
                onBound.run();
            } catch (IOException | RuntimeException e) {
                fresh.unbindAndClose();
                changeTo(null, "binding: " + e.getMessage());
                LOG.warn(
                        "SMS: cannot bind to the SMSC at {}:{} ({}); again in {} s",
                        settings.host(),
                        settings.port(),
                        e.getMessage(),
                        backOffMs / 1000);
                sleep(backOffMs);
                backOffMs = Math.min(LAST_BACK_OFF_MS, backOffMs * 2);
            }
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private SMPPSession newSession() {
        CheckedPduReader reader = new CheckedPduReader();
        SMPPSession fresh = new SMPPSession(new org.jsmpp.DefaultPDUSender(), reader, SmscLink::connect);
        fresh.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        fresh.setTransactionTimer(RESPONSE_TIMEOUT_MS);
        fresh.setPduProcessorDegree(Math.max(4, settings.window()));
        fresh.setMessageReceiverListener(reader.guard(inbound));
        fresh.addSessionStateListener((now, before, source) -> {
            if (!now.isBound() && before.isBound()) {
                dropped(fresh, now);
            }
        });
        return fresh;
    }

    /**
     * A TCP connection to the SMSC with Nagle's algorithm off: SMPP is small request/response PDUs, and an answer
     * (deliver_sm_resp) followed at once by a USSD screen (submit_sm) otherwise waits for the SMSC's delayed ACK,
     * 40 ms on Linux (measured: USSD screens over SMPP p99 87 ms with it, see docs/benchmarks.md).
     */
    private static org.jsmpp.session.connection.Connection connect(String host, int port) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return new org.jsmpp.session.connection.socket.SocketConnection(socket);
        } catch (java.io.IOException e) {
            socket.close();
            throw e;
        }
    }

    private void dropped(SMPPSession which, SessionState now) {
        lock.lock();
        try {
            if (session == which) {
                session = null;
                state = "the link dropped (" + now + "); binding again";
                changed.signalAll();
                LOG.warn("SMS: the link to the SMSC dropped ({}); binding again", now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until there is no bound session; true when closed meanwhile. */
    private boolean awaitUnbound() {
        lock.lock();
        try {
            while (!closed && session != null) {
                changed.await(1, TimeUnit.SECONDS);
                SMPPSession current = session;
                if (current != null && !current.getSessionState().isBound()) {
                    session = null;
                }
            }
            return closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void changeTo(@Nullable SMPPSession fresh, String description) {
        lock.lock();
        try {
            session = fresh;
            state = description;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void sleep(long ms) {
        lock.lock();
        try {
            changed.await(ms, TimeUnit.MILLISECONDS); // close() wakes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    boolean isBound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    String describe() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for a bound session; false when there is none by then. */
    boolean awaitBound(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (!closed && session == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return session != null;
        } finally {
            lock.unlock();
        }
    }

    /** Submits one part from {@code source} to {@code destination}; a receipt is asked for on the last part. */
    Submit submit(String source, String destination, SmsText.Part part, boolean last) {
        return submit(
                "",
                source,
                destination,
                part.udh() ? (byte) 0x40 : (byte) 0,
                last ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT,
                part.dataCoding(),
                part.octets());
    }

    /**
     * Submits a USSD screen ({@code service_type} USSD) to {@code destination} with its {@code ussd_service_op} and,
     * when the dialogue has one, its {@code its_session_info}; no receipt.
     */
    Submit submitUssd(
            String source,
            String destination,
            byte dataCoding,
            byte[] octets,
            byte serviceOperation,
            byte @Nullable [] sessionInfo) {
        OptionalParameter op = new OptionalParameter.OctetString(
                OptionalParameter.Tag.USSD_SERVICE_OP.code(), new byte[] {serviceOperation});
        OptionalParameter[] parameters = sessionInfo == null
                ? new OptionalParameter[] {op}
                : new OptionalParameter[] {
                    op, new OptionalParameter.OctetString(OptionalParameter.Tag.ITS_SESSION_INFO.code(), sessionInfo)
                };
        return submit(
                "USSD", source, destination, (byte) 0, SMSCDeliveryReceipt.DEFAULT, dataCoding, octets, parameters);
    }

    private Submit submit(
            String serviceType,
            String source,
            String destination,
            byte esmClass,
            SMSCDeliveryReceipt receipt,
            byte dataCoding,
            byte[] octets,
            OptionalParameter... parameters) {
        SMPPSession current = session;
        if (current == null) {
            return new Submit.Refused(true, "not bound");
        }
        boolean international = destination.startsWith("+");
        try {
            String messageId = current.submitShortMessage(
                            serviceType,
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            source,
                            international ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN,
                            international ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN,
                            international ? destination.substring(1) : destination,
                            new ESMClass(esmClass),
                            (byte) 0,
                            (byte) 0,
                            null,
                            null,
                            new RegisteredDelivery(receipt),
                            (byte) 0,
                            DataCodings.newInstance(dataCoding),
                            (byte) 0,
                            octets,
                            parameters)
                    .getMessageId();
            return new Submit.Accepted(messageId);
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            return new Submit.Refused(
                    temporary(status), "the SMSC refused it: status 0x" + Integer.toHexString(status));
        } catch (ResponseTimeoutException | IOException e) {
            return new Submit.Refused(true, "the link failed: " + e.getMessage());
        } catch (PDUException | InvalidResponseException e) {
            return new Submit.Refused(false, "the message cannot be sent: " + e.getMessage());
        }
    }

    private static boolean temporary(int status) {
        return status == SMPPConstant.STAT_ESME_RTHROTTLED
                || status == SMPPConstant.STAT_ESME_RMSGQFUL
                || status == SMPPConstant.STAT_ESME_RSYSERR;
    }

    @Override
    public void close() {
        closed = true;
        SMPPSession current;
        lock.lock();
        try {
            current = session;
            session = null;
            state = "closed";
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (current != null) {
            current.unbindAndClose();
        }
        keeper.interrupt();
    }
}
