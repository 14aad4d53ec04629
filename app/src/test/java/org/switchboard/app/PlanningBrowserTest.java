package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
            assertThat(planner.find("#launch-status").getText()).contains("already counts its calls");
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
}
