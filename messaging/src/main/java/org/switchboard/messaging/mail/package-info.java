/**
 * The e-mail channel: mailboxes read over IMAP (IDLE, or polling), each new message an {@code email} contact or a
 * further message in its thread, and the operators' answers sent over SMTP submission in the same thread ({@link
 * org.switchboard.messaging.mail.MailGateway}). MIME is read by {@link org.switchboard.messaging.mail.MailReader},
 * which never throws on what a sender wrote.
 */
@NullMarked
package org.switchboard.messaging.mail;

import org.jspecify.annotations.NullMarked;
