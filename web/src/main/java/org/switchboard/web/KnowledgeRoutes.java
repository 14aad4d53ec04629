package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Article;
import org.switchboard.core.port.KnowledgeBase;
import org.switchboard.core.port.KnowledgeBase.Saved;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/knowledge}: the knowledge base. Staff search and read articles and canned answers; supervisors and
 * administrators create, change and remove them. A change names the version it was made to, so two supervisors never
 * overwrite each other's work unseen (409 {@code stale} with the entry as it stands); the store audits every change.
 */
final class KnowledgeRoutes {

    private static final String KNOWLEDGE = "/api/v1/knowledge";
    private static final Role[] READERS = {Role.AGENT, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] EDITORS = {Role.SUPERVISOR, Role.ADMIN};
    private static final int MAX_QUERY = 200;

    private final Auth auth;
    private final JsonBodies bodies;
    private final KnowledgeBase knowledge;
    private final Clock clock;
    private final ReadLane reads;

    KnowledgeRoutes(Auth auth, JsonBodies bodies, KnowledgeBase knowledge, Clock clock, ReadLane reads) {
        this.auth = auth;
        this.bodies = bodies;
        this.knowledge = knowledge;
        this.clock = clock;
        this.reads = reads;
    }

    void register(RouteTable routes) {
        routes.get(KNOWLEDGE, this::search);
        routes.post(KNOWLEDGE, this::create);
        routes.get(KNOWLEDGE + "/{id}", this::show);
        routes.put(KNOWLEDGE + "/{id}", this::change);
        routes.delete(KNOWLEDGE + "/{id}", this::remove);
    }

    /** An entry as clients write it; {@code version} is the one a change was made to. */
    record ArticleRequest(
            @Nullable String id,
            @Nullable String kind,
            @Nullable String title,
            @Nullable String body,
            @Nullable List<String> tags,
            @Nullable Integer version) {}

    private void search(Context ctx) {
        auth.require(ctx, READERS);
        String q = ctx.queryParam("q");
        String query = q == null ? "" : q;
        if (query.length() > MAX_QUERY) {
            throw ApiException.badRequest("'q' has at most " + MAX_QUERY + " characters");
        }
        TextRules.checked(query);
        String kindName = ctx.queryParam("kind");
        Article.Kind kind = kindName == null ? null : kind(kindName);
        int limit = Limits.of(ctx, 20, KnowledgeBase.MAX_RESULTS);
        reads.json(
                ctx,
                () -> Map.of(
                        "articles",
                        knowledge.search(query, kind, limit).stream()
                                .map(KnowledgeRoutes::json)
                                .toList()));
    }

    private void show(Context ctx) {
        auth.require(ctx, READERS);
        UUID id = id(ctx);
        reads.json(ctx, () -> json(knowledge.find(id).orElseThrow(() -> missing(id))));
    }

    private void create(Context ctx) {
        Principal editor = auth.require(ctx, EDITORS);
        Idempotency.refuseKey(ctx, "choose the entry's 'id' instead; a repeat answers 409 exists");
        ArticleRequest request = bodies.read(ctx, ArticleRequest.class);
        if (request.version() != null) {
            throw ApiException.badRequest("a new entry has no 'version'");
        }
        String chosen = request.id();
        UUID id = chosen == null ? ContactIds.next(clock.nowInMs()) : parseId(chosen);
        Article saved = stored(knowledge.save(draft(id, request), null, editor.name(), clock.nowInMs()), id);
        ctx.status(201).header("Location", KNOWLEDGE + "/" + id).json(json(saved));
    }

    private void change(Context ctx) {
        Principal editor = auth.require(ctx, EDITORS);
        Idempotency.refuseKey(ctx, "a repeat answers 409 stale, with the entry as it stands");
        UUID id = id(ctx);
        ArticleRequest request = bodies.read(ctx, ArticleRequest.class);
        Integer version = request.version();
        if (version == null) {
            throw ApiException.badRequest("'version' is required: the version of the entry this change was made to");
        }
        if (request.id() != null && !id.toString().equals(request.id())) {
            throw ApiException.badRequest("'id' is the path's; leave it out");
        }
        ctx.json(json(stored(knowledge.save(draft(id, request), version, editor.name(), clock.nowInMs()), id)));
    }

    private void remove(Context ctx) {
        Principal editor = auth.require(ctx, EDITORS);
        Idempotency.refuseKey(ctx, "a repeat answers 404");
        UUID id = id(ctx);
        String version = ctx.queryParam("version");
        if (version == null || !version.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("'version' is required: the version of the entry to remove, ?version=3");
        }
        done(knowledge.delete(id, Integer.parseInt(version), editor.name(), clock.nowInMs()), id);
        ctx.status(204);
    }

    private static KnowledgeBase.Draft draft(UUID id, ArticleRequest request) {
        String kind = request.kind();
        if (kind == null) {
            throw ApiException.badRequest("'kind' is required: article or answer");
        }
        // a missing title or body is refused as an empty one is; no tags are none
        String title = request.title() == null ? "" : request.title();
        String body = request.body() == null ? "" : request.body();
        List<String> tags = request.tags() == null ? List.of() : request.tags();
        try {
            return new KnowledgeBase.Draft(id, kind(kind), title, body, tags);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "the entry is invalid"));
        }
    }

    /** The entry as stored by a creation or a change (a removal's is null, {@link #done}), or the refusal. */
    private static Article stored(Saved saved, UUID id) {
        return Objects.requireNonNull(done(saved, id), "a created or changed entry is answered as stored");
    }

    /** The entry as stored (null after a removal), or the refusal thrown. */
    private static @Nullable Article done(Saved saved, UUID id) {
        return switch (saved) {
            case Saved.Done done -> done.article();
            case Saved.Missing missing -> throw missing(id);
            case Saved.Exists exists -> throw ApiException.conflict("an entry with id " + id + " exists already");
            case Saved.TitleTaken taken ->
                throw new ApiException(
                        409, "title_taken", "another entry of this kind is titled '" + taken.title() + "'");
            case Saved.Stale stale ->
                throw new ApiException(
                        409,
                        "stale",
                        "the entry was changed meanwhile by " + stale.current().updatedBy() + "; it is at version "
                                + stale.current().version(),
                        Map.of("current", json(stale.current())));
        };
    }

    private static Article.Kind kind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "article" -> Article.Kind.ARTICLE;
            case "answer" -> Article.Kind.ANSWER;
            default -> throw ApiException.badRequest("'kind' is article or answer");
        };
    }

    private static UUID id(Context ctx) {
        try {
            return ContactIds.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such entry: an id is a UUID of 36 characters");
        }
    }

    private static UUID parseId(String text) {
        try {
            return ContactIds.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'id' must be a UUID of 36 characters");
        }
    }

    private static ApiException missing(UUID id) {
        return ApiException.notFound("no entry " + id + " in the knowledge base");
    }

    static Map<String, Object> json(Article a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id().toString());
        body.put("kind", a.kind().wireName());
        body.put("title", a.title());
        body.put("body", a.body());
        body.put("tags", a.tags());
        body.put("version", a.version());
        body.put("updatedAt", EventJson.iso(a.updatedAtMs()));
        body.put("updatedBy", a.updatedBy());
        return body;
    }
}
