package org.switchboard.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

/**
 * Files subscribers attached to their messages (e-mail): {@code GET /api/v1/contacts/{id}/attachments} lists a
 * contact's (and those of the closed contacts it follows up), {@code GET /api/v1/contacts/{id}/attachments/{file}}
 * downloads one. Supervisors and
 * administrators may open any; an agent only those of a contact it holds or held. A download is always
 * {@code application/octet-stream} with {@code Content-Disposition: attachment}, {@code nosniff} and a sandboxing
 * policy, whatever the sender declared, so a browser never renders a subscriber's file as a page of the center. Every
 * download is audited before a byte is sent (subject: the contact), refusals too.
 */
final class AttachmentRoutes {

    private static final String OPEN = "contact.open-attachment";
    private static final Role[] READERS = {Role.AGENT, Role.SUPERVISOR, Role.ADMIN};

    private final Auth auth;
    private final Attachments attachments;
    private final ServedContacts served;
    private final AuditTrail audit;

    AttachmentRoutes(Auth auth, Attachments attachments, ServedContacts served, AuditTrail audit) {
        this.auth = auth;
        this.attachments = attachments;
        this.served = served;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/contacts/{id}/attachments", this::list);
        routes.get("/api/v1/contacts/{id}/attachments/{file}", this::download);
    }

    private void list(Context ctx) {
        Principal reader = auth.require(ctx, READERS);
        UUID contact = ContactRoutes.contactId(ctx);
        requireOwn(reader, contact);
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        List<UUID> lineage = served.lineage(contact);
        for (int i = lineage.size() - 1; i >= 0; i--) { // the oldest conversation's first
            attachments.of(lineage.get(i)).forEach(stored -> all.add(describe(stored, contact)));
        }
        ctx.json(Map.of("attachments", all));
    }

    private void download(Context ctx) {
        Principal reader = auth.require(ctx, READERS);
        UUID contact = ContactRoutes.contactId(ctx);
        UUID id = attachmentId(ctx);
        if (!served.isOwn(reader, contact)) {
            audit.record(reader, OPEN, contact.toString(), "refused: attachment " + id);
            throw notYours(contact);
        }
        Attachments.File file = served.lineage(contact).stream() // its own, or of a closed contact it follows up
                .map(c -> attachments.open(c, id))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("contact " + contact + " has no attachment " + id));
        audit.record(
                reader,
                OPEN,
                contact.toString(),
                "attachment " + id + " '" + file.stored().name() + "' ("
                        + file.stored().bytes() + " bytes)");
        ctx.res().setCharacterEncoding(null);
        ctx.status(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", disposition(file.stored().name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store")
                .result(file.content());
    }

    private void requireOwn(Principal reader, UUID contact) {
        if (!served.isOwn(reader, contact)) {
            throw notYours(contact);
        }
    }

    private static ApiException notYours(UUID contact) {
        return new ApiException(403, "not_yours", "contact " + contact + " is not one you hold or held");
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266): any name, never a header break. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static UUID attachmentId(Context ctx) {
        try {
            return ContactIds.parse(ctx.pathParam("file"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such attachment: an id is a UUID of 36 characters, 8-4-4-4-12 hex digits");
        }
    }

    static Map<String, Object> describe(Attachments.Stored stored) {
        return describe(stored, stored.contactId());
    }

    /** The attachment as listed under contact {@code via} (it may have come with a contact {@code via} follows up). */
    static Map<String, Object> describe(Attachments.Stored stored, UUID via) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id().toString());
        body.put("messageId", stored.messageId().toString());
        body.put("name", stored.name());
        body.put("contentType", stored.contentType());
        body.put("bytes", stored.bytes());
        body.put("receivedAt", EventJson.iso(stored.atMs()));
        body.put("contactId", stored.contactId().toString());
        body.put("download", "/api/v1/contacts/" + via + "/attachments/" + stored.id());
        return body;
    }
}
