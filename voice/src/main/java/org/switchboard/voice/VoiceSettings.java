package org.switchboard.voice;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.net.AddressBlocks;

/**
 * How the voice channel listens and where its calls go.
 *
 * @param sipHost        the address SIP listens on (UDP and TCP)
 * @param sipPort        the SIP port; 0 picks a free one
 * @param trunks         who may send INVITEs: the operator's switch and SIP trunks
 * @param serviceNumbers the numbers subscribers dial (the Request-URI's user part), e.g. 111
 * @param ivr            the voice menu callers hear, which chooses their queue
 * @param rtpPortMin     the lowest port of the range media is received on
 * @param rtpPortMax     the highest (inclusive)
 * @param promptsDir     recordings that replace the built-in ones, or null
 * @param dialOut        where callbacks are dialled (the operator's switch), or null: then agents place them
 * @param rtpRealtimePriority the real-time priority (SCHED_FIFO, 1-99) the thread that paces every call's RTP asks
 *                       for, or 0 to leave it an ordinary thread
 */
public record VoiceSettings(
        String sipHost,
        int sipPort,
        AddressBlocks trunks,
        Set<String> serviceNumbers,
        Ivr ivr,
        int rtpPortMin,
        int rtpPortMax,
        @Nullable Path promptsDir,
        @Nullable DialOut dialOut,
        int rtpRealtimePriority) {

    public VoiceSettings {
        Objects.requireNonNull(sipHost, "sipHost");
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(ivr, "ivr");
        serviceNumbers = Set.copyOf(serviceNumbers);
        if (sipPort < 0 || sipPort > 65_535) {
            throw new IllegalArgumentException("sip.port must be 0..65535, was " + sipPort);
        }
        if (rtpPortMin < 1024 || rtpPortMax > 65_534 || rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("rtp.port-min..rtp.port-max must be a range within 1024..65534, was "
                    + rtpPortMin + ".." + rtpPortMax);
        }
        if (rtpRealtimePriority < 0 || rtpRealtimePriority > 99) {
            throw new IllegalArgumentException("rtp.realtime-priority must be 0..99, was " + rtpRealtimePriority);
        }
    }

    /** Settings whose media clock is an ordinary thread. */
    public VoiceSettings(
            String sipHost,
            int sipPort,
            AddressBlocks trunks,
            Set<String> serviceNumbers,
            Ivr ivr,
            int rtpPortMin,
            int rtpPortMax,
            @Nullable Path promptsDir,
            @Nullable DialOut dialOut) {
        this(sipHost, sipPort, trunks, serviceNumbers, ivr, rtpPortMin, rtpPortMax, promptsDir, dialOut, 0);
    }
}
