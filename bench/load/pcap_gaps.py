#!/usr/bin/env python3
"""RTP timing as the kernel saw it: reads a pcap of RTP over UDP (tcpdump -i lo, Ethernet or Linux cooked framing) and
prints, over all streams (SSRC), the inter-packet gaps' median, p99, p99.9 and maximum, and the streams whose own p99
gap is 25 ms or more. The capture's timestamps are the kernel's, taken when the packet passed the loopback device, so
unlike a receiving program's clock they do not include the receiver's own scheduling delays: they show how regularly
the sender sent. Each stream's first second is skipped, as bench RtpGaps does.

    bench/load/pcap_gaps.py CAPTURE.pcap
"""
import struct
import sys

WARM_UP = 1.0


def packets(path):
    with open(path, "rb") as f:
        header = f.read(24)
        magic, _, _, _, _, _, link = struct.unpack("<IHHiIII", header)
        if magic == 0xA1B2C3D4:
            scale = 1e-6
        elif magic == 0xA1B23C4D:
            scale = 1e-9
        else:
            sys.exit(f"{path}: not a little-endian pcap")
        link_header = {1: 14, 113: 16, 276: 20}.get(link)
        if link_header is None:
            sys.exit(f"{path}: link type {link} not supported")
        record = struct.Struct("<IIII")
        while True:
            head = f.read(16)
            if len(head) < 16:
                return
            seconds, fraction, captured, _ = record.unpack(head)
            data = f.read(captured)
            ip = link_header
            if len(data) < ip + 20 or data[ip] >> 4 != 4:
                continue
            udp = ip + (data[ip] & 0x0F) * 4
            rtp = udp + 8
            if len(data) < rtp + 12 or data[rtp] >> 6 != 2:
                continue
            ssrc = struct.unpack_from(">I", data, rtp + 8)[0]
            yield seconds + fraction * scale, ssrc


def percentile(ordered, p):
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main():
    first, last, gaps = {}, {}, {}
    count = 0
    for at, ssrc in packets(sys.argv[1]):
        count += 1
        if ssrc not in first:
            first[ssrc] = at
            gaps[ssrc] = []
        elif at - first[ssrc] > WARM_UP:
            gaps[ssrc].append((at - last[ssrc]) * 1000)
        last[ssrc] = at
    everything = sorted(g for stream in gaps.values() for g in stream)
    if not everything:
        sys.exit("no RTP in the capture")
    late = sum(1 for stream in gaps.values() if stream and percentile(sorted(stream), 0.99) >= 25)
    print(f"kernel timestamps: {count} packets, {len(gaps)} streams; gap median {percentile(everything, 0.5):.1f} ms, "
          f"p99 {percentile(everything, 0.99):.1f} ms, p99.9 {percentile(everything, 0.999):.1f} ms, "
          f"max {everything[-1]:.1f} ms; streams with p99 >= 25 ms: {late}")


if __name__ == "__main__":
    main()
