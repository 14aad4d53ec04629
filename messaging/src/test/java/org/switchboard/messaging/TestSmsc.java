package org.switchboard.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC on loopback for the tests, built with jsmpp's server side: it takes transceiver binds with one system id
 * and password, records every {@code submit_sm} it accepts (numbering them), delivers messages and receipts to the
 * bound ESME, and drops the link on request.
 */
final class TestSmsc implements AutoCloseable {

    static final String SYSTEM_ID = "switchboard";
    static final String PASSWORD = "secret";

    /** One accepted submit_sm. */
    record Submitted(
            String messageId,
            String source,
            String destination,
            byte dataCoding,
            byte esmClass,
            byte[] octets,
            byte registeredDelivery,
            String serviceType,
            byte[] ussdServiceOp,
            byte[] sessionInfo) {}

    final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger binds = new AtomicInteger();
    final AtomicInteger refusedBinds = new AtomicInteger();
    final AtomicInteger refusedSubmits = new AtomicInteger();
    private final SMPPServerSessionListener listener;
    private final Thread acceptor;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile SMPPServerSession session;
    private volatile int refuseSubmitsWith;
    private volatile boolean refuseBinds;
    /** When set, every accepted submit gets this receipt at once, as fast SMSCs send a failure. */
    private volatile DeliveryReceiptState receiptAtOnce;

    private TestSmsc(int port) throws IOException {
        listener = new SMPPServerSessionListener(port);
        // room for a test's flood (256 USSD screens at once): past jsmpp's default of 100 queued PDUs it refuses
        // submits ESME_RTHROTTLED by itself, which a test did not ask for (refusedSubmits does that on purpose)
        listener.setQueueCapacity(1_024);
        listener.setMessageReceiverListener(new Receiver());
        acceptor = Thread.ofPlatform().name("test-smsc").daemon(true).unstarted(this::acceptLoop);
        acceptor.start();
    }

    static TestSmsc start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        return new TestSmsc(port);
    }

    int port() {
        return listener.getPort();
    }

    private void acceptLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                SMPPServerSession accepted = listener.accept();
                BindRequest bind = accepted.waitForBind(5_000);
                if (!refuseBinds && SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
                    bind.accept(SYSTEM_ID);
                    session = accepted;
                    binds.incrementAndGet();
                } else {
                    refusedBinds.incrementAndGet();
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                }
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** Waits for a bound ESME (the {@code n}th bind). */
    void awaitBinds(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (binds.get() < n || session == null || !session.getSessionState().isBound()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the ESME did not bind " + n + " times");
            }
            Thread.sleep(20);
        }
    }

    /** A subscriber's message to the short number; returns when the ESME answered (throws on a refusal). */
    void deliver(String from, byte dataCoding, byte esmClass, byte[] octets) throws Exception {
        session.deliverShortMessage(
                "",
                TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN,
                from,
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                "111",
                new ESMClass(esmClass),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(0),
                DataCodings.newInstance(dataCoding),
                octets);
    }

    /** A subscriber's USSD turn: service type USSD, its ussd_service_op and its_session_info (null: none). */
    void deliverUssd(String from, byte operation, byte[] sessionInfo, byte dataCoding, byte[] octets) throws Exception {
        deliverUssd(from, "*111#", operation, sessionInfo, dataCoding, octets);
    }

    /** A subscriber's USSD turn to the code {@code to}. */
    void deliverUssd(String from, String to, byte operation, byte[] sessionInfo, byte dataCoding, byte[] octets)
            throws Exception {
        OptionalParameter op =
                new OptionalParameter.OctetString(OptionalParameter.Tag.USSD_SERVICE_OP.code(), new byte[] {operation});
        OptionalParameter[] parameters = sessionInfo == null
                ? new OptionalParameter[] {op}
                : new OptionalParameter[] {
                    op, new OptionalParameter.OctetString(OptionalParameter.Tag.ITS_SESSION_INFO.code(), sessionInfo)
                };
        session.deliverShortMessage(
                "USSD",
                TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN,
                from,
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                to,
                new ESMClass((byte) 0),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(0),
                DataCodings.newInstance(dataCoding),
                octets,
                parameters);
    }

    private static byte[] value(OptionalParameter parameter) {
        if (parameter == null) {
            return new byte[0];
        }
        byte[] whole = parameter.serialize();
        return java.util.Arrays.copyOfRange(whole, 4, whole.length);
    }

    /** Every accepted submit gets a receipt in {@code state} at once (null: none). */
    void receiptsAtOnce(DeliveryReceiptState state) {
        receiptAtOnce = state;
    }

    /** The delivery receipt of an accepted submit. */
    void receipt(Submitted submit, DeliveryReceiptState state) throws Exception {
        DeliveryReceipt receipt = new DeliveryReceipt(
                submit.messageId(),
                1,
                state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                new Date(),
                new Date(),
                state,
                state == DeliveryReceiptState.DELIVRD ? "000" : "001",
                "");
        session.deliverShortMessage(
                "",
                TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN,
                submit.destination(),
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                submit.source(),
                new ESMClass((byte) 0x04),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(0),
                DataCodings.ZERO,
                receipt.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Drops the link the way a crashing SMSC would: the socket closes without an unbind. */
    void dropLink() {
        SMPPServerSession current = session;
        session = null;
        if (current != null) {
            current.close();
        }
    }

    /** Refuses every further bind (false: accept again), as an SMSC that is being restarted would. */
    void refuseBinds(boolean refuse) {
        refuseBinds = refuse;
    }

    /** Refuses every further submit with {@code status} (0: accept again). */
    void refuseSubmits(int status) {
        refuseSubmitsWith = status;
    }

    /** Waits until {@code n} submits were refused. */
    void awaitRefusedSubmits(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (refusedSubmits.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + refusedSubmits.get() + " of " + n + " submits were refused");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code n} submits were accepted. */
    List<Submitted> awaitSubmitted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (submitted.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + submitted.size() + " of " + n + " submits came: " + submitted);
            }
            Thread.sleep(20);
        }
        return new ArrayList<>(submitted);
    }

    @Override
    public void close() throws IOException {
        acceptor.interrupt();
        dropLink();
        listener.close();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            if (refuseSubmitsWith != 0) {
                refusedSubmits.incrementAndGet();
                throw new ProcessRequestException("refused", refuseSubmitsWith);
            }
            String id = Integer.toHexString(0xa000 + ids.incrementAndGet());
            submitted.add(new Submitted(
                    id,
                    sm.getSourceAddr(),
                    sm.getDestAddress(),
                    sm.getDataCoding(),
                    sm.getEsmClass(),
                    sm.getShortMessage(),
                    sm.getRegisteredDelivery(),
                    sm.getServiceType() == null ? "" : sm.getServiceType(),
                    value(sm.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP)),
                    value(sm.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO))));
            DeliveryReceiptState atOnce = receiptAtOnce;
            if (atOnce != null) {
                Submitted accepted = submitted.getLast();
                Thread.ofVirtual().start(() -> {
                    try {
                        receipt(accepted, atOnce);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm sm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm sm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm sm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
