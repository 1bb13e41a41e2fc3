package org.debforge.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in Debian's chromium, driven through Debian's chromedriver (never a downloaded one):
 * builds -> build -> log search, tags -> tag -> inheritance, and a tagger logging in and tagging a
 * build. Screenshots go to target/screenshots/.
 */
@Tag("slow")
class WebBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path tmp;
  static WebFixture f;
  static ChromeDriverService service;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (scripts/install-deps installs them)");
    f = new WebFixture(tmp.resolve("server"), true);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1366, 900));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (f != null) {
      f.close();
    }
  }

  static void shot(String name) throws Exception {
    File png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Clicks a form's button and waits for the next page (a form post does not block click()). */
  static void submit(WebElement button) {
    WebElement page = browser.findElement(By.tagName("html"));
    button.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> replaced(page));
  }

  /**
   * Whether the page an element was found on has been replaced by the next one. ChromeDriver
   * reports that as a stale element, or (Chromium 156) as an "unknown error" that the node does not
   * belong to the document, which ExpectedConditions.stalenessOf does not catch.
   */
  static boolean replaced(WebElement oldPage) {
    try {
      oldPage.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  @Test
  void buildsToBuildToLogSearch() throws Exception {
    browser.get(f.base + "/");
    assertThat(browser.getTitle()).startsWith("Builds");
    shot("builds");
    browser.findElement(By.linkText("hello_2.10-3")).click();
    assertThat(browser.getTitle()).startsWith("hello_2.10-3");
    assertThat(text("#provenance")).contains("hello <script>alert(1)</script>", "#7");
    assertThat(browser.findElement(By.id("jenkins")).getAttribute("href"))
        .isEqualTo("https://ci.debforge.invalid/job/hello/7/");
    assertThat(text("#result")).contains("succeeded");
    shot("build");
    browser.findElement(By.cssSelector("a.view[href$='build.log']")).click();
    assertThat(text("ol.crumbs")).contains("Builds", "hello_2.10-3", "build.log");
    browser.findElement(By.id("q")).sendKeys("warning");
    submit(browser.findElement(By.cssSelector("#log-search button")));
    assertThat(text("#matches")).isEqualTo("2 matching lines");
    assertThat(browser.findElements(By.cssSelector("#log mark"))).hasSize(2);
    assertThat(text("#L7")).contains("<script>alert(1)</script>"); // shown as text, not run
    shot("log-search");
  }

  @Test
  void composesToComposeToItsBuildAndTag() throws Exception {
    browser.get(f.base + "/builds");
    browser.findElement(By.linkText("Composes")).click();
    assertThat(browser.getTitle()).startsWith("Composes");
    browser.findElement(By.linkText(WebFixture.COMPOSE)).click();
    assertThat(browser.getTitle()).startsWith(WebFixture.COMPOSE);
    assertThat(text("#status")).isEqualTo("FINISHED");
    assertThat(text("#compose")).contains("<script>alert(1)</script>"); // the blueprint, as text
    assertThat(text("#sources")).contains("trixie-updates", "s1", "http://deb.debian.org/debian");
    assertThat(text("#phases")).contains("init", "FINISHED");
    shot("compose");
    browser.findElement(By.cssSelector("#packages a[href='/builds/hello_2.10-3']")).click();
    assertThat(browser.getTitle()).startsWith("hello_2.10-3");
    browser.navigate().back();
    browser.findElement(By.cssSelector("#sources a[href='/tags/trixie-updates']")).click();
    assertThat(browser.getTitle()).startsWith("trixie-updates");
  }

  @Test
  void tagsToTagToInheritance() throws Exception {
    browser.get(f.base + "/builds");
    browser.findElement(By.linkText("Tags")).click();
    browser.findElement(By.linkText("trixie-build")).click();
    assertThat(text("#inheritance").lines())
        .containsExactly("trixie-build", "trixie-updates-candidate", "trixie-updates");
    assertThat(browser.findElements(By.cssSelector("#inheritance li")))
        .extracting(e -> e.getAttribute("class"))
        .containsExactly("depth-0", "depth-1", "depth-2");
    browser.findElement(By.cssSelector("#inheritance a[href='/tags/trixie-updates']")).click();
    assertThat(browser.getTitle()).startsWith("trixie-updates");
    browser.get(f.base + "/tags/trixie-build");
    browser.findElement(By.name("inherit")).click();
    submit(browser.findElement(By.cssSelector("#tagged-options button")));
    assertThat(text("#tagged")).contains("hello_2.10-2", "trixie-updates");
    shot("tag-inheritance");
  }

  @Test
  void taggerLogsInAndTagsABuild() throws Exception {
    browser.get(f.base + "/builds/hello_2.10-3");
    browser.findElement(By.id("login")).click();
    browser.findElement(By.id("token")).sendKeys(f.tagger);
    submit(browser.findElement(By.id("login-button")));
    assertThat(text("#viewer")).isEqualTo("release-team (tagger)");
    assertThat(browser.getTitle()).startsWith("hello_2.10-3"); // back where we were
    new Select(browser.findElement(By.id("tag-into")))
        .selectByVisibleText("trixie-updates-candidate");
    submit(browser.findElement(By.id("tag-build")));
    assertThat(text("#build-tags")).contains("trixie-updates-candidate", "release-team");
    browser.findElement(By.linkText("trixie-updates-candidate")).click();
    assertThat(text("#tagged")).contains("hello_2.10-3");
    assertThat(text("#history")).contains("release-team", "tag", "hello_2.10-3");
    shot("tagged");
    submit(browser.findElement(By.id("logout")));
    shot("logged-out");
    assertThat(browser.getTitle()).startsWith("Builds");
    assertThat(browser.findElements(By.id("login"))).as(browser.getPageSource()).hasSize(1);
  }
}
