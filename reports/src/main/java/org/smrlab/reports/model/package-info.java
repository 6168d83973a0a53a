/**
 * The reports' model: what was read, with no reading, analysis or drawing in it. A {@link
 * org.smrlab.reports.model.Run} is a labelled set of {@link org.smrlab.reports.model.TrialResult}s
 * (key, measurements, the engine as run.json names it) with the inputs it was read from, their
 * interval logs and pending series. Depends on run-format only; every other layer depends on it.
 */
package org.smrlab.reports.model;
