// A foreign SMSC for Switchboard's tests: the npm `smpp` package's server side (not jsmpp), on loopback.
// Driven over standard input and output, one JSON object a line:
//   out {"event":"listening","port":N}                      once it listens (port 0: a free one)
//   out {"event":"bound","systemId":..}                      an ESME bound with the right credentials
//   out {"event":"refused-bind","systemId":..}               and with wrong ones
//   in  {"deliver":{"from":..,"to":..,"text":..}}            a subscriber's message to the center (the package picks
//                                                            the alphabet: UCS-2, data_coding 8, for Cyrillic)
//   out {"event":"delivered","status":N}                     the center's deliver_sm_resp status
//   out {"event":"submit","to":..,"from":..,"dataCoding":N,"esmClass":N,"registeredDelivery":N,"text":..,"id":..}
//   in  {"receipt":{"id":..,"to":..,"from":..,"stat":"DELIVRD"}} a delivery receipt for a submitted message
//   in  {"ussd":{"from":..,"to":"*111#","text":..,"op":1,"session":[5,0]}} a USSD turn (service_type USSD,
//                                                            ussd_service_op as the package types it, its_session_info)
//   out {"event":"ussd-answered","status":N}
//   (a submit's line carries "serviceType", "ussdServiceOp" and "sessionInfo" too)
//   out {"event":"receipt-answered","status":N}
// Credentials from SMSC_SYSTEM_ID and SMSC_PASSWORD.
'use strict';
const smpp = require('smpp');
const readline = require('readline');

const systemId = process.env.SMSC_SYSTEM_ID || 'switchboard';
const password = process.env.SMSC_PASSWORD || 'secret';
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
let bound = null;
let submitted = 0;

const server = smpp.createServer({}, (session) => {
  session.on('bind_transceiver', (pdu) => {
    session.pause();
    if (pdu.system_id !== systemId || pdu.password !== password) {
      say({ event: 'refused-bind', systemId: pdu.system_id });
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      session.close();
      return;
    }
    session.send(pdu.response());
    session.resume();
    bound = session;
    say({ event: 'bound', systemId: pdu.system_id });
  });
  session.on('submit_sm', (pdu) => {
    const id = `peer-${++submitted}`;
    session.send(pdu.response({ message_id: id }));
    const message = pdu.short_message;
    say({
      event: 'submit', id, to: pdu.destination_addr, from: pdu.source_addr, dataCoding: pdu.data_coding,
      esmClass: pdu.esm_class, registeredDelivery: pdu.registered_delivery, serviceType: pdu.service_type,
      ussdServiceOp: pdu.ussd_service_op === undefined ? null : pdu.ussd_service_op,
      sessionInfo: pdu.its_session_info === undefined ? null : [...pdu.its_session_info],
      text: typeof message === 'object' && message !== null && 'message' in message ? message.message : String(message),
    });
  });
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('error', () => {});
  session.on('close', () => { if (bound === session) bound = null; });
});

function stamp(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(date.getUTCFullYear() % 100)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}`;
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const order = JSON.parse(line);
  if (!bound) { say({ event: 'error', detail: 'nobody is bound' }); return; }
  if (order.deliver) {
    const d = order.deliver;
    bound.deliver_sm({ source_addr: d.from, destination_addr: d.to, short_message: d.text },
      (pdu) => say({ event: 'delivered', status: pdu.command_status }));
  } else if (order.ussd) {
    const u = order.ussd;
    const pdu = { service_type: 'USSD', source_addr: u.from, destination_addr: u.to, short_message: u.text,
      ussd_service_op: u.op };
    if (u.session) pdu.its_session_info = Buffer.from(u.session);
    bound.deliver_sm(pdu, (answer) => say({ event: 'ussd-answered', status: answer.command_status }));
  } else if (order.receipt) {
    const r = order.receipt;
    const now = stamp(new Date());
    const text = `id:${r.id} sub:001 dlvrd:${r.stat === 'DELIVRD' ? '001' : '000'} submit date:${now} done date:${now} stat:${r.stat} err:000 text:`;
    bound.deliver_sm({ source_addr: r.to, destination_addr: r.from, esm_class: 0x04, short_message: text,
      receipted_message_id: r.id, message_state: r.stat === 'DELIVRD' ? 2 : 5 },
    (pdu) => say({ event: 'receipt-answered', status: pdu.command_status }));
  }
});

server.listen(Number(process.env.SMSC_PORT || 0), '127.0.0.1', () => say({ event: 'listening', port: server.address().port }));
