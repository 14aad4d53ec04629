package org.switchboard.web;

import io.javalin.http.Context;

/** The {@code limit} query parameter of the routes that list: how many items a page holds. */
final class Limits {

    private Limits() {}

    /** The request's {@code limit}: {@code byDefault} when absent; 400 unless a whole number from 1 to {@code max}. */
    static int of(Context ctx, int byDefault, int max) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return byDefault;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.badRequest("'limit' must be a whole number from 1 to " + max);
    }
}
