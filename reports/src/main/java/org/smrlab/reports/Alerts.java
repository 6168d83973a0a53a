package org.smrlab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings that must not hide inside a table: use-after-free detections by any engine but
 * {@code broken} (the only engine allowed to have them), stall trials that hit the cap on
 * pending nodes ({@code smr.unbounded} = 1), and trials the lab could not run (run.json's
 * {@code failedTrials}).
 */
public final class Alerts {

    public static final String UAF = "smr.uaf";
    public static final String UNBOUNDED = "smr.unbounded";

    private Alerts() {
    }

    public static List<String> of(List<Run> runs) {
        List<String> alerts = new ArrayList<>();
        for (Run run : runs) {
            for (RunInput part : run.parts()) {
                JsonNode failed = part.info() == null ? null : part.info().json().get("failedTrials");
                if (failed != null && failed.isArray() && !failed.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    failed.forEach(f -> names.add(f.isValueNode() ? f.asText() : f.toString()));
                    alerts.add(failed.size() + " trial(s) produced no result in " + part.name() + ": " + String.join(", ", names));
                }
            }
            for (Trial t : run.trials()) {
                Measurement uaf = t.secondary().get(UAF);
                boolean broken = t.key().engine().map(e -> e.name().equals("broken")).orElse(false);
                if (uaf != null && uaf.score() > 0 && !broken) {
                    alerts.add("use-after-free detected (" + UAF + " = " + Numbers.sig(uaf.score(), 4) + ") in "
                            + t.key() + " — run " + run.label());
                }
                Measurement unbounded = t.secondary().get(UNBOUNDED);
                if (unbounded != null && unbounded.score() >= 1) {
                    alerts.add("unbounded: the cap on pending nodes ended " + t.key() + " — run " + run.label());
                }
            }
        }
        return alerts;
    }
}
