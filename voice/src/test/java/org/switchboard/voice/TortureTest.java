package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torture cases of RFC 4475 (SIP Torture Test Messages), sent over UDP while a sipp caller waits in line: every
 * valid request gets a final response, every invalid one a 4xx or 5xx or nothing (dropped and logged), stray responses
 * change nothing, and the call in progress carries on to its BYE. The messages are written here after the RFC's
 * sections (named by its test names), with the Via pointing at the test's socket so that answers come back, and
 * Request-URIs that are not service numbers so that no valid INVITE becomes a call.
 */
class TortureTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private DatagramSocket tester;
    private int cseq;

    @BeforeEach
    void start() throws Exception {
        disk = CenterOnDisk.start(directory);
        tester = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        tester.close();
        disk.close();
    }

    /** A message of RFC 4475 and what an element must do with it. */
    record Case(String name, Expect expect, String text) {}

    enum Expect {
        /** a final response, any status */
        FINAL_RESPONSE,
        /** a 4xx, 5xx or 6xx response, or none at all */
        REFUSED_OR_DROPPED,
        /** a response sent to us: nothing comes back, nothing changes */
        NOTHING,
        /**
         * invalid, but JAIN SIP's parser reads it without ambiguity and the gateway answers as for the valid message it
         * plainly means (trailing spaces after the version, spaces inside angle brackets): any answer, or none
         */
        TOLERATED
    }

    @Test
    void validTortureMessagesAreAnsweredInvalidOnesRefusedOrDroppedAndACallGoesOn() throws Exception {
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO)) {
            CompletableFuture<Sipp.Run> call =
                    Sipp.callLater(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "6000");
            List<String> wrong = new ArrayList<>();
            for (Case c : cases()) {
                String message = message(c);
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                tester.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gateway.port()));
                Integer status = finalStatus(callId(message), c.expect() == Expect.FINAL_RESPONSE ? 3_000 : 700);
                boolean right = switch (c.expect()) {
                    case FINAL_RESPONSE -> status != null;
                    case REFUSED_OR_DROPPED -> status == null || status >= 400;
                    case NOTHING -> status == null;
                    case TOLERATED -> true;
                };
                if (!right) {
                    wrong.add(c.name() + " (" + c.expect() + "): " + status);
                }
            }

            assertThat(wrong).as("torture cases answered wrongly").isEmpty();
            Sipp.Run run = call.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode())
                    .as("the call in progress: %s", run.output())
                    .isZero();
            assertThat(gateway.figures().answered.sum()).isEqualTo(1);
        }
    }

    /** The Call-ID of a message (long or short form), or "" when it has none. */
    private static String callId(String message) {
        Matcher m = Pattern.compile("(?mi)^(?:call-id|i)\\s*:\\s*(\\S+)").matcher(message);
        return m.find() ? m.group(1) : "";
    }

    /** The case's text as sent: placeholders filled in, lines ended with CRLF. */
    private String message(Case c) {
        String text = c.text()
                .replace("$SDP", SDP)
                .replace("$VIA", "SIP/2.0/UDP 127.0.0.1:" + tester.getLocalPort() + ";rport")
                .replace("$TESTER", String.valueOf(tester.getLocalPort()))
                .replace("$BRANCH", "z9hG4bK-torture-" + c.name() + "-" + (++cseq))
                .replace("\n", "\r\n");
        int body = text.indexOf("\r\n\r\n");
        int length = body < 0 ? 0 : text.substring(body + 4).getBytes(StandardCharsets.UTF_8).length;
        return text.replace("$LEN", String.valueOf(length));
    }

    /**
     * The status of the first final response to the message of Call-ID {@code callId} within {@code millis}; null when
     * none came. Answers to earlier cases (a 4xx to an INVITE is repeated until it is acknowledged) are skipped.
     */
    private Integer finalStatus(String callId, int millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        while (System.nanoTime() < deadline) {
            tester.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            try {
                tester.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (answer.startsWith("SIP/2.0 ")
                    && answer.length() >= 11
                    && callId(answer).equals(callId)) {
                int status = Integer.parseInt(answer.substring(8, 11));
                if (status >= 200) {
                    return status;
                }
            }
        }
        return null;
    }

    /** An SDP body for the valid INVITEs ($SDP; $LEN is the length of the body that follows the blank line). */
    private static final String SDP = "v=0\no=mhandley 29739 7272939 IN IP4 192.0.2.3\ns=-\nc=IN IP4 192.0.2.4\nt=0 0\n"
            + "m=audio 49217 RTP/AVP 0 12\nm=video 3227 RTP/AVP 31\na=rtpmap:31 LPC\n";

    private static List<Case> cases() {
        return List.of(
                // 3.1.1.1 wsinv: line folding, LWS everywhere, short forms, unknown headers, leading zeros
                new Case("wsinv", Expect.FINAL_RESPONSE, """
                        INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
                        TO :
                         sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
                        from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
                          ;
                          tag = 98asjd8
                        MaX-fOrWaRdS: 0068
                        Call-ID: wsinv.ndaksdj@192.0.2.1
                        Content-Length   : $LEN
                        cseq: 0009
                          INVITE
                        Via: $VIA;branch=$BRANCH
                        s :
                        NewFangledHeader:   newfangled value
                         continued newfangled value
                        UnknownHeaderWithUnusualValue: ;;,,;;,;
                        Content-Type: application/sdp
                        Route:
                         <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
                        v:  SIP  / 2.0  / TCP     spindle.example.com   ;
                          branch  =   z9hG4bK9ikj8  ,
                         SIP  /    2.0   / UDP  192.168.255.111   ; branch=
                         z9hG4bK30239
                        m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
                              newvalue ;
                           secondparam ; q = 0.33

                        $SDP"""),
                // 3.1.1.2 intmeth: a method name of unusual but valid characters
                new Case("intmeth", Expect.FINAL_RESPONSE, """
                        !interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0
                        Via: $VIA;branch=$BRANCH
                        To: "BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007F" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>
                        From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;tag=_token~1'+`*%!-.
                        Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/"][?}{
                        CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~
                        Max-Forwards: 255
                        extensionHeader-!.%*+_`'~: value
                        Content-Length: 0

                        """),
                // 3.1.1.3 esc01: valid %-escaping
                new Case("esc01", Expect.FINAL_RESPONSE, """
                        INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
                        To: sip:%75se%72@example.com
                        From: <sip:I%20have%20spaces@example.net>;tag=938
                        Max-Forwards: 87
                        i: esc01.239409asdfakjkn23onasd0-3234
                        CSeq: 234234 INVITE
                        Via: $VIA;branch=$BRANCH
                        C: application/sdp
                        Contact:
                          <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
                        Content-Length: $LEN

                        $SDP"""),
                // 3.1.1.4 escnull: escaped nulls in URIs
                new Case("escnull", Expect.FINAL_RESPONSE, """
                        REGISTER sip:example.com SIP/2.0
                        To: sip:null-%00-null@example.com
                        From: sip:null-%00-null@example.com;tag=839923423
                        Max-Forwards: 70
                        Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd
                        CSeq: 14398234 REGISTER
                        Via: $VIA;branch=$BRANCH
                        Contact: <sip:%00@host5.example.com>
                        Contact: <sip:%00%00@host5.example.com>
                        L:0

                        """),
                // 3.1.1.5 esc02: % that is not an escape, in the method name
                new Case("esc02", Expect.FINAL_RESPONSE, """
                        RE%47IST%45R sip:registrar.example.com SIP/2.0
                        To: "%Z%45" <sip:resource@example.com>
                        From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
                        Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
                        Via: $VIA;branch=$BRANCH
                        CSeq: 29344 RE%47IST%45R
                        Max-Forwards: 70
                        Contact: <sip:alias1@host1.example.com>
                        C%6Fntact: <sip:alias2@host2.example.com>
                        Contact: <sip:alias3@host3.example.com>
                        l: 0

                        """),
                // 3.1.1.6 lwsdisp: no LWS between display name and <
                new Case("lwsdisp", Expect.FINAL_RESPONSE, """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: caller<sip:caller@example.com>;tag=323
                        Max-Forwards: 70
                        Call-ID: lwsdisp.1234abcd@funky.example.com
                        CSeq: 60 OPTIONS
                        Via: $VIA;branch=$BRANCH
                        l: 0

                        """),
                // 3.1.1.7 longreq: long values in header fields
                new Case(
                        "longreq",
                        Expect.FINAL_RESPONSE,
                        "INVITE sip:user@example.com SIP/2.0\n"
                                + "To: \"I have a user name of " + "extreme".repeat(10) + "\" <sip:user@example.com>\n"
                                + "From: sip:caller@example.net;tag=" + "12982424".repeat(40) + "\n"
                                + "Call-ID: longreq.one" + "really".repeat(50) + "@example.com\n"
                                + "CSeq: 3882340 INVITE\n"
                                + "Unknown-" + "Long".repeat(20) + "-Header: " + "unknown-long-value".repeat(50) + "\n"
                                + "Via: $VIA;branch=$BRANCH\n"
                                + "Max-Forwards: 70\n"
                                + "Contact: <sip:amazinglylongcallername" + "long".repeat(30) + "@host5.example.net>\n"
                                + "Content-Type: application/sdp\n"
                                + "l: $LEN\n\n$SDP"),
                // 3.1.1.8 dblreq: extra octets after the message in the datagram (another request) are ignored
                new Case("dblreq", Expect.FINAL_RESPONSE, """
                        REGISTER sip:example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:j.user@example.com;tag=43251j3j324
                        Max-Forwards: 8
                        I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
                        Contact: sip:j.user@host.example.com
                        CSeq: 8 REGISTER
                        Via: $VIA;branch=$BRANCH
                        Content-Length: 0

                        INVITE sip:joe@example.com SIP/2.0
                        t: sip:joe@example.com
                        From: sip:caller@example.net;tag=141334
                        Max-Forwards: 8
                        Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
                        CSeq: 8 INVITE
                        Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234
                        Content-Type: application/sdp
                        Content-Length: 0

                        """),
                // 3.1.1.9 semiuri: semicolon-separated parameters in the user part
                new Case("semiuri", Expect.FINAL_RESPONSE, """
                        OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
                        To: sip:j_user@example.com
                        From: sip:caller@example.org;tag=33242
                        Max-Forwards: 3
                        Call-ID: semiuri.0ha0isndaksdj
                        CSeq: 8 OPTIONS
                        Accept: application/sdp, application/pkcs7-mime,
                                multipart/mixed, multipart/signed,
                                message/sip, message/sipfrag
                        Via: $VIA;branch=$BRANCH
                        l: 0

                        """),
                // 3.1.1.10 transports: varied transports in the Vias below ours
                new Case("transports", Expect.FINAL_RESPONSE, """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: <sip:caller@example.com>;tag=323
                        Max-Forwards: 70
                        Call-ID:  transports.kijh4akdnaqjkwendsasfdj
                        Accept: application/sdp
                        CSeq: 60 OPTIONS
                        Via: $VIA;branch=$BRANCH
                        Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
                        Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
                        Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
                        Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
                        l: 0

                        """),
                // 3.1.1.12 unreason and 3.1.1.13 noreason: responses nobody asked for
                new Case("unreason", Expect.NOTHING, """
                        SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое
                        Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
                        Call-ID: unreason.1234ksdfak3j2erwedfsASdf
                        CSeq: 35 INVITE
                        From: sip:user@example.com;tag=11141343
                        To: sip:user@example.edu;tag=2229
                        Content-Length: 0

                        """),
                new Case("noreason", Expect.NOTHING, """
                        SIP/2.0 100\u0020
                        Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
                        Call-ID: noreason.asndj203insdf99223ndf
                        CSeq: 35 INVITE
                        From: <sip:user@example.com>;tag=39ansfi3
                        To: <sip:user@example.edu>;tag=902jndnke3
                        Content-Length: 0

                        """),
                // 3.1.2.2 clerr: Content-Length larger than the message
                new Case("clerr", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com SIP/2.0
                        Max-Forwards: 80
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=93942939o2
                        Contact: <sip:caller@hungry.example.net>
                        Call-ID: clerr.0ha0isndaksdjweiafasdk3
                        CSeq: 8 INVITE
                        Via: $VIA;branch=$BRANCH
                        Content-Type: application/sdp
                        Content-Length: 9999

                        v=0
                        """),
                // 3.1.2.3 ncl: negative Content-Length
                new Case("ncl", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com SIP/2.0
                        Max-Forwards: 254
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=32394234
                        Call-ID: ncl.0ha0isndaksdj2193423r542w35
                        CSeq: 0 INVITE
                        Via: $VIA;branch=$BRANCH
                        Contact: <sip:caller@example53.example.net>
                        Content-Type: application/sdp
                        Content-Length: -999

                        v=0
                        """),
                // 3.1.2.4 scalar02: overlarge scalar values
                new Case("scalar02", Expect.REFUSED_OR_DROPPED, """
                        REGISTER sip:example.com SIP/2.0
                        Via: $VIA;branch=$BRANCH
                        Max-Forwards: 300
                        From: sip:user@example.com;tag=932489348
                        To: sip:user@example.com
                        Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32
                        CSeq: 36893488147419103232 REGISTER
                        Contact: <sip:user@host129.example.com>;expires=280297596632815
                        Expires: 1293287592837592837592837529
                        Content-Length: 0

                        """),
                // 3.1.2.6 quotbal: unterminated quoted string in a display name
                new Case("quotbal", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com SIP/2.0
                        To: "Mr. J. User <sip:j.user@example.com>
                        From: sip:caller@example.net;tag=93334
                        Max-Forwards: 10
                        Call-ID: quotbal.aksdj
                        Contact: <sip:caller@host59.example.net>
                        CSeq: 8 INVITE
                        Via: $VIA;branch=$BRANCH
                        Content-Length: 0

                        """),
                // 3.1.2.7 ltgtruri: < > around the Request-URI
                new Case("ltgtruri", Expect.REFUSED_OR_DROPPED, """
                        INVITE <sip:user@example.com> SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=39291
                        Max-Forwards: 23
                        Call-ID: ltgtruri.1@192.0.2.5
                        CSeq: 1 INVITE
                        Via: $VIA;branch=$BRANCH
                        Contact: <sip:caller@host5.example.net>
                        Content-Length: 0

                        """),
                // 3.1.2.8 lwsruri: LWS inside the Request-URI
                new Case("lwsruri", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com; lr SIP/2.0
                        To: sip:user@example.com;tag=3xfe-9921883-z9f
                        From: sip:caller@example.net;tag=231413434
                        Max-Forwards: 5
                        Call-ID: lwsruri.asdfasdoeoi2323-asdfwrn23-asd834rk423
                        CSeq: 2130706432 INVITE
                        Via: $VIA;branch=$BRANCH
                        Contact: <sip:caller@host5.example.net>
                        Content-Length: 0

                        """),
                // 3.1.2.9 lwsstart and 3.1.2.10 trws: extra spaces in the Request-Line
                new Case("lwsstart", Expect.REFUSED_OR_DROPPED, """
                        INVITE  sip:user@example.com  SIP/2.0
                        Max-Forwards: 8
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=8814
                        Call-ID: lwsstart.dfknq234oi243099adsdfnawe3@example.com
                        CSeq: 1893884 INVITE
                        Via: $VIA;branch=$BRANCH
                        Contact: <sip:caller@host5.example.net>
                        Content-Length: 0

                        """),
                new Case("trws", Expect.TOLERATED, """
                        OPTIONS sip:remote-target@example.com SIP/2.0\u0020\u0020
                        Via: $VIA;branch=$BRANCH
                        Max-Forwards: 70
                        From: <sip:remote-caller@example.net>;tag=9823
                        To: <sip:remote-target@example.com>
                        Call-ID: trws.oicu34958239neffasdhr2345r
                        Accept: application/sdp
                        CSeq: 238923 OPTIONS
                        Content-Length: 0

                        """),
                // 3.1.2.11 escruri: escaped headers in the Request-URI
                new Case("escruri", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=341518
                        Max-Forwards: 7
                        Contact: <sip:caller@host39923.example.net>
                        Call-ID: escruri.23940-asdfhj-aje3br-234q098w-fawerh2q-h4n5
                        CSeq: 392 INVITE
                        Via: $VIA;branch=$BRANCH
                        Content-Length: 0

                        """),
                // 3.1.2.12 baddate: a Date in a time zone other than GMT
                new Case("baddate", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=2234923
                        Max-Forwards: 70
                        Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234
                        CSeq: 1392934 INVITE
                        Via: $VIA;branch=$BRANCH
                        Date: Fri, 01 Jan 2010 16:00:00 EST
                        Contact: <sip:caller@host5.example.net>
                        Content-Length: 0

                        """),
                // 3.1.2.14 badaspec: spaces within an addr-spec
                new Case("badaspec", Expect.TOLERATED, """
                        OPTIONS sip:user@example.org SIP/2.0
                        Via: $VIA;branch=$BRANCH
                        Max-Forwards: 70
                        From: "Bell, Alexander" <sip:a.g.bell@example.com>;tag=433423
                        To: "Watson, Thomas" < sip:t.watson@example.org >
                        Call-ID: badaspec.sdf0234n2nds0a099u23h3hnnw009cdkne3
                        Accept: application/sdp
                        CSeq: 3923239 OPTIONS
                        l: 0

                        """),
                // 3.1.2.16 badvers: an unknown protocol version (505)
                new Case("badvers", Expect.REFUSED_OR_DROPPED, """
                        OPTIONS sip:t.watson@example.org SIP/7.0
                        Via:     SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw
                        Max-Forwards:     70
                        From:    A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe
                        To:      T. Watson <sip:t.watson@example.org>
                        Call-ID: badvers.31417@c.example.com
                        CSeq:    1 OPTIONS
                        l: 0

                        """),
                // 3.1.2.17 mismatch01: Request-Line and CSeq methods differ
                new Case("mismatch01", Expect.REFUSED_OR_DROPPED, """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=34525
                        Max-Forwards: 6
                        Call-ID: mismatch01.dj0234sxdfl3
                        CSeq: 8 INVITE
                        Via: $VIA;branch=$BRANCH
                        l: 0

                        """),
                // 3.1.2.19 bigcode: a response code over 699
                new Case("bigcode", Expect.NOTHING, """
                        SIP/2.0 4294967301 better not break the receiver
                        Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
                        Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i
                        CSeq: 353494 INVITE
                        From: <sip:user@example.com>;tag=39ansfi3
                        To: <sip:user@example.edu>;tag=902jndnke3
                        Content-Length: 0

                        """),
                // 3.2.1 badbranch: a branch without the magic cookie (RFC 2543 style) is still answered
                new Case("badbranch", Expect.FINAL_RESPONSE, """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.org;tag=33242
                        Max-Forwards: 3
                        Via: SIP/2.0/UDP 127.0.0.1:$TESTER;rport;branch=z9hG4bK
                        Call-ID: badbranch.sadonfo23i420jv0as0derf3j3n
                        CSeq: 8 OPTIONS
                        l: 0

                        """),
                // 3.3.1 insuf: required header fields missing (400)
                new Case("insuf", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@example.com SIP/2.0
                        CSeq: 193942 INVITE
                        Via: $VIA;branch=$BRANCH
                        Content-Type: application/sdp
                        l: 0

                        """),
                // 3.3.2 unkscm: a Request-URI of an unknown scheme (416)
                new Case("unkscm", Expect.REFUSED_OR_DROPPED, """
                        OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=384
                        Max-Forwards: 3
                        Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34
                        CSeq: 3923423 OPTIONS
                        Via: $VIA;branch=$BRANCH
                        Content-Length: 0

                        """),
                // 3.3.6 invut: an INVITE with a body type nobody knows (415)
                new Case("invut", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:111@example.com SIP/2.0
                        Contact: <sip:caller@host5.example.net>
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=8392034
                        Max-Forwards: 70
                        Call-ID: invut.0ha0isndaksdjadsfij34n23d
                        CSeq: 235448 INVITE
                        Via: $VIA;branch=$BRANCH
                        Content-Type: application/unknownformat
                        Content-Length: 40

                        <audio> <pcmu port="443"/> </audio>
                        """),
                // 3.3.8 multi01: several values where one is allowed (400)
                new Case("multi01", Expect.REFUSED_OR_DROPPED, """
                        INVITE sip:user@company.com SIP/2.0
                        Contact: <sip:caller@host25.example.net>
                        Via: $VIA;branch=$BRANCH
                        Max-Forwards: 70
                        CSeq: 5 INVITE
                        Call-ID: multi01.98asdh@192.0.2.1
                        CSeq: 59 INVITE
                        Call-ID: multi01.98asdh@192.0.2.2
                        From: sip:caller@example.com;tag=3413415
                        To: sip:user@example.com
                        To: sip:other@example.net
                        From: sip:caller@example.net;tag=2923420123
                        Content-Length: 0

                        """),
                // 3.3.9 mcl01: several Content-Length values (400)
                new Case("mcl01", Expect.REFUSED_OR_DROPPED, """
                        OPTIONS sip:user@example.com SIP/2.0
                        Via: $VIA;branch=$BRANCH
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=2923420123
                        Content-Type: text/plain
                        l: 55
                        Max-Forwards: 70
                        Call-ID: mcl01.fhn2323orihawfdoa3o4r52o3irsdf
                        CSeq: 15932 OPTIONS
                        Content-Length: 3
                        l: 300

                        """),
                // 3.3.10 bcast: a 200 OK nobody asked for, with a broadcast Via
                new Case("bcast", Expect.NOTHING, """
                        SIP/2.0 200 OK
                        Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
                        Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23
                        Call-ID: bcast.0384840201234ksdfak3j2erwedfsASdf
                        CSeq: 35 INVITE
                        From: sip:user@example.com;tag=11141343
                        To: sip:user@example.edu;tag=2229
                        Content-Length: 0

                        """),
                // 3.3.11 zeromf: Max-Forwards of zero, to an endpoint
                new Case("zeromf", Expect.FINAL_RESPONSE, """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=3ghsd41
                        Call-ID: zeromf.jfasdlfnm2o2l43r5u0asdfas
                        CSeq: 39234321 OPTIONS
                        Via: $VIA;branch=$BRANCH
                        Max-Forwards: 0
                        Content-Length: 0

                        """),
                // 3.3.15 inv2543: an RFC 2543 INVITE (no branch, no Max-Forwards)
                new Case("inv2543", Expect.FINAL_RESPONSE, """
                        INVITE sip:UserB@example.com SIP/2.0
                        Via: SIP/2.0/UDP 127.0.0.1:$TESTER
                        From: <sip:UserA@example.com>;tag=2543
                        To: <sip:UserB@example.com>
                        Call-ID: inv2543.1717@example.com
                        CSeq: 1 INVITE
                        Contact: <sip:UserA@host.example.com>
                        Content-Length: 0

                        """));
    }
}
