/**
 * Reading the inputs into the model: run folders through run-format (run.json, the trial files'
 * names and headers), JMH's CSV and JSON, HdrHistogram interval logs, pending series; grouping
 * shards into runs and merging them. Every error is an {@link org.smrlab.reports.input.InputException}
 * naming the file, line and column. Depends on the model.
 */
package org.smrlab.reports.input;
