package org.smrlab.litmus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints every litmus test of this jar with its {@link Pair}, one tab-separated line each:
 * {@code test engine aAccess aBarrier bBarrier bAccess}. The lab's review command runs it
 * ({@code java -cp litmus/target/jcstress.jar org.smrlab.litmus.PairTable}) and joins the lines with
 * the results of {@code scripts/litmus}. The tests are jcstress's own list ({@code META-INF/TestList},
 * written by its annotation processor). Exit 1, naming them, when a test has no {@code @Pair}.
 */
public final class PairTable {
    private PairTable() {
    }

    public static void main(String[] args) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String name : tests()) {
            Class<?> c = Class.forName(name, false, PairTable.class.getClassLoader());
            Pair p = c.getAnnotation(Pair.class);
            if (p == null) {
                missing.add(name);
                continue;
            }
            System.out.println(String.join("\t", name, clean(p.engine()), clean(p.aAccess()), clean(p.aBarrier()),
                    clean(p.bBarrier()), clean(p.bAccess())));
        }
        if (!missing.isEmpty()) {
            System.err.println("PairTable: tests without @Pair: " + String.join(", ", missing));
            System.exit(1);
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    /**
     * The tests jcstress lists, in list order. Each line of {@code META-INF/TestList} is
     * {@code JCTEST} followed by length-prefixed strings ({@code 37Sorg.smrlab...}), the first being the test's class.
     */
    public static List<String> tests() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = PairTable.class.getResourceAsStream("/META-INF/TestList")) {
            if (in == null) {
                throw new IOException("no META-INF/TestList on the class path: run from litmus/target/jcstress.jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (!line.startsWith("JCTEST")) {
                    continue;
                }
                int s = line.indexOf('S', 6);
                int len = Integer.parseInt(line.substring(6, s));
                String name = line.substring(s + 1, s + 1 + len);
                if (name.startsWith(PairTable.class.getPackageName() + ".")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
