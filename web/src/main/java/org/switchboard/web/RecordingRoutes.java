package org.switchboard.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.Role;

/**
 * Recorded conversations: {@code GET /api/v1/contacts/{id}/recordings} lists a contact's, {@code GET
 * /api/v1/recordings/{id}} plays one ({@code audio/wav}, two channels: the caller left, the agent right). Supervisors
 * and administrators may hear any; an agent only the conversations it had. Every playback is audited before a byte of
 * audio is sent (subject: the contact; detail: the recording and its agent), and one that cannot be audited is not
 * played (503); refused playbacks are audited too.
 */
final class RecordingRoutes {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordingRoutes.class);

    private static final String PLAY = "recording.play";
    private static final Role[] LISTENERS = {Role.AGENT, Role.SUPERVISOR, Role.ADMIN};

    private final Auth auth;
    private final Recordings recordings;
    private final AuditTrail audit;

    RecordingRoutes(Auth auth, Recordings recordings, AuditTrail audit) {
        this.auth = auth;
        this.recordings = recordings;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/contacts/{id}/recordings", this::list);
        routes.get("/api/v1/recordings/{id}", this::play);
    }

    /** A contact's recordings, oldest first; an agent sees only its own conversations, and none of another's. */
    private void list(Context ctx) {
        Principal viewer = auth.require(ctx, LISTENERS);
        UUID contact = ContactRoutes.contactId(ctx);
        List<Recordings.Recording> all = recordings.ofContact(contact);
        List<Recordings.Recording> shown =
                all.stream().filter(r -> mayHear(viewer, r)).toList();
        if (shown.isEmpty() && !all.isEmpty()) {
            throw ApiException.forbidden("'" + viewer.name() + "' may hear only its own conversations");
        }
        ctx.json(shown.stream().map(RecordingRoutes::describe).toList());
    }

    private void play(Context ctx) throws IOException {
        Principal listener = auth.require(ctx, LISTENERS);
        UUID id = recordingId(ctx);
        Recordings.Recording recording =
                recordings.find(id).orElseThrow(() -> ApiException.notFound("no recording " + id));
        String detail = "recording " + id + " of agent " + recording.agentId();
        if (!mayHear(listener, recording)) {
            audit.record(listener, PLAY, recording.contactId().toString(), "refused: " + detail);
            throw ApiException.forbidden("'" + listener.name() + "' may hear only its own conversations");
        }
        InputStream audio;
        try {
            audio = recordings.audio(recording);
        } catch (IOException e) {
            throw ApiException.unavailable("the audio of recording " + id + " cannot be read now (missing or damaged)");
        }
        try (audio) {
            audit.record(listener, PLAY, recording.contactId().toString(), detail);
            ctx.res().setCharacterEncoding(null); // audio: no charset (the server's default is UTF-8 for JSON)
            ctx.status(200)
                    .contentType("audio/wav")
                    .header("Content-Length", String.valueOf(recording.bytes()))
                    .header("Content-Disposition", "inline; filename=\"" + id + ".wav\"")
                    .header("Cache-Control", "no-store");
            OutputStream out = ctx.outputStream();
            try {
                copy(audio, out, recording.bytes());
            } catch (IOException e) { // the listener went away, or the file failed under the read: the answer is cut
                LOG.info("Recording {} was not played to the end for {}: {}", id, listener.name(), e.toString());
            }
        }
    }

    /** Copies {@code bytes} bytes (what the answer announced), no more, however long the file has grown. */
    private static void copy(InputStream from, OutputStream to, long bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = bytes;
        while (left > 0) {
            int read = from.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the file ended " + left + " bytes early");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    private static boolean mayHear(Principal principal, Recordings.Recording recording) {
        return Auth.STAFF.contains(principal.role())
                || (principal.role() == Role.AGENT && recording.agentId().equals(principal.agentId()));
    }

    private static UUID recordingId(Context ctx) {
        try {
            return ContactIds.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such recording: an id is a UUID of 36 characters, 8-4-4-4-12 hex digits");
        }
    }

    static Map<String, Object> describe(Recordings.Recording recording) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", recording.id().toString());
        body.put("contactId", recording.contactId().toString());
        body.put("agent", recording.agentId());
        body.put("queue", recording.queue());
        body.put("startedAt", EventJson.iso(recording.startedAtMs()));
        body.put("endedAt", EventJson.iso(recording.endedAtMs()));
        body.put("durationMs", recording.durationMs());
        body.put("bytes", recording.bytes());
        body.put("audio", "/api/v1/recordings/" + recording.id());
        return body;
    }
}
