#!/usr/bin/env python3
"""A flood of wrong sign-ins from one client, and another client signing in with the right password meanwhile.

    bench/load/signin-flood.py --url http://127.0.0.1:8080 --flood 200 --good +79120000001 'its password' \
        [--staff] [--flood-from 203.0.113.7 --good-from 198.51.100.9] [--tries 5]

The flood is --flood concurrent sign-ins to random numbers (or names, with --staff) with wrong passwords; --tries
sign-ins of the good client follow, one after the other, 0.3 s after the flood began. --flood-from and --good-from
send X-Forwarded-For (for a server that trusts 127.0.0.1 as a proxy: http.trusted-proxies=127.0.0.1), so that the two
are different clients on one host. Prints the flood's answers by status and error, and each good try's status and
time. Standard library only.
"""
import argparse
import collections
import http.client
import json
import random
import threading
import time
import urllib.parse


def sign_in(url, staff, who, password, forwarded_for):
    target = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    body = {"name": who, "password": password} if staff else {"msisdn": who, "password": password}
    path = "/api/v1/session" if staff else "/api/v1/portal/session"
    started = time.monotonic()
    connection.request("POST", path, json.dumps(body), headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    error = ""
    if payload.startswith(b"{"):
        error = json.loads(payload).get("error", "")
    return response.status, error, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--good", nargs=2, metavar=("WHO", "PASSWORD"), required=True)
    parser.add_argument("--staff", action="store_true")
    parser.add_argument("--flood-from")
    parser.add_argument("--good-from")
    parser.add_argument("--tries", type=int, default=5)
    args = parser.parse_args()

    answers = collections.Counter()

    def flood_one(i):
        who = f"nobody{random.randrange(10**9)}" if args.staff else f"+7999{random.randrange(10**7):07d}"
        try:
            status, error, _ = sign_in(args.url, args.staff, who, f"wrong password {i}", args.flood_from)
            answers[f"{status} {error}".strip()] += 1
        except OSError as e:
            answers[type(e).__name__] += 1

    threads = [threading.Thread(target=flood_one, args=(i,)) for i in range(args.flood)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    good = [sign_in(args.url, args.staff, args.good[0], args.good[1], args.good_from) for _ in range(args.tries)]
    for thread in threads:
        thread.join()
    print(f"flood: {args.flood} sign-ins in {time.monotonic() - began:.2f} s: "
          + ", ".join(f"{count} × {answer}" for answer, count in answers.most_common()))
    print("good client: " + ", ".join(f"{status}{' ' + error if error else ''} in {seconds:.2f} s"
                                      for status, error, seconds in good))


if __name__ == "__main__":
    main()
