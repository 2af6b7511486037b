package ai.gallop.serve;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The studio in real headless Chromium (Debian's chromium and chromium-driver): generate a video and watch it play,
 * vote in the arena, see the leaderboard change. Screenshots go to target/screenshots/, or to the folder named by
 * -Dgallop.screenshots (docs/screenshots to refresh the committed ones). Skipped when Chromium is absent.
 */
class StudioBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("gallop.screenshots", "target/screenshots"));
    @TempDir Path tmp;
    ServerFixture server;
    WebDriver browser;

    @BeforeEach void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (apt-get install -y chromium chromium-driver)");
        Path editor = ai.gallop.pipeline.TestModels.write(tmp.resolve("micro8-edit"));
        Files.writeString(editor.resolve("trainer.json"), ai.gallop.pipeline.TestModels.TRAINER_JSON_WITH_EDITS);
        server = new ServerFixture(ServeConfig.defaults(tmp.resolve("data"), 0).withStepDelay(Duration.ofMillis(120)).withEditModel(editor));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    private WebDriverWait waiting(int seconds) { return new WebDriverWait(browser, Duration.ofSeconds(seconds)); }

    private Object js(String script, Object... args) { return ((JavascriptExecutor) browser).executeScript(script, args); }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** True once the video element has decoded a frame (readyState >= 2) or is playing (currentTime > 0). */
    private boolean plays(String selector) {
        Object ok = js("const v = document.querySelector(arguments[0]); return !!v && (v.readyState >= 2 || v.currentTime > 0);", selector);
        return Boolean.TRUE.equals(ok);
    }

    @Test void generateWatchVoteAndRank() throws Exception {
        browser.get(server.base + "/");
        assertThat(browser.getTitle()).isEqualTo("Gallop Studio");
        waiting(20).until(d -> d.findElements(By.cssSelector("#model option")).size() >= 4);

        // generate: the progress bar is driven by the server-sent events and ends at 100%
        browser.findElement(By.id("prompt")).sendKeys("a red horse gallops across a sunlit green meadow");
        browser.findElement(By.id("size")).findElement(By.cssSelector("option[value='112x64']")).click();
        browser.findElement(By.cssSelector("#sampling summary")).click();
        browser.findElement(By.id("negative")).sendKeys("rain");
        browser.findElement(By.id("steps")).sendKeys("6");
        browser.findElement(By.id("guidance")).sendKeys("4.5");
        browser.findElement(By.id("sampler")).findElement(By.cssSelector("option[value='heun']")).click();
        browser.findElement(By.id("generate")).click();
        waiting(60).until(d -> d.findElement(By.id("progress-text")).getText().equals("100%")
                || !d.findElement(By.id("create-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("create-error")).getText()).isEmpty();
        waiting(30).until(d -> plays("#gallery video"));
        Object time = js("const v = document.querySelector('#gallery video'); return [v.readyState, v.currentTime, v.videoWidth];");
        assertThat(time.toString()).doesNotStartWith("[0");
        assertThat(browser.findElement(By.cssSelector("#gallery .meta")).getText()).contains("112x64").contains("world-oracle")
                .contains("6 steps").contains("guidance 4.5").contains(", heun").contains("not \"rain\"").doesNotContain("smoothing");
        assertThat(browser.findElement(By.cssSelector("#gallery .warning")).getText()).isEqualTo("ignored words: sunlit");
        screenshot("studio-create.png");

        // remix: the video edited by the edit model, a new card on top that says what it remixed
        String original = browser.findElement(By.cssSelector("#gallery .card")).getAttribute("data-id");
        browser.findElement(By.cssSelector("#gallery .card .remix-prompt")).sendKeys("make the horse blue");
        browser.findElement(By.cssSelector("#gallery .card .remix button")).click();
        waiting(90).until(d -> d.findElements(By.cssSelector("#gallery .card")).size() == 2
                || !d.findElement(By.id("create-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("create-error")).getText()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#gallery .meta")).getText()).startsWith("make the horse blue | 112x64")
                .contains("gallop-tiny-edit").contains("remix of " + original);

        // the leaderboard starts empty
        browser.findElement(By.id("tab-leaderboard")).click();
        waiting(10).until(d -> d.findElement(By.id("leaderboard-tables")).getText().contains("No votes yet"));

        // arena: two anonymous videos, a vote, the names revealed
        browser.findElement(By.id("tab-arena")).click();
        browser.findElement(By.id("arena-prompt")).sendKeys("a small yellow bird flies over a blue lake");
        browser.findElement(By.id("arena-start")).click();
        WebElement voteA = browser.findElement(By.id("vote-a"));
        waiting(60).until(d -> voteA.isEnabled() || !d.findElement(By.id("arena-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("arena-error")).getText()).isEmpty();
        waiting(30).until(d -> plays("#arena-video-a") && plays("#arena-video-b"));
        assertThat(browser.findElement(By.id("arena-name-a")).getText()).isEmpty();
        voteA.click();
        waiting(20).until(d -> !d.findElement(By.id("arena-name-a")).getText().isEmpty());
        String a = browser.findElement(By.id("arena-name-a")).getText(), b = browser.findElement(By.id("arena-name-b")).getText();
        assertThat(a).isNotEqualTo(b);
        assertThat(java.util.List.of("world-oracle", "still-baseline", Generators.EDIT_MODEL)).as("the hosted generators").contains(a, b);
        assertThat(browser.findElement(By.id("arena-result")).getText()).contains("t2v-audio");
        screenshot("studio-arena.png");

        // the leaderboard now ranks the model voted for first
        browser.findElement(By.id("tab-leaderboard")).click();
        waiting(20).until(d -> !d.findElements(By.cssSelector("#leaderboard-tables table tr")).isEmpty());
        var rows = browser.findElements(By.cssSelector("#leaderboard-tables table tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).getText()).contains(a);
        assertThat(browser.findElement(By.id("leaderboard-tables")).getText()).contains("t2v-audio: 1 battle");
        screenshot("studio-leaderboard.png");
    }
}
