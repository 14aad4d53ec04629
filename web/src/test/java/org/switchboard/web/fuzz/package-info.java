/**
 * A fuzzer of the HTTP API, driven by its OpenAPI document: {@link org.switchboard.web.fuzz.ApiFuzzer} sends hostile
 * requests and scenes of the center at work to a running server, holds every answer to
 * {@link org.switchboard.web.fuzz.AnswerRules}, and checks the center afterwards. Plain HTTP and JSON only, so the
 * same campaign runs in the test suite ({@code ApiFuzzTest}, an in-process center) and, longer, against a started
 * server ({@code org.switchboard.bench.ApiFuzz}, see docs/benchmarks.md).
 */
package org.switchboard.web.fuzz;
