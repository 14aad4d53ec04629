package org.switchboard.selfservice;

/**
 * What the subscriber's phone shows next: {@code text}, and whether the session goes on (the phone offers a reply
 * box) or ends with it.
 */
public record UssdScreen(String text, boolean goesOn) {

    static UssdScreen more(String text) {
        return new UssdScreen(text, true);
    }

    static UssdScreen last(String text) {
        return new UssdScreen(text, false);
    }
}
