package org.smrlab.reports.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smrlab.reports.BrowserCheckTest;
import org.smrlab.reports.Images;
import org.smrlab.reports.cli.AtomicOutput;
import org.smrlab.run.RunFolder;

/**
 * The review's page opens in headless Chromium, offline, from its own file alone: every image (inlined)
 * decodes, and the screenshot is not blank. The page and the screenshot stay in target/review-browser-check/.
 */
class ReviewBrowserCheckTest {

    @Test
    void theReviewPageOpensWithEveryImageDecoded() throws Exception {
        Path chromium = BrowserCheckTest.chromium();
        Path work = Path.of(System.getProperty("basedir", ".")).resolve("target/review-browser-check").toAbsolutePath();
        AtomicOutput.deleteTree(work);
        Files.createDirectories(work);
        Path run = ReviewFixture.copy(work);
        Path out = work.resolve("review");
        ReviewTest.render(run, out);
        // the page alone: nothing beside it is needed
        Path page = work.resolve("alone").resolve(RunFolder.REVIEW_HTML);
        Files.createDirectories(page.getParent());
        Files.copy(out.resolve(RunFolder.REVIEW_HTML), page);
        String html = Files.readString(page);
        int images = count(Pattern.compile("<img "), html);
        assertThat(images).as("the review draws charts").isGreaterThanOrEqualTo(2);

        String dom = BrowserCheckTest.browse(chromium, work, "dom", List.of("--dump-dom"), page);
        Matcher check = Pattern.compile("data-images-check=\"([^\"]*)\"").matcher(dom);
        assertThat(check.find()).isTrue();
        assertThat(check.group(1)).isEqualTo("ok " + images + "/" + images);

        Path screenshot = work.resolve("screenshot.png");
        BrowserCheckTest.browse(chromium, work, "screenshot", List.of("--window-size=1400,2400", "--screenshot=" + screenshot), page);
        BufferedImage shot = Images.decode(Files.readAllBytes(screenshot));
        assertThat(shot.getWidth()).isEqualTo(1400);
        assertThat(Images.inkShare(shot)).as("the page is not blank").isGreaterThan(0.02);
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
