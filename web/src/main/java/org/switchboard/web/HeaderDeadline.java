package org.switchboard.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 connections whose request line and headers must arrive within {@code headerTimeoutMs} of the request's
 * first byte; a client that is not done by then has its connection closed.
 *
 * <p>Why: Jetty's idle timeout restarts with every byte, so a client sending its headers one byte every few seconds
 * (slowloris) holds a connection, its buffers and a slot of the operating system's accept budget for as long as it
 * likes; Jetty 12 has no setting that bounds the time to receive the headers. The time between two requests on a
 * kept-alive connection is not counted here: that is the idle timeout's business.
 *
 * <p>How: after each read the connection looks at its parser; once part of a request has arrived and the headers
 * are not complete, a deadline is scheduled on the connector's scheduler, and cancelled when the parser reports the
 * headers complete. Reads and parsing of one connection are serialized by Jetty; the deadline fires on the scheduler
 * thread and checks, through a volatile generation number, that it is still the pending one.
 */
final class HeaderDeadline extends HttpConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long headerTimeoutMs;

    HeaderDeadline(HttpConfiguration configuration, long headerTimeoutMs) {
        super(configuration);
        this.headerTimeoutMs = headerTimeoutMs;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        var connection = new DeadlineConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private final class DeadlineConnection extends HttpConnection {

        private final Scheduler scheduler;
        private long generation; // touched only while Jetty reads and parses this connection
        private Scheduler.@Nullable Task deadline;
        private volatile long pending; // generation of the scheduled deadline, 0 when none

        DeadlineConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
            this.scheduler = connector.getScheduler();
        }

        @Override
        public void onFillable() {
            long bytesBefore = getBytesIn();
            long requestsBefore = getMessagesIn();
            super.onFillable();
            HttpParser parser = getParser();
            boolean partOfARequest = !parser.isStart()
                    || getMessagesIn() == requestsBefore && getBytesIn() > bytesBefore; // line breaks only
            if (pending == 0 && parser.inHeaderState() && partOfARequest) {
                long armed = ++generation;
                pending = armed;
                deadline = scheduler.schedule(() -> expire(armed), headerTimeoutMs, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                @Override
                public boolean headerComplete() {
                    cancelDeadline();
                    return super.headerComplete();
                }
            };
        }

        private void cancelDeadline() {
            pending = 0;
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
        }

        private void expire(long armed) {
            if (pending == armed) {
                LOG.debug("closing {}: request headers not complete within {} ms", getEndPoint(), headerTimeoutMs);
                getEndPoint()
                        .close(new TimeoutException("request headers not complete within " + headerTimeoutMs + " ms"));
            }
        }
    }
}
