package org.smrlab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smrlab.reports.cli.AtomicOutput;
import org.smrlab.reports.render.HtmlReport;

/**
 * Opens the HTML report in headless Chromium, as a reader would, offline.
 *
 * <p>Two runs of the browser: one dumps the DOM after the page has loaded, where the page's own
 * script has recorded whether every image decoded ({@code data-images-check="ok n/n"}); one takes
 * a screenshot, which must show the charts: the first, read-side bars of two runs, lies within the
 * window, and its two series colours are used by nothing else on the page. The report and the screenshot stay in target/browser-check/ for people to look at.
 * Chromium missing is a failure, not a skip: run scripts/setup-report-deps (CI does).
 */
class BrowserCheckTest {

    /** XChart's first two series colours (blue and orange, 180/255 alpha) over a white plot. */
    private static final int SERIES_BLUE = 0x4b72ff;
    private static final int SERIES_ORANGE = 0xffc44b;

    static Path chromium() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SMRLAB_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                candidates.add(dir + File.separator + name);
            }
        }
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("headless Chromium not found (looked for chromium, chromium-browser, google-chrome on PATH and "
                + "$SMRLAB_CHROMIUM); run scripts/setup-report-deps to install it");
    }

    private static String browse(Path chromium, Path work, String name, List<String> extra, Path page) throws Exception {
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        cmd.addAll(extra);
        cmd.add(page.toUri().toString());
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + cmd);
        }
        AtomicOutput.deleteTree(profile);
        assertThat(p.exitValue()).as("chromium exit code; stderr in " + stderr).isZero();
        return Files.readString(stdout);
    }

    @Test
    void theReportOpensInABrowserWithEveryImageDecoded() throws Exception {
        Path chromium = chromium();
        Path work = Path.of(System.getProperty("basedir", ".")).resolve("target/browser-check").toAbsolutePath();
        Files.createDirectories(work);
        Path report = work.resolve("report");
        Fixtures.Result r = Fixtures.cli("html", Fixtures.path("bare/readside-jdk25.json"),
                Fixtures.path("bare/readside-de-locale.csv"), Fixtures.path(Fixtures.WRITE_1), Fixtures.path(Fixtures.WRITE_2),
                Fixtures.path(Fixtures.STALL), "--out", report);
        assertThat(r.code()).as(r.err()).isZero();
        Path index = report.resolve(HtmlReport.INDEX);
        int images = count(Pattern.compile("<img "), Files.readString(index));
        assertThat(images).isGreaterThan(3);

        String dom = browse(chromium, work, "dom", List.of("--dump-dom"), index);
        Matcher check = Pattern.compile("data-images-check=\"([^\"]*)\"").matcher(dom);
        assertThat(check.find()).as("the page's check ran: " + dom.substring(0, Math.min(300, dom.length()))).isTrue();
        assertThat(check.group(1)).isEqualTo("ok " + images + "/" + images);

        Path screenshot = work.resolve("screenshot.png");
        Files.deleteIfExists(screenshot);
        browse(chromium, work, "screenshot", List.of("--window-size=1400,3000", "--screenshot=" + screenshot), index);
        BufferedImage shot = Images.decode(Files.readAllBytes(screenshot));
        assertThat(shot.getWidth()).isEqualTo(1400);
        assertThat(shot.getHeight()).isEqualTo(3000);
        assertThat(Images.inkShare(shot)).as("the page is not blank").isGreaterThan(0.02);
        assertThat(Images.pixelsNear(shot, SERIES_BLUE, 40)).as("chart pixels (blue series) in " + screenshot).isGreaterThan(2000);
        assertThat(Images.pixelsNear(shot, SERIES_ORANGE, 40)).as("chart pixels (orange series) in " + screenshot).isGreaterThan(2000);
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

}
