package org.switchboard.voice;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 */
public record VoiceSettings(
        String sipHost,
        int sipPort,
        Trunks trunks,
        Set<String> serviceNumbers,
        Ivr ivr,
        int rtpPortMin,
        int rtpPortMax,
        @Nullable Path promptsDir,
        @Nullable DialOut dialOut) {

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
    }
}
