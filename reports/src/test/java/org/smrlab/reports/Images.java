package org.smrlab.reports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks on images: decoded, of the expected size, with something drawn in them. */
public final class Images {

    private Images() {
    }

    public static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new AssertionError("not a decodable image");
        }
        return image;
    }

    /** Share of pixels that are not (near) the background colour of the top-left corner. */
    public static double inkShare(BufferedImage image) {
        int background = image.getRGB(0, 0) & 0xffffff;
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(image.getRGB(x, y) & 0xffffff, background) > 60) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    public static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Pixels close to a colour (how the browser test finds the charts' series colours in a screenshot). */
    static long pixelsNear(BufferedImage image, int rgb, int tolerance) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(image.getRGB(x, y) & 0xffffff, rgb) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    /** Parses SVG as XML without fetching its DTD (VectorGraphics2D names the W3C's). */
    public static Document parseSvg(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }
}
