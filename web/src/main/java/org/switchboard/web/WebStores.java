package org.switchboard.web;

import java.util.Objects;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.KnowledgeBase;
import org.switchboard.core.port.PersonalData;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.SubscriberEmails;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.core.port.VoiceMenus;

/**
 * The stores the API reads and writes besides the engine, each behind its port.
 *
 * @param history          contact timelines, for contacts that ended and for every timeline shown
 * @param subscribers      the subscriber registry behind the subscriber card, the code-word check and account changes
 * @param codeWordAttempts the limit on wrong code words per line, shared by every node of the center
 * @param tokens           bearer tokens of agents and users
 * @param staff            staff passwords and the browser sessions they open
 * @param phones           the SIP credentials of agents' desk phones, issued and revoked by administrators
 * @param recordings       recorded conversations, listed and played to supervisors and their own agents
 * @param audit            where views of subscriber data and configuration changes are recorded
 * @param knowledge        articles and canned answers operators search, supervisors keep
 * @param reasons          the not-ready reasons and dispositions operators pick from, administrators keep
 * @param voiceMenus       the voice menu administrators edit
 * @param selfService      what subscribers did themselves, for the deflection report
 * @param usage            the lines' itemized records, as billing fed them
 * @param personalData     erasure of what the database holds about a subscriber
 * @param portal           subscribers' sign-in to the self-service portal and their sessions
 */
public record WebStores(
        ContactHistory history,
        SubscriberRegistry subscribers,
        CodeWordAttempts codeWordAttempts,
        AccessTokens tokens,
        StaffAccounts staff,
        PhoneCredentials phones,
        Recordings recordings,
        AuditLog audit,
        KnowledgeBase knowledge,
        ReasonCodes reasons,
        VoiceMenus voiceMenus,
        SelfServiceLog selfService,
        UsageRecords usage,
        PersonalData personalData,
        PortalAccounts portal,
        SubscriberEmails emails,
        Attachments attachments) {

    public WebStores {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(subscribers, "subscribers");
        Objects.requireNonNull(codeWordAttempts, "codeWordAttempts");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(phones, "phones");
        Objects.requireNonNull(recordings, "recordings");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(voiceMenus, "voiceMenus");
        Objects.requireNonNull(selfService, "selfService");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(emails, "emails");
        Objects.requireNonNull(attachments, "attachments");
    }
}
