package org.switchboard.messaging;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.DefaultDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jsmpp's PDU reader with two guards. A header whose command_length is over {@value #MAX_PDU_OCTETS} octets (the
 * largest a deliver_sm can be: a 64 KiB message_payload and its fields) is refused before jsmpp allocates it (a length
 * of 0x7fffffff made jsmpp ask for a 2 GiB array and its reader thread die, leaving the link dead for a minute).
 * And a deliver_sm whose body does not read (cut short, a length that runs past it)
 * makes jsmpp's decomposer throw an unchecked exception on its worker thread, which answers nothing, so the SMSC
 * waits and sends it again. Such a PDU is handed on as an empty deliver_sm of the same sequence number, which {@link
 * #guard} refuses with {@code ESME_RINVCMDLEN}: the SMSC gets a clear answer, the center nothing to act on. Found by
 * the SMSC fuzz test; jsmpp's own refusals (a C-string too long) stand as they are. jsmpp reads a TLV's length as a
 * signed 16-bit number, so a message_payload over 32,767 octets (SMPP allows 64 KiB; no subscriber's text comes near
 * it) does not read either and is refused the same way.
 */
final class CheckedPduReader extends DefaultPDUReader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckedPduReader.class);
    private static final byte[] EMPTY_DELIVER_SM_BODY = new byte[17];

    static final int MAX_PDU_OCTETS = 70_000;

    private final Set<Integer> broken = ConcurrentHashMap.newKeySet();

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        Command header = super.readPDUHeader(in);
        if (header.getCommandLength() > MAX_PDU_OCTETS) {
            throw new InvalidCommandLengthException(
                    "Command length " + header.getCommandLength() + " is over " + MAX_PDU_OCTETS);
        }
        return header;
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        return checked(super.readPDU(in, header));
    }

    @Override
    public byte[] readPDU(DataInputStream in, int length, int id, int status, int sequence) throws IOException {
        return checked(super.readPDU(in, length, id, status, sequence));
    }

    private byte[] checked(byte[] pdu) {
        if (pdu.length < 16 || ByteBuffer.wrap(pdu).getInt(4) != SMPPConstant.CID_DELIVER_SM) {
            return pdu;
        }
        try {
            DefaultDecomposer.getInstance().deliverSm(pdu);
            return pdu;
        } catch (PDUStringException answeredByJsmpp) {
            return pdu;
        } catch (RuntimeException unreadable) {
            int sequence = ByteBuffer.wrap(pdu).getInt(12);
            LOG.warn(
                    "SMS: a deliver_sm (sequence {}) whose body does not read is refused: {}",
                    sequence,
                    unreadable.toString());
            broken.add(sequence);
            return ByteBuffer.allocate(16 + EMPTY_DELIVER_SM_BODY.length)
                    .putInt(16 + EMPTY_DELIVER_SM_BODY.length)
                    .putInt(SMPPConstant.CID_DELIVER_SM)
                    .putInt(0)
                    .putInt(sequence)
                    .put(EMPTY_DELIVER_SM_BODY)
                    .array();
        }
    }

    /** {@code inbound}, with the deliver_sm this reader emptied refused before it sees them. */
    MessageReceiverListener guard(MessageReceiverListener inbound) {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm sm) throws ProcessRequestException {
                if (broken.remove(sm.getSequenceNumber())) {
                    throw new ProcessRequestException(
                            "the deliver_sm's body does not read", SMPPConstant.STAT_ESME_RINVCMDLEN);
                }
                inbound.onAcceptDeliverSm(sm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alert) {
                inbound.onAcceptAlertNotification(alert);
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                return inbound.onAcceptDataSm(dataSm, source);
            }
        };
    }
}
