package org.switchboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import org.switchboard.voice.SipGateway;

/**
 * The voice channel on {@code /metrics}: what its SIP side did ({@code switchboard_voice_*_total}) and what it holds
 * now (calls, agents' phones ringing or bridged, phones registered). The gateway counts; this only reads.
 */
final class VoiceMeters {

    private VoiceMeters() {}

    static void bind(SipGateway voice, MeterRegistry meters) {
        SipGateway.Figures f = voice.figures();
        counter(meters, "switchboard_voice_invites_total", "INVITEs for new calls received", f.invites);
        counter(meters, "switchboard_voice_calls_answered_total", "calls answered (200 OK sent)", f.answered);
        counter(
                meters,
                "switchboard_voice_calls_refused_total",
                "INVITEs refused: from an address that is not a trunk (403)",
                f.refusedUntrusted,
                "reason",
                "untrusted");
        counter(
                meters,
                "switchboard_voice_calls_refused_total",
                "INVITEs refused: unknown number, unusable SDP, the center unavailable",
                f.refusedOther,
                "reason",
                "other");
        counter(meters, "switchboard_voice_calls_ended_total", "calls that ended after their contact began", f.ended);
        counter(meters, "switchboard_voice_calls_bridged_total", "calls bridged to an agent's phone", f.connected);
        counter(meters, "switchboard_voice_callbacks_taken_total", "callers who pressed 1 for a callback", f.callbacks);
        counter(meters, "switchboard_voice_callbacks_dialled_total", "callback dial attempts", f.callbacksDialled);
        counter(
                meters,
                "switchboard_voice_callbacks_answered_total",
                "callback dials the subscriber answered",
                f.callbacksAnswered);
        counter(
                meters,
                "switchboard_voice_recordings_total",
                "recorded conversations listed",
                f.recordings,
                "outcome",
                "listed");
        counter(
                meters,
                "switchboard_voice_recordings_total",
                "recordings lost: the disk or the database refused them",
                f.recordingsLost,
                "outcome",
                "lost");
        Gauge.builder("switchboard_voice_calls", voice, SipGateway::activeCalls)
                .description("subscribers' calls in progress: in the menu, waiting, bridged")
                .register(meters);
        Gauge.builder("switchboard_voice_agent_legs", voice, SipGateway::agentLegs)
                .description("agents' phones ringing or bridged now")
                .register(meters);
        Gauge.builder("switchboard_voice_phones_registered", voice, SipGateway::registeredPhones)
                .description("agents' phones registered now")
                .register(meters);
    }

    private static void counter(MeterRegistry meters, String name, String help, LongAdder count, String... tags) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(help)
                .tags(tags)
                .register(meters);
    }
}
