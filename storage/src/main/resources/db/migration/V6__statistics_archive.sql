-- Switchboard storage, version 6: closed statistics per queue and per agent, kept for reports and forecasts (at
-- least 400 days) so that they never depend on the raw journal. One row per subject and 15-minute interval, and per
-- subject and local day of the center's zone. Figures are sums and counts (docs/metrics.md); averages are derived.
CREATE TABLE interval_statistics (
    subject_kind              VARCHAR(8)  NOT NULL,  -- QUEUE or AGENT
    subject_id                VARCHAR(64) NOT NULL,
    start_ms                  BIGINT      NOT NULL,
    end_ms                    BIGINT      NOT NULL,
    offered                   BIGINT      NOT NULL,
    answered                  BIGINT      NOT NULL,
    answered_within_threshold BIGINT      NOT NULL,
    delayed                   BIGINT      NOT NULL,
    abandoned                 BIGINT      NOT NULL,
    short_abandoned           BIGINT      NOT NULL,
    transferred               BIGINT      NOT NULL,
    callbacks_requested       BIGINT      NOT NULL,
    callbacks_completed       BIGINT      NOT NULL,
    handled                   BIGINT      NOT NULL,
    total_answer_wait_ms      BIGINT      NOT NULL,
    total_handle_ms           BIGINT      NOT NULL,
    total_wrap_up_ms          BIGINT      NOT NULL,
    longest_wait_ms           BIGINT      NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, start_ms)
);

CREATE TABLE daily_statistics (
    subject_kind              VARCHAR(8)  NOT NULL,
    subject_id                VARCHAR(64) NOT NULL,
    start_ms                  BIGINT      NOT NULL,  -- the local midnight that starts the day
    end_ms                    BIGINT      NOT NULL,
    offered                   BIGINT      NOT NULL,
    answered                  BIGINT      NOT NULL,
    answered_within_threshold BIGINT      NOT NULL,
    delayed                   BIGINT      NOT NULL,
    abandoned                 BIGINT      NOT NULL,
    short_abandoned           BIGINT      NOT NULL,
    transferred               BIGINT      NOT NULL,
    callbacks_requested       BIGINT      NOT NULL,
    callbacks_completed       BIGINT      NOT NULL,
    handled                   BIGINT      NOT NULL,
    total_answer_wait_ms      BIGINT      NOT NULL,
    total_handle_ms           BIGINT      NOT NULL,
    total_wrap_up_ms          BIGINT      NOT NULL,
    longest_wait_ms           BIGINT      NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, start_ms)
);
