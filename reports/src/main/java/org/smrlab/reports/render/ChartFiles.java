package org.smrlab.reports.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves charts as PNG and SVG through XChart 4's {@link ChartEncoder}, which hands PNG to the
 * bitmap encoder (ImageIO) and SVG to VectorGraphicsEncoder (hence VectorGraphics2D on the class
 * path); the older per-format entry points taking streams are deprecated in 4.0.3. Rendering needs fonts: a bare machine's JDK 25 finds
 * none without fontconfig and a font package, and fails deep inside AWT; that failure is turned
 * into a message that says what to install.
 */
public final class ChartFiles {

    /** A plot and the names of its files, relative to the folder they were written in. */
    public record Written(Charts.Plot plot, String png, String svg) {
    }

    private ChartFiles() {
    }

    public static List<Written> write(List<Charts.Plot> plots, Path dir) throws IOException {
        List<Written> written = new ArrayList<>();
        for (Charts.Plot plot : plots) {
            String png = plot.id() + ".png";
            String svg = plot.id() + ".svg";
            Files.write(dir.resolve(png), png(plot.chart()));
            Files.write(dir.resolve(svg), svg(plot.chart()));
            written.add(new Written(plot, png, svg));
        }
        return written;
    }

    public static byte[] png(Chart<?, ?> chart) throws IOException {
        return encode(chart, "png");
    }

    public static byte[] svg(Chart<?, ?> chart) throws IOException {
        return encode(chart, "svg");
    }

    private static byte[] encode(Chart<?, ?> chart, String format) throws IOException {
        try {
            return ChartEncoder.getBytes(chart, format);
        } catch (RuntimeException | Error e) {
            throw renderingFailed(e);
        }
    }

    private static RuntimeException renderingFailed(Throwable e) {
        String text = String.valueOf(e);
        if (text.toLowerCase(java.util.Locale.ROOT).contains("font")) {
            return new IllegalStateException("cannot draw charts: the JVM finds no fonts (" + text
                    + "); install fontconfig and a font (scripts/setup-report-deps does)", e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("cannot draw a chart: " + text, e);
    }
}
