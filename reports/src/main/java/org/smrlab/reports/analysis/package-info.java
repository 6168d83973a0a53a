/**
 * What the figures say: a metric's value for a trial (pooled from interval logs where the metric
 * catalogue says so), comparison tables with ratios and marks, the summary (which trial each
 * figure comes from, the goal table judged), alerts and the smoke check. Produces data, not text
 * layouts. Depends on the model (and on input's exception for bad requests).
 */
package org.smrlab.reports.analysis;
