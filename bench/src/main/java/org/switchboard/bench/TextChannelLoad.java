package org.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
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
import org.jsmpp.util.MessageId;

/**
 * Load on the text channels of a started server, from the network's side. Three modes:
 *
 * <ul>
 *   <li>{@code sms}: an SMSC (jsmpp's server side) the server binds to delivers subscribers' texts to the short number
 *       from {@code --window} senders at once, as fast as the server answers; each {@code deliver_sm_resp} comes only
 *       once the message is durable in a contact, so acknowledged messages per second is the durable inbound rate;
 *   <li>{@code ussd-smpp}: the same SMSC runs {@code --sessions} USSD dialogues at once (dial {@code *111#}, think,
 *       press 1 for the balance, think, again), one number each, and times each screen from the subscriber's
 *       {@code deliver_sm} to the server's {@code submit_sm} carrying the answer;
 *   <li>{@code ussd-http}: the same dialogues through the HTTP USSD gateway ({@code POST /api/v1/ussd}), timed per
 *       request.
 * </ul>
 *
 * <p>Numbers are {@code --first} (default +79121000000, the first line {@code demo-data} makes) onwards, so the
 * dialogues read real subscribers. Reported after {@code --warmup} seconds over {@code --seconds}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.TextChannelLoad --mode sms --smpp-port 2775 \
 *      --url http://127.0.0.1:8080 --token "$(cat data/admin-token)" --window 32 --seconds 20 --warmup 10
 * </pre>
 */
public final class TextChannelLoad {

    private static final byte PSSR_INDICATION = 1;
    private static final byte USSR_CONFIRM = 18;
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final Recorder latency = new Recorder(3);
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, CompletableFuture<SubmitSm>> awaited = new ConcurrentHashMap<>();
    private final AtomicLong submitIds = new AtomicLong();
    private volatile boolean running = true;
    private final long firstNumber;

    private TextChannelLoad(long firstNumber) {
        this.firstNumber = firstNumber;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ApiLoad.options(args);
        String mode = options.getOrDefault("mode", "sms");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        TextChannelLoad load = new TextChannelLoad(
                Long.parseLong(options.getOrDefault("first", "+79121000000").replace("+", "")));
        List<Thread> workers = switch (mode) {
            case "sms" -> load.sms(bound(options), Integer.parseInt(options.getOrDefault("window", "32")));
            case "ussd-smpp" -> load.ussdOverSmpp(bound(options), options);
            case "ussd-http" -> load.ussdOverHttp(options);
            default -> throw new IllegalArgumentException("--mode is sms, ussd-smpp or ussd-http");
        };
        Thread.sleep(warmup * 1000L);
        HostProcess server = serverProcess(options);
        load.latency.reset();
        long doneBefore = load.done.get();
        long failedBefore = load.failed.get();
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram measured = load.latency.getIntervalHistogram();
        long count = load.done.get() - doneBefore;
        long failures = load.failed.get() - failedBefore;
        double cpu = server == null ? Double.NaN : (server.cpuSeconds() - cpuBefore) / elapsed;
        load.running = false;
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        System.out.printf(
                "%s: %.0f/s answered (%d in %.1f s), %d failed; latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f;"
                        + " server CPU %.2f cores%n",
                mode,
                count / elapsed,
                count,
                elapsed,
                failures,
                measured.getValueAtPercentile(50) / 1000.0,
                measured.getValueAtPercentile(90) / 1000.0,
                measured.getValueAtPercentile(99) / 1000.0,
                measured.getMaxValue() / 1000.0,
                cpu);
        System.exit(0);
    }

    /** The server's process for its CPU: {@code --pid}, or the first line of {@code --pid-file}; null for none. */
    private static HostProcess serverProcess(Map<String, String> options) throws IOException {
        if (options.containsKey("pid")) {
            return new HostProcess(options.get("pid"));
        }
        if (options.containsKey("pid-file")) {
            return new HostProcess(java.nio.file.Files.readAllLines(java.nio.file.Path.of(options.get("pid-file")))
                    .getFirst()
                    .strip());
        }
        return null;
    }

    private String number(int index) {
        return Long.toString(firstNumber + index);
    }

    // ------------------------------------------------------------------ the SMSC

    /** Waits (2 minutes at most) for the server's transceiver bind on {@code --smpp-port}; accepts any credentials. */
    private static SMPPServerSession bound(Map<String, String> options) throws Exception {
        int port = Integer.parseInt(options.getOrDefault("smpp-port", "2775"));
        SMPPServerSessionListener listener = new SMPPServerSessionListener(port, new NoDelayListener());
        listener.setTimeout(120_000);
        listener.setPduProcessorDegree(16);
        System.out.printf("waiting for the server's bind on port %d%n", port);
        SMPPServerSession session = listener.accept();
        BindRequest bind = session.waitForBind(10_000);
        if (bind.getBindType() != BindType.BIND_TRX) {
            throw new IOException("expected a transceiver bind, got " + bind.getBindType());
        }
        bind.accept("bench-smsc");
        AtomicLong ids = new AtomicLong();
        session.setMessageReceiverListener(new BenchSmscReceiver(submit ->
                new SubmitSmResult(new MessageId(Long.toHexString(ids.incrementAndGet())), new OptionalParameter[0])));
        System.out.printf("bound by %s%n", bind.getSystemId());
        return session;
    }

    /** {@code window} senders deliver texts back to back, each waiting for its durable acknowledgement. */
    private List<Thread> sms(SMPPServerSession session, int window) {
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < window; w++) {
            int sender = w;
            workers.add(Thread.ofPlatform().daemon(true).start(() -> {
                int i = 0;
                while (running) {
                    String from = number(sender * 10_000 + (i++ % 10_000));
                    long startNanos = System.nanoTime();
                    try {
                        session.deliverShortMessage(
                                "",
                                TypeOfNumber.INTERNATIONAL,
                                NumberingPlanIndicator.ISDN,
                                from,
                                TypeOfNumber.UNKNOWN,
                                NumberingPlanIndicator.UNKNOWN,
                                "111",
                                new ESMClass(0),
                                (byte) 0,
                                (byte) 0,
                                new RegisteredDelivery(0),
                                DataCodings.ZERO,
                                ("Internet is slow today, message " + i).getBytes(StandardCharsets.US_ASCII));
                        latency.recordValue((System.nanoTime() - startNanos) / 1000);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        return workers;
    }

    /** Dialogues over SMPP: each screen is timed from the subscriber's turn to the server's submit_sm. */
    private List<Thread> ussdOverSmpp(SMPPServerSession session, Map<String, String> options) {
        session.setMessageReceiverListener(new BenchSmscReceiver(submit -> {
            CompletableFuture<SubmitSm> waiting = awaited.remove(submit.getDestAddress());
            if (waiting != null) {
                waiting.complete(submit);
            }
            return new SubmitSmResult(
                    new MessageId(Long.toHexString(submitIds.incrementAndGet())), new OptionalParameter[0]);
        }));
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "500"));
        long thinkMs = Long.parseLong(options.getOrDefault("think-ms", "2000"));
        List<Thread> workers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String msisdn = number(s);
            byte reference = (byte) s;
            workers.add(Thread.ofVirtual().start(() -> {
                sleep((long) (Math.random() * thinkMs * 2)); // spread the sessions' starts
                while (running) {
                    if (!ussdTurn(session, msisdn, PSSR_INDICATION, new byte[] {reference, 0}, "*111#")) {
                        sleep(thinkMs);
                        continue;
                    }
                    sleep(thinkMs);
                    ussdTurn(session, msisdn, USSR_CONFIRM, new byte[] {reference, 2}, "1");
                    sleep(thinkMs);
                }
            }));
        }
        return workers;
    }

    private boolean ussdTurn(SMPPServerSession session, String msisdn, byte operation, byte[] info, String text) {
        CompletableFuture<SubmitSm> answer = new CompletableFuture<>();
        awaited.put(msisdn, answer);
        long startNanos = System.nanoTime();
        try {
            session.deliverShortMessage(
                    "USSD",
                    TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN,
                    msisdn,
                    TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN,
                    "*111#",
                    new ESMClass(0),
                    (byte) 0,
                    (byte) 0,
                    new RegisteredDelivery(0),
                    DataCodings.ZERO,
                    text.getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.OctetString(
                            OptionalParameter.Tag.USSD_SERVICE_OP.code(), new byte[] {operation}),
                    new OptionalParameter.OctetString(OptionalParameter.Tag.ITS_SESSION_INFO.code(), info));
            answer.get(5, TimeUnit.SECONDS);
            latency.recordValue((System.nanoTime() - startNanos) / 1000);
            done.incrementAndGet();
            return true;
        } catch (Exception e) {
            awaited.remove(msisdn, answer);
            failed.incrementAndGet();
            return false;
        }
    }

    // ------------------------------------------------------------------ the HTTP USSD gateway

    private List<Thread> ussdOverHttp(Map<String, String> options) throws Exception {
        String url = options.getOrDefault("url", "http://127.0.0.1:8080");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String channel = channelToken(http, url, options.get("token"));
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "500"));
        long thinkMs = Long.parseLong(options.getOrDefault("think-ms", "2000"));
        AtomicLong ids = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String msisdn = "+" + number(s);
            workers.add(Thread.ofVirtual().start(() -> {
                sleep((long) (Math.random() * thinkMs * 2));
                while (running) {
                    String id = "bench-" + ids.incrementAndGet();
                    if (httpTurn(http, url, channel, id, msisdn, "").startsWith("CON")) {
                        sleep(thinkMs);
                        httpTurn(http, url, channel, id, msisdn, "1");
                    }
                    sleep(thinkMs);
                }
            }));
        }
        return workers;
    }

    private String httpTurn(HttpClient http, String url, String token, String id, String msisdn, String text) {
        String form = "sessionId=" + id + "&serviceCode=" + URLEncoder.encode("*111#", StandardCharsets.UTF_8)
                + "&phoneNumber=" + URLEncoder.encode(msisdn, StandardCharsets.UTF_8) + "&text=" + text;
        long startNanos = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/ussd"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failed.incrementAndGet();
                return "";
            }
            latency.recordValue((System.nanoTime() - startNanos) / 1000);
            done.incrementAndGet();
            return response.body();
        } catch (IOException e) {
            failed.incrementAndGet();
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A channel user's token: the HTTP USSD gateway is a channel, not staff. */
    private static String channelToken(HttpClient http, String url, String admin) throws Exception {
        HttpResponse<String> made = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/users"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"ussd-bench-" + System.nanoTime() + "\",\"role\":\"channel\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(made.body());
        if (made.statusCode() != 201 || !token.find()) {
            throw new IOException("a channel user could not be made: " + made.statusCode() + " " + made.body());
        }
        return token.group(1);
    }

    /** Accepts connections with Nagle's algorithm off, as an SMSC built for latency does. */
    private static final class NoDelayListener implements org.jsmpp.session.connection.ServerConnectionFactory {
        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout, int backlog)
                throws IOException {
            java.net.ServerSocket socket = new java.net.ServerSocket(port, backlog);
            socket.setSoTimeout(timeout);
            return new org.jsmpp.session.connection.socket.ServerSocketConnection(socket) {
                @Override
                public org.jsmpp.session.connection.Connection accept() throws IOException {
                    java.net.Socket accepted = socket.accept();
                    accepted.setTcpNoDelay(true);
                    return new org.jsmpp.session.connection.socket.SocketConnection(accepted);
                }
            };
        }
    }

    /** Takes every submit_sm through {@code submits}; refuses every other request an ESME might make. */
    private record BenchSmscReceiver(SubmitHandler submits) implements ServerMessageReceiverListener {

        interface SubmitHandler {
            SubmitSmResult accept(SubmitSm submit) throws PDUStringException;
        }

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            try {
                return submits.accept(sm);
            } catch (PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw refused();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm sm, SMPPServerSession source) throws ProcessRequestException {
            throw refused();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm sm, SMPPServerSession source) throws ProcessRequestException {
            throw refused();
        }

        @Override
        public void onAcceptCancelSm(CancelSm sm, SMPPServerSession source) throws ProcessRequestException {
            throw refused();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw refused();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw refused();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm sm, SMPPServerSession source)
                throws ProcessRequestException {
            throw refused();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw refused();
        }

        private static ProcessRequestException refused() {
            return new ProcessRequestException("not taken", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
