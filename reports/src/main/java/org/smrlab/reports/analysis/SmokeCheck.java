package org.smrlab.reports.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smrlab.reports.input.InputException;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;

/**
 * The CI check of a smoke run ({@code reports check-smoke}, {@code scripts/check-smoke}): it fails,
 * naming each problem, unless every engine of the run's catalogue that is not unsafe by design
 * appears, every one carries every metric the SMR profiler emits (the metric catalogue) on some
 * trial, and no trial of an engine that is not unsafe by design has a use-after-free detection.
 * Both lists come from the run itself (run.json's engine catalogue, run-format's metric catalogue):
 * a run without them (a bare file, a schema-1 run) cannot be checked and is refused as bad input.
 */
public final class SmokeCheck {
    /** The profile whose runs a folder of runs is searched for. */
    static final String SMOKE_PROFILE = "smoke";

    private SmokeCheck() {
    }

    /** {@code path} itself when it is a run folder, else the newest complete smoke run in it. */
    public static Path locate(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw InputException.of(path, "no such folder (give a run folder, or a folder holding smoke runs)");
        }
        if (Files.isRegularFile(path.resolve(RunFolder.RUN_JSON))) {
            return path;
        }
        return RunFolder.newest(path, SMOKE_PROFILE).orElseThrow(() ->
                InputException.of(path, "no " + RunFolder.RUN_JSON + ", and no complete " + SMOKE_PROFILE + "-* run folder in it"));
    }

    /** Every problem found; empty when the smoke run passes. */
    public static List<String> check(Run run) {
        Map<String, EngineFacts> catalogue = run.catalogue();
        if (catalogue.isEmpty()) {
            throw InputException.usage(run.sources() + ": no engine catalogue in run.json (a bare result file, or a "
                    + "run.json of schema 1): which engines a smoke run must have is unknown; run scripts/lab smoke again");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> metricsByEngine = new LinkedHashMap<>();
        for (TrialResult t : run.trials()) {
            if (!t.hasEngine()) {
                continue;
            }
            EngineRef e = t.engine();
            String name = e.nameOrLabel();
            metricsByEngine.computeIfAbsent(name, k -> new TreeSet<>()).addAll(t.secondary().keySet());
            Measurement uaf = t.secondary().get(Metrics.UAF.name());
            boolean unsafe = e.facts() != null && e.facts().unsafeByDesign();
            if (uaf != null && !unsafe && !(uaf.score() == 0)) {
                problems.add(t.key() + ": " + Metrics.UAF.name() + " = " + Numbers.sig(uaf.score(), 4)
                        + " (use-after-free detected; must be 0" + (e.facts() == null ? ", and " + e.label()
                        + " is not in the run's engine catalogue" : "") + ")");
            }
        }
        for (EngineFacts e : catalogue.values()) {
            if (e.unsafeByDesign()) {
                continue;
            }
            Set<String> have = metricsByEngine.get(e.name());
            if (have == null) {
                problems.add("engine " + e.name() + " is missing (no trial ran it)");
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (Metric m : Metrics.emitted()) {
                if (!have.contains(m.name())) {
                    missing.add(m.name());
                }
            }
            if (!missing.isEmpty()) {
                problems.add("engine " + e.name() + " lacks SMR profiler metrics " + missing
                        + " (was the run made with -prof " + Metrics.PROFILER + "?)");
            }
        }
        return problems;
    }
}
