package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smrlab.reports.model.Run;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/** What several answers share: the catalogue, engine labels, the machine's limits, the commands. */
final class Common {
    /** The command that writes the review from a review folder. */
    static final String REPORT = "scripts/report review RUN";
    /** The knob value the lab resolves on the forks' JVM ({@code barrier=auto} becomes membarrier or fence). */
    private static final String AUTO = "auto";

    private Common() {
    }

    /** The run of the default JVM, else of the JDK 22+: the engine catalogue's source. */
    static Optional<Run> anyRun(Figures f) {
        return f.review().subRun(SubRun.DEFAULT_JVM).or(() -> f.review().subRun(SubRun.MEMBARRIER_JVM));
    }

    /** The engine catalogue run.json records, in its order; empty when no sub-run has one. */
    static List<EngineFacts> catalogue(Figures f) {
        return anyRun(f).map(r -> r.info().catalogue() == null ? List.<EngineFacts>of() : r.info().catalogue()).orElse(List.of());
    }

    static Map<String, EngineFacts> facts(Figures f) {
        Map<String, EngineFacts> m = new LinkedHashMap<>();
        catalogue(f).forEach(e -> m.put(e.name(), e));
        return m;
    }

    /** Engine specs in the catalogue's order of their engines; within an engine, the plain spec first, then by text. */
    static List<String> ordered(Figures f, java.util.Collection<String> specs) {
        List<String> names = catalogue(f).stream().map(EngineFacts::name).toList();
        List<String> l = new ArrayList<>(specs);
        l.sort(java.util.Comparator.<String>comparingInt(s -> names.indexOf(name(s)) < 0 ? names.size() : names.indexOf(name(s)))
                .thenComparing(Common::name).thenComparing(s -> s.contains(":")).thenComparing(s -> s, org.smrlab.reports.model.Numbers.NATURAL));
        return l;
    }

    /**
     * The specs of a selection in order: the catalogue's engines, then within an engine by the knobs each spec
     * writes, durations as durations ({@code tick=100us} before {@code tick=1ms}), numbers as numbers.
     */
    static List<String> ordered(Selection sel) {
        List<String> names = catalogue(sel.figuresOwner()).stream().map(EngineFacts::name).toList();
        List<String> l = new ArrayList<>(sel.engines());
        l.sort(java.util.Comparator.<String>comparingInt(s -> names.indexOf(name(s)) < 0 ? names.size() : names.indexOf(name(s)))
                .thenComparing(Common::name).thenComparing(s -> s.contains(":"))
                .thenComparingLong(s -> writtenDuration(sel, s)).thenComparing(s -> s, org.smrlab.reports.model.Numbers.NATURAL));
        return l;
    }

    /** The sum of the durations (ns) among the knobs {@code spec} writes; 0 when none is a duration. */
    private static long writtenDuration(Selection sel, String spec) {
        return sel.engine(spec).records().stream().findFirst().filter(r -> r.engine() != null)
                .map(r -> r.engine().durations().entrySet().stream().filter(e -> r.engine().written().containsKey(e.getKey()))
                        .mapToLong(java.util.Map.Entry::getValue).sum()).orElse(0L);
    }

    /**
     * A table of one selector's trials on these sub-runs: one row per sub-run and engine spec, one column per
     * metric the catalogue's selector names (its own list, so the table and the plan cannot disagree).
     */
    static SectionBuilder.Table metricTable(Figures f, Prose caption, String selectorId, List<SubRun> subs) {
        org.smrlab.run.review.TrialSelector selector = org.smrlab.run.review.Questions.selector(selectorId).orElseThrow();
        List<String> headings = new ArrayList<>(List.of("JVM", "engine"));
        selector.metrics().forEach(m -> headings.add(heading(m)));
        headings.add("forks");
        SectionBuilder.Table t = new SectionBuilder.Table(caption, headings);
        for (SubRun sub : subs) {
            if (!selector.runsOn(sub)) {
                continue;
            }
            Selection s = f.select(selectorId, sub);
            List<String> specs = s.isEmpty() ? List.of("") : ordered(s);
            for (String spec : specs) {
                Selection one = spec.isEmpty() ? s : s.engine(spec);
                List<Object> row = new ArrayList<>(List.of(new SectionBuilder.Code(sub.dir()),
                        spec.isEmpty() ? Prose.words("any") : engine(s, spec)));
                Figure first = null;
                for (String m : selector.metrics()) {
                    Figure v = one.figure(m);
                    row.add(v);
                    first = first == null ? v : first;
                }
                row.add(first == null ? Prose.of() : f.forks(first));
                t.row(row);
            }
        }
        return t;
    }

    /** A metric's column heading: the catalogue's name, the score as time per operation, a group member's score by its method. */
    static String heading(String metric) {
        if (metric.equals(org.smrlab.run.review.TrialSelector.SCORE)) {
            return "time per op";
        }
        if (metric.startsWith(org.smrlab.run.review.TrialSelector.MEMBER_SCORE_PREFIX)) {
            return metric.substring(org.smrlab.run.review.TrialSelector.MEMBER_SCORE_PREFIX.length());
        }
        return metric;
    }

    /** The engine name of a spec ({@code gus-lazy} of {@code gus-lazy:tick=1ms}). */
    static String name(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    /**
     * A trial's engine as the review names it: its spec, and the knobs the JVM resolved from {@code auto}
     * (gus-lazy's {@code barrier=fence} on a JDK without membarrier: the fenced fallback, said so).
     */
    static Prose engine(Selection s, String spec) {
        Prose p = Prose.of().c(spec);
        Optional<TrialRecord> r = s.engine(spec).records().stream().findFirst();
        EngineFacts facts = facts(s.figuresOwner()).get(name(spec));
        if (r.isPresent() && r.get().engine() != null && facts != null) {
            List<String> resolved = new ArrayList<>();
            facts.defaultKnobs().forEach((k, v) -> {
                String inEffect = r.get().engine().knobs().get(k);
                if (AUTO.equals(v) && inEffect != null && !AUTO.equals(inEffect) && !r.get().engine().written().containsKey(k)) {
                    resolved.add(k + "=" + inEffect);
                }
            });
            if (!resolved.isEmpty()) {
                p.t(" (").c(String.join(",", resolved)).t(" on this JVM)");
            }
        }
        return p;
    }

    /** The value in effect of knob {@code knob} for the trial of {@code spec}; empty when unknown. */
    static Optional<String> knob(Selection s, String spec, String knob) {
        return s.engine(spec).records().stream().findFirst().filter(r -> r.engine() != null)
                .map(r -> r.engine().knobs().get(knob));
    }

    /** A knob of {@code spec}'s trial that is a duration, in ns, as a fact of run.json; missing when unknown. */
    static Figure knobNanos(Selection s, String spec, String knob) {
        Optional<TrialRecord> r = s.engine(spec).records().stream().findFirst();
        String what = knob + " of " + spec + " (" + s.subRun().dir() + ")";
        if (r.isEmpty() || r.get().engine() == null || !r.get().engine().durations().containsKey(knob)) {
            return s.figuresOwner().missing(what, r.isEmpty() ? s.engine(spec).why()
                    : "run.json does not record " + knob + " of " + spec + " in nanoseconds");
        }
        return s.figuresOwner().fact(what, r.get().engine().durations().get(knob), "ns",
                new Provenance(s.subRun().dir(), r.get().label(), "engine.durations." + knob,
                        s.subRun().dir() + "/" + RunFolder.RUN_JSON));
    }

    /** The command that runs the review this folder holds (quick or full). */
    static String labCommand(Figures f) {
        ReviewInfo info = f.review().info();
        return "scripts/lab " + (info.quick() ? "review --quick" : "review");
    }

    /** The commands every section ends with: the review, then its rendering. */
    static void commands(SectionBuilder b) {
        b.commandsFirst(List.of(labCommand(b.figures), REPORT));
    }

    /** The sub-run's machine: cores and architecture, as facts of its run.json. */
    static Prose machine(Figures f, SubRun s) {
        Prose p = Prose.of();
        Optional<Run> run = f.review().subRun(s);
        if (run.isEmpty()) {
            return p.t("no ").c(s.dir() + "/").t(" sub-run");
        }
        RunInfo.Machine m = run.get().info().machine();
        p.f(f.cores(s)).t(" cores");
        if (m != null && m.arch() != null) {
            p.t(", ").f(f.factText("architecture of " + s.dir(), m.arch(),
                    new Provenance(s.dir(), null, "machine.arch", s.dir() + "/" + RunFolder.RUN_JSON)));
        } else {
            p.t(", architecture not recorded");
        }
        return p;
    }

    /** The architecture run.json records, lower case; empty when not recorded. */
    static Optional<String> arch(Figures f) {
        return anyRun(f).map(r -> r.info().machine()).map(RunInfo.Machine::arch)
                .map(a -> a.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the machine is x86 (amd64, x86_64, i386...): stores are not reordered with older stores nor loads with loads. */
    static boolean x86(Figures f) {
        return arch(f).map(a -> a.contains("86") || a.equals("amd64")).orElse(false);
    }

    /** Words that list codes: {@code a}, {@code b} and {@code c}. */
    static Prose codes(List<String> items) {
        Prose p = Prose.of();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                p.t(i == items.size() - 1 ? " and " : ", ");
            }
            p.c(items.get(i));
        }
        if (items.isEmpty()) {
            p.t("none");
        }
        return p;
    }

    /** The machine paragraph most sections share: what a few cores of one architecture cannot show, and what would. */
    static void smallMachine(SectionBuilder b, String whatMoreCoresShow) {
        Prose p = b.limit().t("This run's machine: ").add(machine(b.figures, SubRun.DEFAULT_JVM)).t(". ");
        p.t(whatMoreCoresShow);
    }
}
