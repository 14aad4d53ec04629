package org.switchboard.voice;

/**
 * What hears a bridged conversation besides its two parties (a recording, a supervisor listening in): the bridge's
 * relay threads hand it every RTP packet they relay, both in the caller's codec. It must neither block nor keep the
 * packet (its buffer is reused); what is not audio of that codec it ignores.
 */
interface BridgeTap {

    /** One RTP packet of the caller's, {@code length} bytes, as relayed to the agent. */
    void caller(byte[] packet, int length);

    /** One RTP packet of the agent's, already in the caller's codec, as relayed to the caller. */
    void agent(byte[] packet, int length);
}
