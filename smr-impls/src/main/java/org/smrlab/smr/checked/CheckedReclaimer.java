package org.smrlab.smr.checked;

import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.engine.Config;

/** Checked mode: placeholder until the checked-mode work lands (issue 5). */
public final class CheckedReclaimer {
    private CheckedReclaimer() {
    }

    public static <T> Reclaimer<T> wrap(Reclaimer<T> r, Config config) {
        r.close();
        throw new IllegalArgumentException("engine " + config.engine() + ": checked=true is not available yet");
    }
}
