package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Metrics;

/**
 * Findings that must not hide inside a table: use-after-free detections by an engine that is not
 * unsafe by design (run.json's catalogue says which are), stall trials that hit the cap on pending
 * nodes, and trials the lab could not run (run.json's trials that failed).
 *
 * <p>Where an engine's facts are unknown (a bare result file, a schema-1 run), a detection is
 * reported, and the alert says that whether the engine is unsafe by design is unknown: it is never
 * guessed from the engine's name.
 */
public final class Alerts {

    private Alerts() {
    }

    public static List<String> of(List<Run> runs) {
        List<String> alerts = new ArrayList<>();
        for (Run run : runs) {
            for (RunInput part : run.parts()) {
                List<String> failed = part.info() == null ? List.of() : part.info().failedTrials();
                if (!failed.isEmpty()) {
                    alerts.add(failed.size() + " trial(s) produced no result in " + part.name() + ": " + String.join(", ", failed));
                }
            }
            for (TrialResult t : run.trials()) {
                Measurement uaf = t.secondary().get(Metrics.UAF.name());
                if (uaf != null && uaf.score() > 0) {
                    EngineRef e = t.engine();
                    if (e != null && e.facts() != null && e.facts().unsafeByDesign()) {
                        continue; // the engine exists to make the detectors fire
                    }
                    alerts.add("use-after-free detected (" + Metrics.UAF.name() + " = " + Numbers.sig(uaf.score(), 4) + ") in "
                            + t.key() + " — run " + run.label()
                            + (e != null && e.facts() == null ? " (whether " + e.label() + " is unsafe by design is unknown: "
                            + "no engine facts for it in run.json)" : ""));
                }
                Measurement unbounded = t.secondary().get(Metrics.UNBOUNDED.name());
                if (unbounded != null && unbounded.score() >= 1) {
                    alerts.add("unbounded: the cap on pending nodes ended " + t.key() + " — run " + run.label());
                }
            }
        }
        return alerts;
    }
}
