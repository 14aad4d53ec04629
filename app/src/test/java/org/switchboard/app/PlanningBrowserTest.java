package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The planner's page in a real headless Chromium against the demo: the demo planner signs in and lands on it,
 * forecasts from an imported history (docs/examples/history.csv), staffs the forecast, builds a week's schedule,
 * replays a day of real calls (docs/examples/calls.csv) with its staffing and plans the launch day; each step draws
 * its chart.
 */
class PlanningBrowserTest {

    private final Path screenshots = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));
    private final Path examples =
            Path.of("..", "docs", "examples").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @TempDir
    Path files;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDemoPlannerForecastsStaffsSchedulesAndReplays() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        try (Browser planner = new Browser(server.port)) {
            planner.signIn(Demo.PLANNER, DemoAccounts.password(data, Demo.PLANNER), "/planning");
            planner.awaitText("#queue", "info");

            planner.find("#history-file")
                    .sendKeys(examples.resolve("history.csv").toString());
            planner.find("#special").sendKeys("2026-12-08,launch,1.8");
            planner.find("#forecast-form button[type='submit']").click();
            planner.awaitText("#forecast-status", "intervals forecast");
            assertThat(planner.find("#forecast-status").getText()).contains("info:");
            assertThat(planner.driver.findElements(By.cssSelector("#forecast-chart polyline.line")))
                    .hasSize(14); // one line a day: the center is closed at night
            assertThat(planner.driver.findElements(By.cssSelector("#forecast-chart polygon.band")))
                    .hasSize(14); // and so is its prediction interval
            assertThat(planner.driver.findElements(By.cssSelector("#backtest tbody tr")))
                    .hasSize(4);

            planner.find("#staffing-form button[type='submit']").click();
            planner.awaitText("#staffing-status", "agents on the schedule");
            assertThat(planner.driver.findElements(By.cssSelector("#staffing-chart rect.bar")))
                    .isNotEmpty();

            planner.find("#schedule-form button[type='submit']").click();
            planner.await(60, d -> planner.find("#schedule-status").getText().contains("paid hours"));
            String summary = planner.find("#schedule-status").getText();
            assertThat(summary).matches("(?s)\\d+ agents, \\d+ shifts, .*short 0\\.0 agent-hours.*");
            assertThat(planner.find("#coverage-chart").getAttribute("src")).startsWith("data:image/svg+xml");
            assertThat(planner.driver.findElements(By.cssSelector("#shifts tbody tr")))
                    .isNotEmpty();
            assertThat(planner.find("#shifts tbody tr:first-child td:nth-child(2)")
                            .getText())
                    .matches("\\w{3} \\d{1,2} \\w{3}, \\d{2}:\\d{2}"); // e.g. Mon 7 Dec, 08:00: a 24-hour clock
            List<Integer> agents =
                    planner.driver.findElements(By.cssSelector("#shifts tbody tr td:first-child")).stream()
                            .map(cell -> Integer.parseInt(cell.getText().replace("agent-", "")))
                            .toList();
            assertThat(agents).isSorted(); // agent by agent, agent-2 before agent-10
            planner.screenshot(screenshots.resolve("planning-schedule.png"));

            planner.find("#calls-file").sendKeys(examples.resolve("calls.csv").toString());
            planner.find("#staffing-file")
                    .sendKeys(examples.resolve("staffing.csv").toString());
            planner.find("#replay-form button[type='submit']").click();
            planner.await(60, d -> planner.find("#replay-status").getText().contains("2603 calls in"));
            assertThat(planner.driver.findElements(By.cssSelector("#replay-total tbody tr")))
                    .hasSize(2);
            assertThat(planner.find("#replay-total tbody tr:first-child").getText())
                    .startsWith("The log 2603");
            assertThat(planner.driver.findElements(By.cssSelector("#replay-chart polyline.log")))
                    .isNotEmpty();
            assertThat(planner.driver.findElements(By.cssSelector("#replay-chart polyline:not(.log)")))
                    .isNotEmpty();
            assertThat(planner.find("#error").getText()).isEmpty();

            // the what-if: a callback for callers told to wait more than 30 s
            planner.find("#callback-after").sendKeys("30");
            planner.find("#replay-form button[type='submit']").click();
            planner.await(
                    60,
                    d -> !planner.find("#replay-total tbody tr:last-child td:nth-of-type(4)")
                            .getText()
                            .equals("0"));
            assertThat(Integer.parseInt(planner.find("#replay-total tbody tr:last-child td:nth-of-type(4)")
                            .getText()))
                    .as("callbacks in the replay")
                    .isPositive();
            planner.driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
            planner.screenshot(screenshots.resolve("planning-replay.png"));

            // the launch day marked in step 1 is the one proposed; its plan keeps the ASA with nobody told busy
            assertThat(planner.find("#launch-on").getAttribute("value")).isEqualTo("2026-12-08");
            // the forecast already counts the marked launch: the uplift on top of it starts at 1, not counted twice
            assertThat(planner.find("#uplift").getAttribute("value")).isEqualTo("1");
            assertThat(planner.find("#uplift-hint").getText()).contains("already counts its calls");
            planner.find("#launch-take-up").clear();
            planner.find("#launch-take-up").sendKeys("60"); // two in five callers offered a callback wait on
            planner.find("#launch-form button[type='submit']").click();
            planner.await(60, d -> planner.find("#launch-status").getText().contains("nobody told busy"));
            assertThat(planner.find("#launch-status").getText()).contains("extra agent-hours, at most");
            List<WebElement> options = planner.driver.findElements(By.cssSelector("#launch-options tbody tr"));
            assertThat(options).hasSizeGreaterThan(1);
            // a threshold's row (its name a th, then the figures): the callers offered one, who took it or declined
            List<WebElement> offering = options.getLast().findElements(By.tagName("td"));
            assertThat(offering).hasSize(8);
            assertThat(Long.parseLong(offering.get(4).getText())
                            + Long.parseLong(offering.get(5).getText()))
                    .isPositive();
            assertThat(planner.driver.findElements(By.cssSelector("#launch-options tbody tr.chosen")))
                    .hasSize(1);
            assertThat(planner.driver.findElements(By.cssSelector("#launch-chart polyline.log")))
                    .isNotEmpty();
            assertThat(planner.driver.findElements(By.cssSelector("#launch-chart line.target")))
                    .hasSize(1); // the ASA's target
            List<Double> axis = planner.driver.findElements(By.cssSelector("#launch-chart text.end")).stream()
                    .map(label -> Double.parseDouble(label.getText()))
                    .toList();
            assertThat(axis).hasSizeBetween(3, 6).first().isEqualTo(0.0);
            assertThat(axis).allSatisfy(v -> assertThat(v / axis.get(1) % 1).isZero()); // round steps
            assertThat(planner.find("#launch-report").getAttribute("href")).startsWith("blob:");
            assertThat(planner.find("#error").getText()).isEmpty();
            planner.driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
            planner.screenshot(screenshots.resolve("planning-launch.png"));
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }

    /**
     * On a phone (390 px wide) the page never scrolls sideways, with every step's result on it. Step 1 run again on
     * a file with a bad line clears what was drawn from the earlier forecast (the staffing, the schedule, the replay
     * of step 2's staffing, the launch plan) and says why at step 1, by the file's line and column, the file's input
     * marked; the later steps wait for step 1. A value the browser refuses, and a forecast run again, clear the error.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFailedForecastClearsWhatWasDrawnFromItAndAPhoneNeverScrollsSideways() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        try (Browser planner = new Browser(server.port)) {
            planner.driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            planner.signIn(Demo.PLANNER, DemoAccounts.password(data, Demo.PLANNER), "/planning");
            planner.awaitText("#queue", "info");
            assertThat(planner.find("#staffing-note").getText()).contains("forecast first");
            planner.screenshot(screenshots.resolve("planning-phone-top.png"));

            String history = examples.resolve("history.csv").toString();
            planner.find("#history-file").sendKeys(history);
            planner.find("#horizon").clear();
            planner.find("#horizon").sendKeys("21");
            submit(planner, "forecast");
            planner.awaitText("#forecast-status", "intervals forecast");
            submit(planner, "staffing");
            planner.awaitText("#staffing-status", "agents on the schedule");
            // three weeks' shifts: more than the table shows, and it says so
            planner.find("#schedule-days").clear();
            planner.find("#schedule-days").sendKeys("21");
            submit(planner, "schedule");
            planner.await(60, d -> planner.find("#schedule-status").getText().contains("paid hours"));
            assertThat(planner.find("#shifts-note").getText()).matches("Showing 500 of \\d+ shifts: .*Shifts CSV.*");
            assertThat(planner.driver.findElements(By.cssSelector("#shifts tbody tr")))
                    .hasSize(500);
            // step 4 replays with step 2's staffing and says within how many seconds it measures the service level
            assertThat(planner.find("#replay-sl-seconds").getAttribute("value")).isEqualTo("20");
            planner.find("#calls-file").sendKeys(examples.resolve("calls.csv").toString());
            submit(planner, "replay");
            planner.await(60, d -> planner.find("#replay-status").getText().contains("within 20 s"));
            assertThat(planner.find("#launch-sl-seconds").getAttribute("value")).isEqualTo("20");
            submit(planner, "launch");
            planner.await(60, d -> planner.find("#launch-status").getText().contains("nobody told busy"));
            assertThat(planner.driver.findElements(By.cssSelector("#launch-chart svg[viewBox]")))
                    .hasSize(1);
            // this day's waits make one threshold step move most callers to a callback: the page says why
            assertThat(planner.find("#launch-options-note").getText())
                    .matches("From \\d+ s to \\d+ s the callbacks go from \\d+ to \\d+ of \\d+ calls: .*")
                    .contains("keeps their place in line");
            assertFitsTheScreen(planner);
            for (String step : List.of("forecast", "schedule", "replay", "launch")) {
                scrollTo(planner, step);
                planner.screenshot(screenshots.resolve("planning-phone-" + step + ".png"));
            }
            // the charts are drawn to their box's width, and again when it changes
            String phoneChart = planner.find("#launch-chart svg").getDomAttribute("viewBox");
            planner.driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            planner.await(
                    10,
                    d -> !planner.find("#launch-chart svg")
                            .getDomAttribute("viewBox")
                            .equals(phoneChart));
            assertFitsTheScreen(planner);
            for (String step : List.of("schedule", "launch")) {
                scrollTo(planner, step);
                planner.screenshot(screenshots.resolve("planning-1280-" + step + ".png"));
            }
            planner.driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));

            // step 1's input changes: the figures drawn from it are out of date, and step 2 waits for step 1
            Path bad = files.resolve("bad-history.csv");
            Files.writeString(
                    bad,
                    "interval_start,queue,offered,aht_seconds\n2026-07-13T08:00,info,47,196\n\n"
                            + "2026-07-13T25:00,info,84,194\n");
            planner.find("#history-file").sendKeys(bad.toString());
            assertThat(planner.find("#staffing-note").getText()).contains("Out of date", "step 1");
            assertThat(planner.find("#staffing-form button[type='submit']").isEnabled())
                    .isFalse();
            scrollTo(planner, "staffing");
            planner.screenshot(screenshots.resolve("planning-phone-out-of-date.png"));

            // and run again, it fails: said at step 1, the line as the file numbers it (the header is line 1)
            submit(planner, "forecast");
            planner.awaitText("#forecast-error", "bad-history.csv line 4: interval_start");
            assertThat(planner.find("#history-file").getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(planner.find("#error").getText()).isEmpty();
            for (String chart : List.of("forecast", "staffing", "replay", "launch")) {
                assertThat(planner.driver.findElements(By.cssSelector("#" + chart + "-chart svg")))
                        .as("the " + chart + " chart")
                        .isEmpty();
            }
            for (String table : List.of("backtest", "shifts", "replay-total", "launch-options")) {
                assertThat(planner.find("#" + table).isDisplayed()).as(table).isFalse();
            }
            assertThat(planner.find("#coverage-chart").isDisplayed()).isFalse();
            assertThat(planner.find("#launch-options-note").getText()).isEmpty();
            for (String link : List.of("forecast-csv", "staffing-csv", "shifts-csv", "launch-report")) {
                assertThat(planner.find("#" + link).isDisplayed()).as(link).isFalse();
            }
            for (String step : List.of("staffing", "schedule", "replay", "launch")) {
                assertThat(planner.find("#" + step + "-status").getText())
                        .as(step)
                        .isEmpty();
                assertThat(planner.find("#" + step + "-note").getText())
                        .as(step)
                        .contains("cleared")
                        .containsIgnoringCase("step 1 failed");
            }
            for (String step : List.of("staffing", "schedule", "launch")) {
                assertThat(planner.find("#" + step + "-form button[type='submit']")
                                .isEnabled())
                        .as(step)
                        .isFalse();
            }
            assertFitsTheScreen(planner);
            scrollTo(planner, "forecast");
            planner.screenshot(screenshots.resolve("planning-phone-failed.png"));

            // a value the browser refuses: the earlier error goes, the browser's own sentence is said at the step
            planner.find("#horizon").clear();
            planner.find("#horizon").sendKeys("0");
            submit(planner, "forecast");
            planner.awaitText("#forecast-error", "Days ahead");
            assertThat(planner.find("#forecast-error").getText()).doesNotContain("bad-history");
            assertThat(planner.find("#history-file").getAttribute("aria-invalid"))
                    .isNull();

            // a row the API refuses by the interval it is for: its line, its column as the file names it, its time
            planner.find("#horizon").clear();
            planner.find("#horizon").sendKeys("14");
            Path zero = files.resolve("zero-aht.csv");
            Files.writeString(
                    zero,
                    "interval_start,queue,offered,aht_seconds\n2026-07-13T08:00,info,47,196\n2026-07-13T08:30,info,84,0\n");
            planner.find("#history-file").sendKeys(zero.toString());
            submit(planner, "forecast");
            planner.awaitText("#forecast-error", "zero-aht.csv line 3 (info, Mon 13 Jul, 08:30)");
            assertThat(planner.find("#forecast-error").getText())
                    .contains("aht_seconds must be 0.001..86400")
                    .doesNotContain("offered must")
                    .doesNotContain("ahtSeconds");

            // the forecast run again on the good file: no error, and step 2 is asked to run on the new one
            planner.find("#history-file").sendKeys(history);
            submit(planner, "forecast");
            planner.awaitText("#forecast-status", "intervals forecast");
            assertThat(planner.find("#forecast-error").getText()).isEmpty();
            assertThat(planner.find("#horizon").getAttribute("aria-invalid")).isNull();
            assertThat(planner.find("#staffing-note").getText()).contains("new figures");
            assertThat(planner.find("#staffing-form button[type='submit']").isEnabled())
                    .isTrue();
            assertThat(planner.find("#schedule-note").getText()).contains("the forecast first (step 2)");
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }

    private static void scrollTo(Browser browser, String step) {
        browser.driver.executeScript("document.getElementById(arguments[0]).scrollIntoView()", step + "-title");
    }

    private static void submit(Browser browser, String step) {
        browser.find("#" + step + "-form button[type='submit']").click();
    }

    /** The page is no wider than the screen: nothing to scroll sideways. */
    private static void assertFitsTheScreen(Browser browser) {
        List<?> widths = (List<?>) browser.driver.executeScript(
                "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];");
        assertThat(((Number) widths.get(0)).longValue())
                .as("the page's width against the screen's (%s)", widths.get(1))
                .isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
    }
}
