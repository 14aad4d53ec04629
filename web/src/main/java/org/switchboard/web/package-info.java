/**
 * The HTTP face of the contact center: the REST API under {@code /api/v1}, the WebSocket event stream, bearer-token
 * authentication with roles, health, Prometheus metrics and the OpenAPI document.
 *
 * <pre>
 *  HTTP request ──▶ Auth (bearer token → Principal, role check)
 *                ──▶ QueueRoutes / AgentRoutes / UserRoutes / PhoneRoutes / ContactRoutes / SubscriberRoutes
 *                      └─▶ CenterGateway: ContactCenter.submit(command) / read(view → snapshot)
 *                ◀── JSON, or {"error": code, "detail": sentence} from ApiErrors (the one exception→status mapper)
 *
 *  ContactCenter ──events (writer thread)──▶ EventStream ──own executor──▶ WebSocket sessions (filtered by role)
 * </pre>
 *
 * <p>The web never touches routing state: it sends {@link org.switchboard.core.message.Command}s and reads immutable
 * views on the routing thread. Every refusal leaves the center unchanged. {@link org.switchboard.web.WebServer} is
 * the only entry point; everything else is package-private.
 *
 * <p>Nullness (JSpecify, checked by NullAway): every component of a record a request body is read into is
 * {@code @Nullable}, since a client may leave any field out or send {@code null}: a required one that is missing is
 * refused with 400, an optional one takes its default. Query parameters, headers and cookies may be absent too.
 */
@NullMarked
package org.switchboard.web;

import org.jspecify.annotations.NullMarked;
