/**
 * The command line ({@code reports compare | summary | plot | html | merge | check-smoke | catalogue}):
 * reads every input first, then writes each output whole ({@link org.smrlab.reports.cli.AtomicOutput}).
 * The only layer that may use all the others.
 */
package org.smrlab.reports.cli;
